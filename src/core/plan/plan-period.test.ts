import { describe, expect, it } from "vitest";
import { resolvePlanPeriod } from "./plan-period.ts";

describe("resolvePlanPeriod", () => {
  it("resolves years, halves and stages with Vietnamese labels", () => {
    expect(resolvePlanPeriod({ kind: "year", year: 2026 })).toEqual({
      kind: "year",
      start: "2026-01-01",
      end: "2026-12-31",
      label: "Năm 2026",
    });
    expect(resolvePlanPeriod({ kind: "half_year", year: 2025, half: 2 })).toMatchObject({
      start: "2025-07-01",
      label: "6 tháng cuối năm 2025",
    });
    expect(resolvePlanPeriod({ kind: "multi_year", year: 2026, endYear: 2030 })).toMatchObject({
      end: "2030-12-31",
      label: "Giai đoạn 2026-2030",
    });
    expect(
      resolvePlanPeriod({ kind: "other", start: "2026-03-01", end: "2026-09-30" }),
    ).toMatchObject({
      label: "Từ 01/03/2026 đến 30/09/2026",
    });
  });
  it("explains invalid periods", () => {
    expect(resolvePlanPeriod({ kind: "year", year: 1990 })).toEqual({
      problem: "năm phải từ 2000 đến 2100",
    });
    expect(resolvePlanPeriod({ kind: "half_year", year: 2026 })).toHaveProperty("problem");
    expect(resolvePlanPeriod({ kind: "multi_year", year: 2026, endYear: 2025 })).toHaveProperty(
      "problem",
    );
    expect(
      resolvePlanPeriod({ kind: "other", start: "2026-05-01", end: "2026-04-01" }),
    ).toHaveProperty("problem");
  });
});
