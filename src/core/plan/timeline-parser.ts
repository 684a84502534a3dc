import { searchKey } from "../text/vietnamese-text.ts";
import {
  halfYearSpan,
  isValidDate,
  monthSpan,
  parseIsoDate,
  quarterSpan,
  yearSpan,
  type DateSpan,
  type IsoDate,
} from "./iso-date.ts";
import { cycleDueDate, cyclesInPeriod } from "./recurrence.ts";
import type {
  DateQualifier,
  PlanPeriod,
  RecurrenceFrequency,
  SimpleSchedule,
  TimelineSchedule,
  YearMonth,
  YearQuarter,
} from "./timeline.ts";
import {
  HALF_YEAR,
  MONTH_HEAD,
  MONTH_NEXT,
  QUARTER_HEAD,
  QUARTER_NEXT,
  findDate,
  inferYear,
  quarterNumber,
  readList,
  readPoint,
  readYear,
  type TimePoint,
} from "./timeline-points.ts";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Draft = DistributiveOmit<SimpleSchedule, "raw" | "needsReview">;

interface SegmentResult {
  drafts: Draft[];
  /** A year had to be guessed and the guess lies outside the plan period. */
  isDoubtful: boolean;
}

type Matcher = (text: string, period: PlanPeriod) => SegmentResult | null;

/** Lower case, no diacritics, "đ" → "d", markdown marks and trailing punctuation removed. */
export function normalizeTimelineText(raw: string): string {
  return searchKey(raw.replace(/[*_#`]/g, " "))
    .replace(/[–—]/g, "-")
    .replace(/\s*\/\s*/g, "/")
    .replace(/[\s.:;,]+$/, "")
    .replace(/^[\s\-+:.,]+/, "");
}

/**
 * Reads a task timeline. Never throws on any text: what it cannot read becomes
 * `{ kind: "unparsed", needsReview: true }`; the original text is always kept in `raw`.
 * Cells holding several schedules separated by ";" or line breaks give a composite; a cell in
 * which only some parts were understood keeps the understood parts and is flagged for review.
 */
export function parseTimeline(text: string, period: PlanPeriod): TimelineSchedule {
  assertPeriod(period);
  const segments = text
    .split(/[;\n]+/)
    .map((segment) => segment.trim())
    .filter((segment) => normalizeTimelineText(segment) !== "");
  const parts: SimpleSchedule[] = [];
  let hasUnreadSegment = segments.length === 0;
  for (const segment of segments) {
    const result = parseSegment(normalizeTimelineText(segment), period);
    if (!result) {
      hasUnreadSegment = true;
      continue;
    }
    for (const draft of result.drafts) {
      parts.push({ ...draft, raw: segment, needsReview: result.isDoubtful } as SimpleSchedule);
    }
  }
  const [onlyPart] = parts;
  if (!onlyPart) return { kind: "unparsed", raw: text, dueDate: null, needsReview: true };
  if (parts.length === 1) {
    return { ...onlyPart, raw: text, needsReview: onlyPart.needsReview || hasUnreadSegment };
  }
  return {
    kind: "composite",
    raw: text,
    parts,
    dueDate: parts.map((part) => part.dueDate).reduce((a, b) => (a >= b ? a : b)),
    needsReview: hasUnreadSegment || parts.some((part) => part.needsReview),
  };
}

function assertPeriod(period: PlanPeriod): void {
  const start = parseIsoDate(period.periodStart);
  const end = parseIsoDate(period.periodEnd);
  if (
    !isValidDate(start.year, start.month, start.day) ||
    !isValidDate(end.year, end.month, end.day)
  ) {
    throw new RangeError(`Invalid plan period ${period.periodStart}..${period.periodEnd}`);
  }
}

function parseSegment(text: string, period: PlanPeriod): SegmentResult | null {
  for (const matcher of MATCHERS) {
    const result = matcher(text, period);
    if (result) return result;
  }
  return null;
}

function resolve(
  point: TimePoint,
  period: PlanPeriod,
): { span: DateSpan; isDoubtful: boolean } | null {
  if (point.year !== null) {
    const span = point.spanOf(point.year);
    return span && { span, isDoubtful: false };
  }
  const { year, isOutsidePeriod } = inferYear(point.spanOf, period);
  const span = point.spanOf(year);
  return span && { span, isDoubtful: isOutsidePeriod };
}

const matchRange: Matcher = (text, period) => {
  const match = /^(.*?)\s+(?:den|-)\s+(?:het\s+)?(.+)$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const fromAt = match[1].search(/\btu\s/);
  const fromText = fromAt >= 0 ? match[1].slice(fromAt + 3) : match[1];
  const endPoint = readPoint(match[2]);
  const end = endPoint && resolve(endPoint, period);
  if (!end) return null;
  let start: { span: DateSpan; isDoubtful: boolean } | null;
  if (/^(?:nay|bay gio|ngay ban hanh)\b/.test(fromText)) {
    start = { span: { start: period.periodStart, end: period.periodStart }, isDoubtful: false };
  } else {
    const startPoint = readPoint(fromText);
    if (!startPoint) return null;
    start =
      startPoint.year !== null ? resolve(startPoint, period) : startBefore(startPoint, end.span);
  }
  if (!start || start.span.start > end.span.end) return null;
  return {
    drafts: [
      {
        kind: "range",
        span: { start: start.span.start, end: end.span.end },
        dueDate: end.span.end,
      },
    ],
    isDoubtful: start.isDoubtful || end.isDoubtful,
  };
};

/** "từ tháng 11 đến tháng 2/2024": the start takes the end's year, or the year before. */
function startBefore(
  point: TimePoint,
  end: DateSpan,
): { span: DateSpan; isDoubtful: boolean } | null {
  const endYear = parseIsoDate(end.end).year;
  for (const year of [endYear, endYear - 1]) {
    const span = point.spanOf(year);
    if (span && span.start <= end.end) return { span, isDoubtful: false };
  }
  return null;
}

const matchHalfYear: Matcher = (text, period) => {
  const match = HALF_YEAR.exec(text);
  if (!match) return null;
  const half = match[1] === "dau" ? 1 : 2;
  const resolved = resolveYear(match[2], (year) => halfYearSpan(year, half), period);
  if (!resolved) return null;
  const span = halfYearSpan(resolved.year, half);
  return {
    drafts: [{ kind: "half_year", year: resolved.year, half, span, dueDate: span.end }],
    isDoubtful: resolved.isDoubtful,
  };
};

function resolveYear(
  token: string | undefined,
  spanOf: (year: number) => DateSpan | null,
  period: PlanPeriod,
): { year: number; isDoubtful: boolean } | null {
  const year = readYear(token);
  if (year === "invalid") return null;
  if (year !== null) return { year, isDoubtful: false };
  const inferred = inferYear(spanOf, period);
  return { year: inferred.year, isDoubtful: inferred.isOutsidePeriod };
}

const FREQUENCY_WORDS: Record<string, RecurrenceFrequency> = {
  thang: "monthly",
  quy: "quarterly",
  "6 thang": "half_yearly",
  "sau thang": "half_yearly",
  nam: "yearly",
};
const RECURRENCE_HEAD =
  /\b(?:hang|moi|dinh ky(?: hang)?)\s+(6 thang|sau thang|thang|quy|nam)\b(?! (?:dau|cuoi)\b)/;
const RECURRENCE_NEXT = /\s*(?:,|va|&)\s*(?:hang\s+|moi\s+)?(6 thang|sau thang|thang|quy|nam)\b/y;
const REPORT_DAY = /\bngay\s+(\d{1,2})(?:\s*(?:\/|thang\s+)(\d{1,2}))?(?![\d/])/;

const matchRecurrence: Matcher = (text, period) => {
  const head = RECURRENCE_HEAD.exec(text);
  if (!head?.[1]) return null;
  const words = [head[1]];
  RECURRENCE_NEXT.lastIndex = head.index + head[0].length;
  for (let next = RECURRENCE_NEXT.exec(text); next?.[1]; next = RECURRENCE_NEXT.exec(text)) {
    words.push(next[1]);
  }
  const report = REPORT_DAY.exec(text);
  const reportDay = report ? Number(report[1]) : null;
  const reportMonth = report?.[2] ? Number(report[2]) : null;
  if (reportDay !== null && (reportDay < 1 || reportDay > 31)) return null;
  if (reportMonth !== null && (reportMonth < 1 || reportMonth > 12)) return null;
  const frequencies = [...new Set(words.map((word) => FREQUENCY_WORDS[word]))].filter(
    (frequency) => frequency !== undefined,
  );
  return {
    drafts: frequencies.map((frequency) => ({
      kind: "recurring" as const,
      frequency,
      reportDay,
      reportMonth,
      dueDate: lastRecurrenceDue(frequency, reportDay, reportMonth, period),
    })),
    isDoubtful: false,
  };
};

function lastRecurrenceDue(
  frequency: RecurrenceFrequency,
  reportDay: number | null,
  reportMonth: number | null,
  period: PlanPeriod,
): IsoDate {
  const last = cyclesInPeriod(frequency, period.periodStart, period.periodEnd).at(-1);
  return last ? cycleDueDate(last.span, reportDay, reportMonth) : period.periodEnd;
}

const matchQuarters: Matcher = (text, period) => {
  const items = readList(text, QUARTER_HEAD, QUARTER_NEXT);
  if (!items) return null;
  const quarters: YearQuarter[] = [];
  let isDoubtful = false;
  for (const item of items) {
    const quarter = quarterNumber(item.token);
    if (!quarter) return null;
    const resolved = resolveYear(item.year, (year) => quarterSpan(year, quarter), period);
    if (!resolved) return null;
    isDoubtful ||= resolved.isDoubtful;
    quarters.push({ year: resolved.year, quarter });
  }
  const dueDate = quarters.map(({ year, quarter }) => quarterSpan(year, quarter).end).reduce(later);
  return { drafts: [{ kind: "quarter", quarters, dueDate }], isDoubtful };
};

const matchMonths: Matcher = (text, period) => {
  const items = readList(text, MONTH_HEAD, MONTH_NEXT);
  if (!items) return null;
  const months: YearMonth[] = [];
  let isDoubtful = false;
  for (const item of items) {
    const month = Number(item.token);
    if (month < 1 || month > 12) return null;
    const resolved = resolveYear(item.year, (year) => monthSpan(year, month), period);
    if (!resolved) return null;
    isDoubtful ||= resolved.isDoubtful;
    months.push({ year: resolved.year, month });
  }
  const dueDate = months.map(({ year, month }) => monthSpan(year, month).end).reduce(later);
  return { drafts: [{ kind: "month", months, dueDate }], isDoubtful };
};

const matchDate: Matcher = (text, period) => {
  const found = findDate(text);
  if (!found) return null;
  const resolved = resolve(found.point, period);
  if (!resolved) return null;
  const before = text.slice(0, found.index);
  const qualifier: DateQualifier = /cham nhat/.test(before)
    ? "by"
    : /\btruoc\b/.test(before)
      ? "before"
      : "on";
  const date = resolved.span.end;
  return {
    drafts: [{ kind: "date", date, qualifier, dueDate: date }],
    isDoubtful: resolved.isDoubtful,
  };
};

const VAGUE_PART_OF_YEAR = /\b(?:dau|giua|cuoi) nam\b/;

const matchWholePeriod: Matcher = (text, period) => {
  const planSpan = { start: period.periodStart, end: period.periodEnd };
  const isContinuous = /\bthuong xuyen\b/.test(text);
  if (!isContinuous && VAGUE_PART_OF_YEAR.test(text)) return null;
  const years = /\b(\d{4})\s*-\s*(\d{4})\b/.exec(text);
  const year = /\bnam\s*(\d{4})\b/.exec(text);
  let span: DateSpan | null = null;
  if (years) {
    const first = readYear(years[1]);
    const last = readYear(years[2]);
    if (typeof first !== "number" || typeof last !== "number" || first > last) return null;
    span = { start: yearSpan(first).start, end: yearSpan(last).end };
  } else if (year) {
    const value = readYear(year[1]);
    if (typeof value !== "number") return null;
    span = yearSpan(value);
  } else if (isContinuous || /\b(?:ca|trong) nam\b/.test(text)) {
    span = planSpan;
  }
  if (!span) return null;
  return {
    drafts: [{ kind: "whole_period", span, isContinuous, dueDate: span.end }],
    isDoubtful: false,
  };
};

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Order matters: a range holds months or quarters, a recurrence may hold a report date. */
const MATCHERS: Matcher[] = [
  matchRange,
  matchHalfYear,
  matchRecurrence,
  matchQuarters,
  matchDate,
  matchMonths,
  matchWholePeriod,
];
