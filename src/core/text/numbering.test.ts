import { describe, expect, it } from "vitest";
import { enumerationLetter, romanNumeral } from "./numbering.ts";

describe("numbering of administrative texts", () => {
  it("numbers with Roman numerals and Vietnamese letters", () => {
    expect([1, 2, 4, 9, 14, 40].map(romanNumeral)).toEqual(["I", "II", "IV", "IX", "XIV", "XL"]);
    expect(romanNumeral(1999)).toBe("MCMXCIX");
    expect([0, 4, 5, 6, 9].map(enumerationLetter)).toEqual(["a", "đ", "e", "g", "k"]);
    expect(enumerationLetter(23)).toBe("a2");
  });
});
