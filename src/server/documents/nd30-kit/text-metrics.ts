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
