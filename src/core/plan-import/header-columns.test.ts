import { describe, expect, it } from "vitest";
import { splitHeaderColumns } from "./header-columns.ts";
import { parsePlan } from "./index.ts";
import { textToDocument } from "./text-source.ts";

describe("a header whose two columns were flattened into single lines", () => {
  it("cuts issuer | motto and number | place-date lines", () => {
    expect(splitHeaderColumns("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toEqual([
      "ỦY BAN NHÂN DÂN",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]);
    expect(splitHeaderColumns("PHƯỜNG AN BÌNH Độc lập - Tự do - Hạnh phúc")).toEqual([
      "PHƯỜNG AN BÌNH",
      "Độc lập - Tự do - Hạnh phúc",
    ]);
    expect(splitHeaderColumns("Số: 07 /KH-UBND Thành phố Mới, ngày 5 tháng 2 năm 2026")).toEqual([
      "Số: 07 /KH-UBND",
      "Thành phố Mới, ngày 5 tháng 2 năm 2026",
    ]);
  });

  it("leaves ordinary lines alone", () => {
    expect(splitHeaderColumns("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBeNull();
    expect(splitHeaderColumns("Phấn đấu Độc lập - Tự do")).toBeNull();
    expect(splitHeaderColumns("Ủy ban nhân dân phường An Bình, ngày hôm nay")).toBeNull();
  });

  it("reads the document fields as from a well-formed header", () => {
    const text = [
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "PHƯỜNG AN BÌNH Độc lập - Tự do - Hạnh phúc",
      "Số: 07 /KH-UBND An Bình, ngày 05 tháng 02 năm 2026",
      "KẾ HOẠCH",
      "Cải cách hành chính phường An Bình năm 2026",
      "Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân phường ban hành Kế hoạch như sau:",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.",
    ].join("\n");
    const plan = parsePlan(textToDocument(text));
    expect(plan.document).toMatchObject({
      number: "07/KH-UBND",
      issuer: "ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH",
      place: "An Bình",
      date: "2026-02-05",
      title: "Cải cách hành chính phường An Bình năm 2026",
    });
  });
});

describe("text copied from a web page with its lines wrapped", () => {
  it("reads every basis of one sentence and does not take a wrapped dash for a bullet", () => {
    const text = [
      "KẾ HOẠCH",
      "Cải cách hành chính năm 2026",
      "Căn cứ Quyết định số 11/QĐ-TTg",
      "ngày 10/01/2026 của Thủ tướng Chính phủ về phát triển kinh tế",
      "- xã hội năm 2026; căn cứ Nghị quyết số 22/NQ-CP ngày 12/01/2026 của",
      "Chính phủ về cải thiện môi trường kinh doanh, UBND tỉnh xây dựng Kế hoạch như sau:",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "- Bảo đảm tiến độ;",
      "- tổ chức thực hiện nghiêm túc.",
    ].join("\n");
    const plan = parsePlan(textToDocument(text));
    expect(plan.bases.map((b) => [b.type, b.number, b.date, b.issuer])).toEqual([
      ["Quyết định", "11/QĐ-TTg", "2026-01-10", "Thủ tướng Chính phủ"],
      ["Nghị quyết", "22/NQ-CP", "2026-01-12", "Chính phủ"],
    ]);
    expect(plan.bases[0]!.text).toContain("kinh tế - xã hội");
  });
});
