/**
 * How Vietnamese administrative texts number things: parts and annexes with Roman numerals
 * (I, II, III…), points with letters of the Vietnamese alphabet (a, b, c, d, đ, e…).
 */

const ROMAN_DIGITS: [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** 1 → "I", 14 → "XIV"; "" for 0 and below. */
export function romanNumeral(value: number): string {
  let rest = value;
  let text = "";
  for (const [amount, digits] of ROMAN_DIGITS) {
    while (rest >= amount) {
      text += digits;
      rest -= amount;
    }
  }
  return text;
}

/** Vietnamese enumeration letters: a, b, c, d, đ, e, g, h, i, k… (no f, j, w, z). */
const LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split(" ");

/** The letter of the point at `index` (from 0): "a", "b"… then "a2", "b2"… */
export function enumerationLetter(index: number): string {
  const letter = LETTERS[index % LETTERS.length] ?? "a";
  const round = Math.floor(index / LETTERS.length);
  return round === 0 ? letter : `${letter}${round + 1}`;
}
