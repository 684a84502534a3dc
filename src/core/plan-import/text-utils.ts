/** Small text helpers shared by the plan-import parsers. Pure functions. */
import { searchKey, toneInsensitiveKey } from "../text/vietnamese-text.ts";

export { searchKey, toneInsensitiveKey };

/** Collapses whitespace (including non-breaking and zero-width spaces) and trims. */
export function cleanSpaces(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/**
 * Removes Markdown decoration that Word-to-text converters leave: heading hashes, bold and
 * italic markers, block quotes, trailing hard-break spaces. List markers are kept.
 */
export function stripMarkdown(line: string): string {
  let text = line.replace(/\s+$/, "");
  text = text.replace(/^\s{0,3}#{1,6}\s+/, "");
  text = text.replace(/^\s{0,3}>\s?/, "");
  text = text.replace(/\*\*|__/g, "");
  // A leading "* " is a bullet; other single asterisks are emphasis.
  const bullet = /^\s*\*\s+/.test(text);
  if (bullet) text = text.replace(/^\s*\*\s+/, "- ");
  text = text.replace(/(^|[^\\])\*(?=\S)|(?<=\S)\*/g, "$1");
  text = text.replace(/\\([*_#|\\-])/g, "$1");
  return text;
}

/** Parses "99,7", "9.5", "01", "1.000" into a number; null when not a number. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d+(?:[.,]\d+)*$/.test(text)) return null;
  let normalised: string;
  if (/^\d{1,3}(?:\.\d{3})+$/.test(text) && !text.includes(",")) {
    normalised = text.replace(/\./g, "");
  } else if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(text)) {
    normalised = text.replace(/\./g, "").replace(",", ".");
  } else {
    normalised = text.replace(",", ".");
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function isoDate(year: number, month: number | null, day: number | null): string | null {
  if (year < 1900 || year > 2200) return null;
  if (month === null) return String(year);
  if (month < 1 || month > 12) return String(year);
  if (day === null) return `${year}-${pad(month)}`;
  if (day < 1 || day > 31) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const WORDED_DATE = /ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/iu;
const NUMERIC_DATE = /(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/u;

/** Finds the first date in the text: "ngày 02 tháng 02 năm 2023", "02/02/2023"; partial dates too. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  const worded = WORDED_DATE.exec(text);
  const numeric = NUMERIC_DATE.exec(text);
  const candidates: { iso: string; index: number; length: number }[] = [];
  if (worded) {
    const iso = isoDate(
      Number(worded[3]),
      worded[2] ? Number(worded[2]) : null,
      worded[1] && worded[2] ? Number(worded[1]) : null,
    );
    if (iso) candidates.push({ iso, index: worded.index, length: worded[0].length });
  }
  if (numeric) {
    const iso = isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
    if (iso) candidates.push({ iso, index: numeric.index, length: numeric[0].length });
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0] ?? null;
}

/**
 * Normalises a document number and symbol: "28/QĐ - UBND" → "28/QĐ-UBND", "72 /QĐ-UBND" →
 * "72/QĐ-UBND". Returns null when the number part is blank ("/QĐ-UBND").
 */
export function normaliseDocumentNumber(raw: string): string | null {
  let text = cleanSpaces(raw.replace(/\*+/g, ""))
    .replace(/^số\s*:?\s*/iu, "")
    .replace(/\s*([/–—-])\s*/g, (_m, sep: string) => (sep === "/" ? "/" : "-"))
    .replace(/[.,;:)]+$/, "");
  text = text.replace(/\s+/g, "");
  if (!text || text.startsWith("/")) return null;
  if (!/^[\p{L}\p{N}]/u.test(text)) return null;
  return text;
}

/** Matches a document number+symbol like "28/QĐ - UBND", "76/NQ-CP", "01/2023/TT-VPCP", "03-NQ/TU". */
export const DOCUMENT_NUMBER_PATTERN =
  /(?<![\p{L}\p{N}])([\p{L}\p{N}]{0,6}\d[\p{L}\p{N}]*(?:\s*[/-]\s*[\p{Lu}\p{N}Đđ&]+)+)/u;

/** Upper-case ratio of letters, used to tell headings from body text. */
export function isUpperCaseLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  return upper / letters.length >= 0.85;
}

export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text.trimStart());
}

/** Comparable key: tone placement, case, whitespace and punctuation folded. */
export function comparableKey(text: string): string {
  return toneInsensitiveKey(text)
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .trim();
}

export function trimTrailingPunctuation(text: string): string {
  return text.replace(/[\s.;,:]+$/u, "").trim();
}
