import { describe, expect, it } from "vitest";
import { contrastRatio, dimmedText, palette, placeholderText } from "./palette.ts";

describe("theme palette reaches WCAG AA", () => {
  for (const [name, shades] of Object.entries(palette)) {
    it(`${name}: filled, light and outline variants`, () => {
      expect(contrastRatio(shades[8], "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(shades[9], "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(shades[9], shades[1])).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(shades[9], shades[0])).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(shades[7], "#ffffff")).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("dimmed and placeholder text on white and on the navbar grey", () => {
    for (const background of ["#ffffff", "#f8f9fa", "#f1f3f5"]) {
      expect(contrastRatio(dimmedText, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(placeholderText, background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("computes the known ratio of black on white", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});
