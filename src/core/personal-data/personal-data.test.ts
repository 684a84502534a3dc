import { describe, expect, it } from "vitest";
import {
  addYears,
  ANONYMISED_FIELDS,
  closedOnOrBefore,
  dossierPersonalData,
  dueFrom,
  feedbackPersonalData,
  isDue,
  maskAddress,
  maskEmailAddress,
  maskIdNumber,
  maskPersonalValue,
  maskPersonName,
  maskPhoneNumber,
  PERSONAL_FIELDS,
  RetentionPolicyError,
  validRetentionPolicy,
} from "./index.ts";

describe("masking names", () => {
  it("keeps the family name and the other words' initials", () => {
    expect(maskPersonName("Nguyễn Văn An")).toBe("Nguyễn V. A.");
    expect(maskPersonName("Trần Thị Thu Hằng")).toBe("Trần T. T. H.");
  });
  it("keeps the initials' diacritics and Đ", () => {
    expect(maskPersonName("Đỗ Ánh Ưng")).toBe("Đỗ Á. Ư.");
  });
  it("reads decomposed Vietnamese like precomposed", () => {
    const decomposed = "Nguyễn Ánh".normalize("NFD");
    expect(maskPersonName(decomposed)).toBe("Nguyễn Á.");
  });
  it("handles short names, extra spaces and empty input", () => {
    expect(maskPersonName("Hùng")).toBe("H.");
    expect(maskPersonName("  Lê   Na ")).toBe("Lê N.");
    expect(maskPersonName("")).toBe("");
  });
});

describe("masking numbers and addresses", () => {
  it("keeps a phone's first and last two digits", () => {
    expect(maskPhoneNumber("0912345689")).toBe("09******89");
    expect(maskPhoneNumber("0912 345.689")).toBe("09******89");
    expect(maskPhoneNumber("12345")).toBe("*****");
  });
  it("keeps the last three digits of an ID number", () => {
    expect(maskIdNumber("001203004567")).toBe("*********567");
    expect(maskIdNumber("123")).toBe("***");
  });
  it("keeps the e-mail's first character and domain", () => {
    expect(maskEmailAddress("an.nguyen@gmail.com")).toBe("a***@gmail.com");
    expect(maskEmailAddress("không-phải-email")).toBe("***");
  });
  it("masks a value by its kind, idempotently for names", () => {
    expect(maskPersonalValue("name", "Nguyễn Văn An")).toBe("Nguyễn V. A.");
    expect(maskPersonalValue("name", "Nguyễn V. A.")).toBe("Nguyễn V. A.");
    expect(maskPersonalValue("text", "Nhà tôi ở số 5")).toBe("***");
  });
  it("keeps the address's last part only", () => {
    expect(maskAddress("Số 12 Lê Lợi, tổ 5, Phường Bãi Cháy")).toBe("***, Phường Bãi Cháy");
    expect(maskAddress("Thôn Đông")).toBe("***");
  });
});

describe("masked views", () => {
  const dossier = {
    code: "H01.01-250701-0001",
    applicantName: "Phạm Thị Hòa",
    applicantPhone: "0987654321",
    applicantAddress: "Tổ 3, Phường Hà Tu",
  };
  it("masks a dossier's applicant and says so; full leaves it as it is", () => {
    expect(dossierPersonalData(dossier, "masked")).toEqual({
      code: dossier.code,
      applicantName: "Phạm T. H.",
      applicantPhone: "09******21",
      applicantAddress: "***, Phường Hà Tu",
      personalData: "masked",
    });
    expect(dossierPersonalData(dossier, "full")).toEqual({ ...dossier, personalData: "full" });
  });
  it("masks a feedback's sender and the sender's data inside its texts", () => {
    const masked = feedbackPersonalData(
      {
        senderName: "Lê Văn Tám",
        senderPhone: "0912345689",
        senderEmail: "tam@example.vn",
        senderAddress: null,
        title: "Ông Lê Văn Tám phản ánh",
        content: "Gọi lại cho tôi số 0912345689, CCCD 001203004567.",
        answer: null,
        satisfactionNote: null,
      },
      "masked",
    );
    expect(masked.personalData).toBe("masked");
    expect(masked.senderName).toBe("Lê V. T.");
    expect(masked.senderEmail).toBe("t***@example.vn");
    expect(masked.title).not.toContain("Lê Văn Tám");
    expect(masked.content).not.toContain("0912345689");
    expect(masked.content).not.toContain("001203004567");
    expect(masked.answer).toBeNull();
  });
  it("lists every anonymised field among the personal fields", () => {
    for (const record of ["dossier", "feedback"] as const) {
      const personal = PERSONAL_FIELDS[record].map((f) => f.field);
      expect([...ANONYMISED_FIELDS[record]].sort()).toEqual([...personal].sort());
    }
  });
});

describe("retention", () => {
  it("is due the day after the period ends", () => {
    expect(dueFrom("2020-03-15", 5)).toBe("2025-03-16");
    expect(isDue("2020-03-15", "2025-03-15", 5)).toBe(false);
    expect(isDue("2020-03-15", "2025-03-16", 5)).toBe(true);
    expect(isDue(null, "2099-01-01", 1)).toBe(false);
  });
  it("gives the last closing day due on a date, consistent with isDue around 29/02", () => {
    for (const asOf of ["2021-03-01", "2024-02-29", "2024-03-01", "2025-01-01", "2028-02-29"]) {
      for (const years of [1, 3, 4, 5]) {
        const last = closedOnOrBefore(asOf, years);
        expect(isDue(last, asOf, years)).toBe(true);
        const next = new Date(`${last}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        expect(isDue(next.toISOString().slice(0, 10), asOf, years)).toBe(false);
      }
    }
  });
  it("moves 29/02 to 28/02 in a common year", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });
  it("refuses periods that are not whole years from 1 to 100", () => {
    expect(validRetentionPolicy({ dossierYears: 5, feedbackYears: 3 })).toEqual({
      dossierYears: 5,
      feedbackYears: 3,
    });
    expect(() => validRetentionPolicy({ dossierYears: 0, feedbackYears: 3 })).toThrow(
      RetentionPolicyError,
    );
    expect(() => validRetentionPolicy({ dossierYears: 5, feedbackYears: 2.5 })).toThrow(
      RetentionPolicyError,
    );
  });
});
