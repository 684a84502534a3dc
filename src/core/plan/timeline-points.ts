import {
  halfYearSpan,
  isValidDate,
  isoDate,
  monthSpan,
  parseIsoDate,
  quarterSpan,
  spansOverlap,
  yearSpan,
  type DateSpan,
} from "./iso-date.ts";
import type { PlanPeriod, QuarterNumber } from "./timeline.ts";

/**
 * Building blocks of the timeline parser. They read text already passed through
 * `normalizeTimelineText`: lower case, no diacritics (so "Hằng"/"Hàng", "Quý"/"Qúy" and old or
 * new tone placement all read the same), "đ" as "d", single spaces, no spaces around "/".
 */

/** A point in time whose year may be missing ("Quý I", "tháng 3", "30/9"). */
export interface TimePoint {
  year: number | null;
  spanOf: (year: number) => DateSpan | null;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const ROMAN_QUARTERS: Record<string, QuarterNumber> = { i: 1, ii: 2, iii: 3, iv: 4 };

export function quarterNumber(token: string): QuarterNumber | null {
  const fromRoman = ROMAN_QUARTERS[token];
  if (fromRoman) return fromRoman;
  const value = Number(token);
  return value >= 1 && value <= 4 ? (value as QuarterNumber) : null;
}

export function readYear(token: string | undefined): number | null | "invalid" {
  if (token === undefined) return null;
  const year = Number(token);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : "invalid";
}

/**
 * The year for a point written without one: the first year of the plan period in which the
 * point overlaps the period; the period's first year when none does (then flagged for review).
 */
export function inferYear(
  spanOf: (year: number) => DateSpan | null,
  period: PlanPeriod,
): { year: number; isOutsidePeriod: boolean } {
  const firstYear = parseIsoDate(period.periodStart).year;
  const lastYear = parseIsoDate(period.periodEnd).year;
  const periodSpan = { start: period.periodStart, end: period.periodEnd };
  for (let year = firstYear; year <= lastYear; year += 1) {
    const span = spanOf(year);
    if (span && spansOverlap(span, periodSpan)) return { year, isOutsidePeriod: false };
  }
  return { year: firstYear, isOutsidePeriod: true };
}

const QUARTER_TOKEN = "(iv|iii|ii|i|[1-4])(?![a-z0-9])";
const YEAR_SUFFIX = "(?:\\s*(?:/|nam)\\s*(\\d{4}))?";
export const QUARTER_HEAD = new RegExp(`\\bquy\\s*${QUARTER_TOKEN}${YEAR_SUFFIX}`);
export const QUARTER_NEXT = new RegExp(
  `\\s*(?:,|va|&)\\s*(?:quy\\s*)?${QUARTER_TOKEN}${YEAR_SUFFIX}`,
  "y",
);
export const MONTH_HEAD = new RegExp(`\\bthang\\s*(\\d{1,2})(?!\\d)${YEAR_SUFFIX}`);
export const MONTH_NEXT = new RegExp(
  `\\s*(?:,|va|&)\\s*(?:thang\\s*)?(\\d{1,2})(?!\\d)${YEAR_SUFFIX}`,
  "y",
);

export interface ListItem {
  token: string;
  year: string | undefined;
}

/** Reads "quý II và quý IV/2026" or "tháng 3, 6 và 9/2024" as items; a missing year is taken from the next item that has one. */
export function readList(text: string, head: RegExp, next: RegExp): ListItem[] | null {
  const first = head.exec(text);
  if (!first || first[1] === undefined) return null;
  const items: ListItem[] = [{ token: first[1], year: first[2] }];
  next.lastIndex = first.index + first[0].length;
  for (let match = next.exec(text); match; match = next.exec(text)) {
    if (match[1] === undefined) break;
    items.push({ token: match[1], year: match[2] });
  }
  for (let index = items.length - 2; index >= 0; index -= 1) {
    const item = items[index];
    const following = items[index + 1];
    if (item && following && item.year === undefined) item.year = following.year;
  }
  return items;
}

const FULL_DATE = /(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/;
const SHORT_DATE = /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/])/;
const WORDED_DATE = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/;

export interface DateMatch {
  point: TimePoint;
  index: number;
}

export function findDate(text: string): DateMatch | null {
  const full = FULL_DATE.exec(text);
  const worded = WORDED_DATE.exec(text);
  const short = SHORT_DATE.exec(text);
  const candidates = [
    full && { day: full[1], month: full[3], year: full[4], index: full.index },
    worded && { day: worded[1], month: worded[2], year: worded[3], index: worded.index },
    short && { day: short[1], month: short[2], year: undefined, index: short.index },
  ].filter((candidate) => candidate !== null);
  const earliest = candidates.sort((a, b) => a.index - b.index)[0];
  if (!earliest) return null;
  const year = readYear(earliest.year);
  if (year === "invalid") return null;
  const day = Number(earliest.day);
  const month = Number(earliest.month);
  const spanOf = (candidateYear: number): DateSpan | null =>
    isValidDate(candidateYear, month, day)
      ? { start: isoDate(candidateYear, month, day), end: isoDate(candidateYear, month, day) }
      : null;
  // 29/02 without a year is valid in some year; a date impossible in every year is rejected.
  if (!spanOf(year ?? 2024)) return null;
  return { point: { year, spanOf }, index: earliest.index };
}

function quarterPoint(text: string): TimePoint | null {
  const items = readList(text, QUARTER_HEAD, QUARTER_NEXT);
  const first = items?.[0];
  const quarter = first ? quarterNumber(first.token) : null;
  if (!first || !quarter) return null;
  const year = readYear(first.year);
  if (year === "invalid") return null;
  return { year, spanOf: (candidate) => quarterSpan(candidate, quarter) };
}

function monthPoint(text: string): TimePoint | null {
  const match = MONTH_HEAD.exec(text);
  const month = Number(match?.[1]);
  if (!match || month < 1 || month > 12) return null;
  const year = readYear(match[2]);
  if (year === "invalid") return null;
  return { year, spanOf: (candidate) => monthSpan(candidate, month) };
}

export const HALF_YEAR = /\b(?:6|sau) thang (dau|cuoi)(?: nam)?(?:\s*\/?\s*(\d{4}))?/;

function halfYearPoint(text: string): TimePoint | null {
  const match = HALF_YEAR.exec(text);
  if (!match) return null;
  const year = readYear(match[2]);
  if (year === "invalid") return null;
  const half = match[1] === "dau" ? 1 : 2;
  return { year, spanOf: (candidate) => halfYearSpan(candidate, half) };
}

function yearPoint(text: string): TimePoint | null {
  const match = /(?:^|\bnam\s*)(\d{4})\b/.exec(text);
  const year = readYear(match?.[1]);
  if (typeof year !== "number") return null;
  return { year, spanOf: (candidate) => yearSpan(candidate) };
}

/** One end of a range: a date, half-year, quarter, month or year. */
export function readPoint(text: string): TimePoint | null {
  return (
    findDate(text)?.point ??
    halfYearPoint(text) ??
    quarterPoint(text) ??
    monthPoint(text) ??
    yearPoint(text)
  );
}
