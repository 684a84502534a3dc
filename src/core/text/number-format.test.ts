import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  NOTHING_HAPPENED_TEXT,
  formatNumber,
  formatPercent,
  formatRate,
  ratioPercent,
} from "./number-format.ts";

describe("formatNumber", () => {
  it("uses the decimal comma and dots between thousands", () => {
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatNumber(9.5, { maxFractionDigits: 1 })).toBe("9,5");
  });

  it("rounds half away from zero on the decimal value", () => {
    expect(formatNumber(1.005)).toBe("1,01");
    expect(formatNumber(-2.345)).toBe("-2,35");
    expect(formatNumber(0.125, { maxFractionDigits: 2 })).toBe("0,13");
  });

  it("drops trailing zeros down to the minimum", () => {
    expect(formatNumber(99.7, { minFractionDigits: 0 })).toBe("99,7");
    expect(formatNumber(85, { minFractionDigits: 0 })).toBe("85");
    expect(formatNumber(85)).toBe("85,00");
  });

  it("never writes a negative zero", () => {
    expect(formatNumber(-0.001)).toBe("0,00");
  });

  it("can leave out the grouping", () => {
    expect(formatNumber(2026, { maxFractionDigits: 0, useGrouping: false })).toBe("2026");
  });

  it("reads back to the rounded value (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const text = formatNumber(value);
        const parsed = Number(text.replace(/\./g, "").replace(",", "."));
        expect(Math.abs(parsed - value)).toBeLessThanOrEqual(0.005 + 1e-6 * Math.abs(value));
      }),
    );
  });
});

describe("percent and rates", () => {
  it("shows rates to two decimals", () => {
    expect(formatPercent(99.7)).toBe("99,70%");
    expect(formatRate(997, 1000)).toBe("99,70%");
    expect(formatRate(2, 3)).toBe("66,67%");
  });

  it('shows "không phát sinh" for a zero denominator', () => {
    expect(formatRate(0, 0)).toBe(NOTHING_HAPPENED_TEXT);
    expect(NOTHING_HAPPENED_TEXT).toBe("không phát sinh");
    expect(ratioPercent(5, 0)).toBeNull();
  });
});
