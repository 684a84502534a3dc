import { describe, expect, it } from "vitest";
import {
  fitUpperCaseLines,
  millimetresToTwips,
  upperCaseWidth,
} from "../../../src/server/documents/nd30-kit/index.ts";

describe("printed widths of header lines", () => {
  it("measures the Quốc hiệu at 10 pt bold as LibreOffice prints it (≈ 73,4 mm on the PDF)", () => {
    const width = upperCaseWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 20, true);
    expect(width).toBeGreaterThan(millimetresToTwips(72.5));
    expect(width).toBeLessThan(millimetresToTwips(74.5));
  });

  it("counts the horn of Ư and Ơ and ignores the other marks", () => {
    expect(upperCaseWidth("Ư", 20, false)).toBeGreaterThan(upperCaseWidth("U", 20, false));
    expect(upperCaseWidth("Ấ", 20, false)).toBe(upperCaseWidth("A", 20, false));
  });

  it("breaks a long name into even lines and leaves a short one whole", () => {
    const column = millimetresToTwips(46);
    expect(fitUpperCaseLines("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", column, 20, true)).toEqual([
      "TRUNG TÂM PHỤC VỤ",
      "HÀNH CHÍNH CÔNG",
    ]);
    expect(fitUpperCaseLines("UBND PHƯỜNG BÃI CHÁY", column, 20, false)).toEqual([
      "UBND PHƯỜNG BÃI CHÁY",
    ]);
    expect(fitUpperCaseLines("BỘ PHẬN MỘT CỬA", column, 20, true)).toEqual(["BỘ PHẬN MỘT CỬA"]);
  });
});
