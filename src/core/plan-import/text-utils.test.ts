import { describe, expect, it } from "vitest";
import { findDate, normaliseDocumentNumber, parseDecimal, stripMarkdown } from "./text-utils.ts";

describe("parseDecimal", () => {
  it("reads the decimal comma and the decimal point", () => {
    expect(parseDecimal("99,7")).toBe(99.7);
    expect(parseDecimal("9.5")).toBe(9.5);
    expect(parseDecimal("01")).toBe(1);
    expect(parseDecimal("1.000")).toBe(1000);
    expect(parseDecimal("abc")).toBeNull();
  });
});

describe("findDate", () => {
  it("reads worded, numeric and partial dates", () => {
    expect(findDate("Bãi Cháy, ngày 02 tháng 02 năm 2023")?.iso).toBe("2023-02-02");
    expect(findDate("ngày tháng 12 năm 2023")?.iso).toBe("2023-12");
    expect(findDate("ngày  tháng  năm 2024")?.iso).toBe("2024");
    expect(findDate("ban hành ngày 19/6/2015;")?.iso).toBe("2015-06-19");
    expect(findDate("không có ngày")).toBeNull();
  });
});

describe("normaliseDocumentNumber", () => {
  it("normalises spacing around the symbol and rejects blank numbers", () => {
    expect(normaliseDocumentNumber("28/QĐ - UBND")).toBe("28/QĐ-UBND");
    expect(normaliseDocumentNumber("72 /QĐ-UBND")).toBe("72/QĐ-UBND");
    expect(normaliseDocumentNumber("Số: **72** /QĐ-UBND")).toBe("72/QĐ-UBND");
    expect(normaliseDocumentNumber("/KH-UBND")).toBeNull();
    expect(normaliseDocumentNumber("  ")).toBeNull();
  });
});

describe("stripMarkdown", () => {
  it("removes headings, bold and italic markers but keeps list dashes", () => {
    expect(stripMarkdown("## **I. MỤC ĐÍCH**")).toBe("I. MỤC ĐÍCH");
    expect(stripMarkdown("*Căn cứ Luật;*")).toBe("Căn cứ Luật;");
    expect(stripMarkdown("- Cơ quan chủ trì: Văn phòng")).toBe("- Cơ quan chủ trì: Văn phòng");
    expect(stripMarkdown("* mục")).toBe("- mục");
  });
});
