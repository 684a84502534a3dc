import { CalendarError } from "./calendar-error.ts";
import {
  fromDayNumber,
  toDayNumber,
  yearOf,
  type DayNumber,
  type IsoDate,
} from "./calendar-date.ts";
import {
  newMoonDayAfter,
  newMoonDayOnOrBefore,
  solarSectorAtStartOf,
  winterSolsticeDay,
} from "./lunar-astronomy.ts";

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  isLeapMonth: boolean;
}

interface LunarMonth {
  start: DayNumber;
  length: number;
  month: number;
  isLeapMonth: boolean;
  year: number;
}

/** Solar years whose dates can be converted; lunar years go one further back (Chạp of 1899). */
export const LUNAR_CALENDAR_YEARS = { min: 1900, max: 2100 } as const;

const month11Cache = new Map<number, DayNumber>();
const monthsCache = new Map<number, readonly LunarMonth[]>();

/** Month 11 is the lunar month that holds the winter solstice. */
function month11Start(year: number): DayNumber {
  let start = month11Cache.get(year);
  if (start === undefined) {
    start = newMoonDayOnOrBefore(winterSolsticeDay(year));
    month11Cache.set(year, start);
  }
  return start;
}

/**
 * The lunar months from month 11 of the previous solar year up to (not including) month 11 of
 * `year`: months 11 and 12 of lunar year `year - 1`, then months 1–10 of lunar year `year`.
 */
function monthsEndingAtMonth11(year: number): readonly LunarMonth[] {
  const cached = monthsCache.get(year);
  if (cached) return cached;

  const end = month11Start(year);
  const starts = [month11Start(year - 1)];
  for (let next = newMoonDayAfter(starts[0]!); next < end; next = newMoonDayAfter(next)) {
    starts.push(next);
  }
  const bounds = [...starts, end];
  const hasMajorTerm = (index: number) =>
    solarSectorAtStartOf(bounds[index]!) !== solarSectorAtStartOf(bounds[index + 1]!);

  // With 13 months, the first one after month 11 without a major solar term is the leap month.
  let leapIndex = -1;
  if (starts.length === 13) {
    for (let index = 1; index < 13 && leapIndex < 0; index++) {
      if (!hasMajorTerm(index)) leapIndex = index;
    }
  }

  const months: LunarMonth[] = [];
  let month = 10;
  starts.forEach((start, index) => {
    const isLeapMonth = index === leapIndex;
    if (!isLeapMonth) month = (month % 12) + 1;
    months.push({
      start,
      length: bounds[index + 1]! - start,
      month,
      isLeapMonth,
      year: month >= 11 ? year - 1 : year,
    });
  });
  monthsCache.set(year, months);
  return months;
}

function assertYearInRange(year: number, min: number, max: number): void {
  if (!Number.isInteger(year) || year < min || year > max) {
    throw new CalendarError(
      "CALENDAR_YEAR_OUT_OF_RANGE",
      `Năm ${year} nằm ngoài phạm vi lịch âm hỗ trợ (${min}–${max}).`,
    );
  }
}

export function solarToLunar(date: IsoDate): LunarDate {
  const year = yearOf(date);
  assertYearInRange(year, LUNAR_CALENDAR_YEARS.min, LUNAR_CALENDAR_YEARS.max);
  const day = toDayNumber(date);
  const months = monthsEndingAtMonth11(day >= month11Start(year) ? year + 1 : year);
  const month = months.findLast((candidate) => candidate.start <= day)!;
  return {
    day: day - month.start + 1,
    month: month.month,
    year: month.year,
    isLeapMonth: month.isLeapMonth,
  };
}

function findLunarMonth(month: number, year: number, isLeapMonth: boolean): LunarMonth | undefined {
  assertYearInRange(year, LUNAR_CALENDAR_YEARS.min - 1, LUNAR_CALENDAR_YEARS.max);
  return monthsEndingAtMonth11(month >= 11 ? year + 1 : year).find(
    (m) => m.month === month && m.isLeapMonth === isLeapMonth,
  );
}

function invalidLunarDate(day: number, month: number, year: number, isLeapMonth: boolean) {
  const leap = isLeapMonth ? " nhuận" : "";
  return new CalendarError(
    "CALENDAR_INVALID_LUNAR_DATE",
    `Không có ngày ${day} tháng ${month}${leap} năm ${year} âm lịch.`,
  );
}

export function lunarToSolar(
  day: number,
  month: number,
  year: number,
  isLeapMonth = false,
): IsoDate {
  const found = findLunarMonth(month, year, isLeapMonth);
  if (!found || !Number.isInteger(day) || day < 1 || day > found.length) {
    throw invalidLunarDate(day, month, year, isLeapMonth);
  }
  return fromDayNumber(found.start + day - 1);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(month: number, year: number, isLeapMonth = false): number {
  const found = findLunarMonth(month, year, isLeapMonth);
  if (!found) throw invalidLunarDate(1, month, year, isLeapMonth);
  return found.length;
}

/** Mùng 1 Tết: the first day of lunar year `year`, which begins in solar year `year`. */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar(1, 1, year);
}

/** The leap month of lunar year `year`, or null when the year has 12 months. */
export function leapMonthOf(year: number): number | null {
  const months = [...monthsEndingAtMonth11(year), ...monthsEndingAtMonth11(year + 1)];
  return months.find((m) => m.year === year && m.isLeapMonth)?.month ?? null;
}
