import { describe, expect, it } from "vitest";
import { basisCitation, uniqueBases } from "./basis-citation.ts";

describe("basisCitation", () => {
  it("keeps a basis whose text already names its kind, number, date and issuer", () => {
    const text =
      "Kế hoạch số 412/KH-UBND ngày 26/12/2025 của UBND tỉnh Quảng Ninh về cải cách hành chính năm 2026";
    expect(
      basisCitation({
        type: "Kế hoạch",
        number: "412/KH-UBND",
        date: "2025-12-26",
        issuer: "UBND tỉnh Quảng Ninh",
        text: `Căn cứ ${text};`,
      }),
    ).toBe(text);
  });

  it("prints the fields the text lacks, in ND 30 order, before the title", () => {
    expect(
      basisCitation({
        type: "Quyết định",
        number: "15/QĐ-UBND",
        date: "2026-01-05",
        issuer: "UBND tỉnh Quảng Ninh",
        text: "Quyết định số 15/QĐ-UBND về việc ban hành Kế hoạch cải cách hành chính năm 2026",
      }),
    ).toBe(
      "Quyết định số 15/QĐ-UBND ngày 05 tháng 01 năm 2026 của UBND tỉnh Quảng Ninh về việc ban hành Kế hoạch cải cách hành chính năm 2026",
    );
  });
});

describe("uniqueBases", () => {
  it("keeps one citation per document (same kind and number, or same text)", () => {
    const law = {
      type: "Luật",
      number: null,
      date: "2025-06-16",
      issuer: null,
      text: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    };
    const plan = {
      type: "Kế hoạch",
      number: "412/KH-UBND",
      date: null,
      issuer: null,
      text: "Kế hoạch số 412/KH-UBND",
    };
    const again = { ...plan, number: "412/KH - UBND", text: "Kế hoạch số 412/KH - UBND của tỉnh" };
    expect(uniqueBases([law, plan, { ...law, text: `Căn cứ ${law.text};` }, again])).toEqual([
      law,
      plan,
    ]);
  });
});
