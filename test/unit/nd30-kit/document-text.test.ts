import { describe, expect, it } from "vitest";
import {
  basisLines,
  dashedList,
  numberLine,
  placeAndDate,
  signerAuthorityLines,
} from "../../../src/server/documents/nd30-kit/index.ts";

describe("document text (ND 30/2020)", () => {
  it("pads days below 10 and the months 1 and 2 only", () => {
    expect(placeAndDate("Hoà Phong", "2026-02-02", 2026)).toBe(
      "Hoà Phong, ngày 02 tháng 02 năm 2026",
    );
    expect(placeAndDate("Hà Nội", "2020-01-05", 2020)).toBe("Hà Nội, ngày 05 tháng 01 năm 2020");
    expect(placeAndDate("Hà Nội", "2026-03-15", 2026)).toBe("Hà Nội, ngày 15 tháng 3 năm 2026");
    expect(placeAndDate("Hà Nội", "2026-12-09", 2026)).toBe("Hà Nội, ngày 09 tháng 12 năm 2026");
  });

  it("leaves blanks in a draft", () => {
    expect(placeAndDate("Hòa Phong", null, 2026)).toBe("Hòa Phong, ngày      tháng      năm 2026");
    expect(numberLine({ number: null, symbol: "KH-UBND" })).toBe("Số:      /KH-UBND");
    expect(numberLine({ number: " ", symbol: "QĐ-UBND" })).toBe("Số:      /QĐ-UBND");
  });

  it("writes number and symbol, with a leading zero below 10", () => {
    expect(numberLine({ number: "28", symbol: "QĐ-UBND" })).toBe("Số: 28/QĐ-UBND");
    expect(numberLine({ number: "5", symbol: "KH-UBND" })).toBe("Số: 05/KH-UBND");
  });

  it("punctuates lists and bases", () => {
    expect(dashedList(["UBND tỉnh;", "Lưu: VT"])).toEqual(["- UBND tỉnh;", "- Lưu: VT."]);
    expect(basisLines(["Căn cứ A.", "Căn cứ B"])).toEqual(["Căn cứ A;", "Căn cứ B."]);
  });

  it("builds the signer's authority lines", () => {
    const base = { name: "Nguyễn Văn An", onBehalfOf: "ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" };
    expect(signerAuthorityLines({ ...base, authority: "TM." })).toEqual([
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
    ]);
    expect(
      signerAuthorityLines({
        ...base,
        authority: "KT.",
        onBehalfOf: "CHỦ TỊCH",
        title: "PHÓ CHỦ TỊCH",
      }),
    ).toEqual(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    expect(signerAuthorityLines({ ...base, authority: "Q." })).toEqual(["Q. CHỦ TỊCH"]);
  });
});
