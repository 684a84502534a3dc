import { describe, expect, it } from "vitest";
import { issuerUnitMismatch, sameUnitName, unitNameWords } from "./issuer-unit.ts";

describe("the unit a plan's header names", () => {
  it("leaves out the committee and the unit kind", () => {
    expect(unitNameWords("ỦY BAN NHÂN DÂN XÃ THUỶ AN", { isHeader: true })).toEqual(["THUỶ", "AN"]);
    expect(unitNameWords("UBND phường Hòa Bình", { isHeader: true })).toEqual(["Hòa", "Bình"]);
    expect(unitNameWords("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG TRIỀU", { isHeader: true })).toEqual(
      ["ĐÔNG", "TRIỀU"],
    );
    expect(unitNameWords("Uỷ ban nhân dân thành phố Hạ Long")).toEqual(["Hạ", "Long"]);
    expect(unitNameWords("Thị trấn Cái Rồng")).toEqual(["Cái", "Rồng"]);
  });

  it("names no unit for a department's header or a committee without a name", () => {
    expect(unitNameWords("SỞ NỘI VỤ", { isHeader: true })).toBeNull();
    expect(unitNameWords("ỦY BAN NHÂN DÂN", { isHeader: true })).toBeNull();
  });

  it("matches names across case, tone placement, the kind word and missing diacritics", () => {
    expect(sameUnitName("ỦY BAN NHÂN DÂN XÃ THUỶ AN", "Xã Thủy An")).toBe(true);
    expect(sameUnitName("UBND phường Đông Hoà", "Phường Đông Hòa")).toBe(true);
    expect(sameUnitName("UBND XA THUY AN", "Xã Thủy An")).toBe(true);
    expect(sameUnitName("UỶ BAN NHÂN DÂN PHƯỜNG HÒA BÌNH", "Hòa Bình")).toBe(true);
  });

  it("keeps apart names that differ in a letter, a tone or a word", () => {
    expect(sameUnitName("ỦY BAN NHÂN DÂN XÃ THỦY AN", "Xã Thủy An Đông")).toBe(false);
    expect(sameUnitName("ỦY BAN NHÂN DÂN PHƯỜNG HÓA AN", "Phường Hòa An")).toBe(false);
    expect(sameUnitName("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "Xã Tân Lập")).toBe(true);
    expect(sameUnitName("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "Xã Tân Lộc")).toBe(false);
  });
});

describe("the import's unit check", () => {
  const ward = { id: "w1", name: "Phường Hòa Bình" };
  const thuyAn = { id: "w2", name: "Xã Thủy An" };
  const other = { id: "w3", name: "Xã Tân Lập" };

  it("is silent when the header names the draft's unit, names none, or is no committee's", () => {
    expect(issuerUnitMismatch("ỦY BAN NHÂN DÂN PHƯỜNG HOÀ BÌNH", ward, [ward])).toBeNull();
    expect(issuerUnitMismatch(null, ward, [ward])).toBeNull();
    expect(issuerUnitMismatch("SỞ NỘI VỤ", ward, [ward])).toBeNull();
  });

  it("names both units and offers the matching unit the user may write to", () => {
    expect(issuerUnitMismatch("ỦY BAN NHÂN DÂN XÃ THUỶ AN", ward, [ward, thuyAn, other])).toEqual({
      code: "PLAN_IMPORT_UNIT_MISMATCH",
      issuer: "ỦY BAN NHÂN DÂN XÃ THUỶ AN",
      unitId: "w1",
      unitName: "Phường Hòa Bình",
      candidates: [{ id: "w2", name: "Xã Thủy An" }],
    });
  });

  it("offers no other unit to a user who writes only for their own", () => {
    const mismatch = issuerUnitMismatch("ỦY BAN NHÂN DÂN XÃ THUỶ AN", ward, [ward]);
    expect(mismatch?.candidates).toEqual([]);
    expect(mismatch?.unitName).toBe("Phường Hòa Bình");
  });
});
