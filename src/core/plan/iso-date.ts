/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), with no time and no time zone: a deadline is a
 * day in Vietnam, so the arithmetic works on UTC dates only and never on the local clock.
 */
export type IsoDate = string;

export interface DateSpan {
  start: IsoDate;
  end: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(value);
  if (!match) throw new Error(`Not an ISO date: ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function monthSpan(year: number, month: number): DateSpan {
  return { start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)) };
}

/** Span of consecutive months, `fromMonth` of `fromYear` through `toMonth` of `toYear`. */
export function monthsSpan(
  fromYear: number,
  fromMonth: number,
  toYear: number,
  toMonth: number,
): DateSpan {
  return { start: monthSpan(fromYear, fromMonth).start, end: monthSpan(toYear, toMonth).end };
}

export function quarterSpan(year: number, quarter: number): DateSpan {
  return monthsSpan(year, quarter * 3 - 2, year, quarter * 3);
}

export function halfYearSpan(year: number, half: 1 | 2): DateSpan {
  return half === 1 ? monthsSpan(year, 1, year, 6) : monthsSpan(year, 7, year, 12);
}

export function yearSpan(year: number): DateSpan {
  return monthsSpan(year, 1, year, 12);
}

export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

function toEpochDay(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
