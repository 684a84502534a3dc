import { describe, expect, it } from "vitest";
import { personalTextView, redactPersonalText } from "./index.ts";

const applicant = {
  name: "Nguyễn Thị Thuỷ",
  phone: "0912345689",
  address: "Số 7 Hạ Long, Phường Bãi Cháy",
};

describe("redacting a free text of the record's own citizen", () => {
  it("replaces the full name whatever the letter case and tone placement", () => {
    for (const written of [
      "Nguyễn Thị Thuỷ",
      "NGUYỄN THỊ THỦY",
      "nguyễn thị thủy",
      "Nguyen Thi Thuy",
    ]) {
      const out = redactPersonalText(`Đề nghị bà ${written} bổ sung bản sao CCCD.`, applicant);
      expect(out).not.toContain(written);
      expect(out).toMatch(/^Đề nghị bà .+ bổ sung bản sao CCCD\.$/);
    }
  });

  it("replaces the usual parts of the name, not ordinary words", () => {
    const out = redactPersonalText(
      "Chị Thuỷ hẹn nộp lại; bà Nguyễn Thuỷ đã ký. Văn bản của thị xã gửi kèm.",
      applicant,
    );
    expect(out).not.toMatch(/Thuỷ|Thủy/);
    expect(out).toContain("Văn bản của thị xã gửi kèm.");
  });

  it("replaces the phone in any format, ID numbers and the street address", () => {
    const out = redactPersonalText(
      "Gọi +84 912 345 689 hoặc 0912.345.689; CCCD 001203004567; nhà ở Số 7 Hạ Long.",
      applicant,
    );
    for (const secret of ["912 345 689", "0912.345.689", "001203004567", "Số 7 Hạ Long"])
      expect(out).not.toContain(secret);
  });

  it("leaves a text without personal data as it is (dates, codes, amounts)", () => {
    const text =
      "Thiếu tờ khai mẫu 01, hạn bổ sung 12/03/2026, lệ phí 50.000 đồng (H01.01-250701-0001).";
    expect(redactPersonalText(text, applicant)).toBe(text);
  });

  it("shows texts as written for a full view, redacted for a masked one; null stays null", () => {
    const note = "Bà Nguyễn Thị Thuỷ thiếu giấy tờ";
    expect(personalTextView("full", applicant)(note)).toBe(note);
    expect(personalTextView("masked", applicant)(note)).not.toContain("Nguyễn Thị Thuỷ");
    expect(personalTextView("masked", applicant)(null)).toBeNull();
  });
});
