/**
 * Printed widths of upper-case header lines in Times New Roman (Liberation Serif, which
 * LibreOffice uses in its place, has the same metrics): advance widths in 1/1000 em of the
 * capitals, digits and space, from the Adobe Times-Roman and Times-Bold metrics. Vietnamese
 * marks above or below a letter take no width; the horn of Ư and Ơ adds a little.
 */
// prettier-ignore
const REGULAR: Record<string, number> = {
  A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722,
  L: 611, M: 889, N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722,
  W: 944, X: 722, Y: 722, Z: 611, Đ: 722, " ": 250, "-": 333, ",": 250, ".": 250, "/": 278,
};
// prettier-ignore
const BOLD: Record<string, number> = {
  A: 722, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 778, I: 389, J: 500, K: 778,
  L: 667, M: 944, N: 722, O: 778, P: 611, Q: 778, R: 722, S: 556, T: 667, U: 722, V: 722,
  W: 1000, X: 722, Y: 722, Z: 667, Đ: 722, " ": 250, "-": 333, ",": 250, ".": 250, "/": 278,
};
const DIGIT = 500;
/** A character the tables do not hold (lower case, symbols): as wide as the widest capitals. */
const OTHER = 778;
const HORN = "\u031b";
const HORN_WIDTH = 60;

/** Width in twips of `text` printed in capitals at `halfPoints`, bold or upright. */
export function upperCaseWidth(text: string, halfPoints: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const char of text.toLocaleUpperCase("vi").replace(/Đ/g, "D").normalize("NFD")) {
    if (char === HORN) units += HORN_WIDTH;
    else if (/\p{M}/u.test(char)) continue;
    else if (/\d/.test(char)) units += DIGIT;
    else units += table[char] ?? OTHER;
  }
  // 1/1000 em at halfPoints/2 pt, 20 twips a point.
  return Math.round((units * halfPoints * 10) / 1000);
}

/**
 * `text` broken into lines no wider than `width` twips, each break at the space that keeps the
 * longest line shortest (so "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" prints as two even lines rather
 * than as a long line and a word). A single word wider than `width` stays one line.
 */
export function fitUpperCaseLines(
  text: string,
  width: number,
  halfPoints: number,
  bold: boolean,
): string[] {
  const measure = (words: string[]) => upperCaseWidth(words.join(" "), halfPoints, bold);
  const words = text.split(/\s+/).filter((word) => word !== "");
  if (words.length <= 1 || measure(words) <= width) return [words.join(" ")];
  let best: { lines: string[]; longest: number } | null = null;
  for (let cut = 1; cut < words.length; cut++) {
    const head = words.slice(0, cut);
    if (measure(head) > width) break;
    const tail = fitUpperCaseLines(words.slice(cut).join(" "), width, halfPoints, bold);
    const lines = [head.join(" "), ...tail];
    const longest = Math.max(...lines.map((line) => upperCaseWidth(line, halfPoints, bold)));
    const better =
      best === null ||
      lines.length < best.lines.length ||
      (lines.length === best.lines.length && longest < best.longest);
    if (better) best = { lines, longest };
  }
  return best?.lines ?? [words.join(" ")];
}

// prettier-ignore
const LOWER_REGULAR: Record<string, number> = {
  a: 444, b: 500, c: 444, d: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500,
  l: 278, m: 778, n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500,
  w: 722, x: 500, y: 500, z: 444, ":": 278, ";": 278, "(": 333, ")": 333, "“": 444, "”": 444,
  "—": 1000, "–": 500, "…": 1000, "?": 444, "=": 564, "&": 778, "%": 833,
};
// prettier-ignore
const LOWER_BOLD: Record<string, number> = {
  a: 500, b: 556, c: 444, d: 556, e: 444, f: 333, g: 500, h: 556, i: 278, j: 333, k: 556,
  l: 278, m: 833, n: 556, o: 500, p: 556, q: 556, r: 444, s: 389, t: 333, u: 556, v: 500,
  w: 722, x: 500, y: 500, z: 444, ":": 333, ";": 333, "(": 333, ")": 333, "“": 500, "”": 500,
  "—": 1000, "–": 500, "…": 1000, "?": 500, "=": 570, "&": 833, "%": 1000,
};
/** A character neither table holds, in running text: a little wider than the average letter. */
const OTHER_IN_TEXT = 556;

/** Width in twips of `text` as printed (mixed case) at `halfPoints`, bold or upright. */
export function textWidth(text: string, halfPoints: number, bold: boolean): number {
  const upper = bold ? BOLD : REGULAR;
  const lower = bold ? LOWER_BOLD : LOWER_REGULAR;
  let units = 0;
  for (const char of text.replace(/Đ/g, "D").replace(/đ/g, "d").normalize("NFD")) {
    if (char === HORN) units += HORN_WIDTH;
    else if (/\p{M}/u.test(char)) continue;
    else if (/\d/.test(char)) units += DIGIT;
    else units += upper[char] ?? lower[char] ?? OTHER_IN_TEXT;
  }
  return Math.round((units * halfPoints * 10) / 1000);
}

/** A piece of a paragraph with its weight, for `wrappedLineCount`. */
export interface TextPiece {
  text: string;
  bold?: boolean;
}

/**
 * How many lines a paragraph of `pieces` takes in a column `width` twips wide at `halfPoints`,
 * broken at spaces as a word processor does (a word wider than the line takes lines of its own).
 */
export function wrappedLineCount(
  pieces: string | readonly TextPiece[],
  width: number,
  halfPoints: number,
): number {
  const parts = typeof pieces === "string" ? [{ text: pieces }] : pieces;
  const space = textWidth(" ", halfPoints, false);
  let lines = 1;
  let used = 0;
  for (const part of parts) {
    const words = part.text.split(" ");
    words.forEach((word, index) => {
      // A space between words of one piece; pieces join where their own text puts a space.
      const gap = index > 0 ? space : 0;
      const wide = textWidth(word, halfPoints, part.bold === true);
      if (used > 0 && used + gap + wide > width) {
        lines += 1;
        used = wide;
      } else used += gap + wide;
      while (used > width) {
        lines += 1;
        used -= width;
      }
    });
  }
  return lines;
}

/** Height in twips of one line of Times New Roman (Liberation Serif) at `halfPoints`, single spacing. */
export function lineHeight(halfPoints: number): number {
  // Ascent and descent of Liberation Serif: 0,891 + 0,216 em; 1,15 em keeps a little slack.
  return Math.ceil(halfPoints * 10 * 1.15);
}
