import { describe, expect, it } from "vitest";
import { parseUnitRows } from "./unit-import.ts";
import { isUnitActive, unitProblem } from "./unit-rules.ts";

describe("parseUnitRows", () => {
  it("reads English and Vietnamese headers, levels and dates", () => {
    const result = parseUnitRows(
      ["Mã", "Tên đơn vị", "Cấp", "Mã cấp trên", "Hiệu lực đến"],
      [
        ["22", "Tỉnh Quảng Ninh", "Tỉnh", "", ""],
        ["06700", "Phường Bãi Cháy", "Phường", "22", ""],
        ["06706", "Phường Hùng Thắng", "phường", "22", "30/06/2025"],
      ],
    );
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.code, r.level, r.kind, r.parentCode, r.validTo])).toEqual([
      ["22", "province", null, null, null],
      ["06700", "commune", "phuong", "22", null],
      ["06706", "commune", "phuong", "22", "2025-06-30"],
    ]);
  });

  it("names the row and field of each problem", () => {
    const result = parseUnitRows(
      ["code", "name", "level", "parent_code", "valid_from"],
      [
        ["1", "A", "galaxy", "", ""],
        ["2", "", "xã", "1", "31/02/2025"],
        ["1", "C", "xã", "1", ""],
      ],
    );
    expect(result.problems).toEqual([
      { row: 2, path: "level", message: expect.stringContaining("galaxy") },
      { row: 3, path: "name", message: "Thiếu tên đơn vị." },
      { row: 3, path: "validFrom", message: expect.stringContaining("31/02/2025") },
      { row: 4, path: "code", message: "Mã 1 bị trùng với dòng 2." },
    ]);
  });

  it("refuses a file without the required columns", () => {
    const result = parseUnitRows(["foo", "bar"], [["1", "2"]]);
    expect(result.problems[0]?.message).toContain("Thiếu cột bắt buộc");
  });
});

describe("unit rules", () => {
  const commune = {
    level: "commune" as const,
    kind: "xa" as const,
    validFrom: null,
    validTo: null,
    mergedIntoId: null,
  };
  it("accepts a commune under a province or a district, not under a commune", () => {
    expect(unitProblem(commune, { level: "province" })).toBeNull();
    expect(unitProblem(commune, { level: "district" })).toBeNull();
    expect(unitProblem(commune, { level: "commune" })).toMatch(/không thể trực thuộc/);
    expect(unitProblem(commune, null)).toMatch(/phải có đơn vị cấp trên/);
  });
  it("requires an end date for a merged unit", () => {
    expect(unitProblem({ ...commune, mergedIntoId: "x" }, { level: "province" })).toMatch(
      /hết hiệu lực/,
    );
  });
  it("knows when a unit is active", () => {
    expect(isUnitActive({ validFrom: null, validTo: "2025-06-30" }, "2026-11-23")).toBe(false);
    expect(isUnitActive({ validFrom: "2025-07-01", validTo: null }, "2026-11-23")).toBe(true);
  });
});
