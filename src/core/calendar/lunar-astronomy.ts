import { SearchMoonPhase, SearchSunLongitude, SunPosition } from "astronomy-engine";
import { MILLISECONDS_PER_DAY, type DayNumber } from "./calendar-date.ts";

/** The Vietnamese calendar is reckoned at 105°E, UTC+7, all year round. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function vietnamDayOf(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / MILLISECONDS_PER_DAY);
}

function vietnamMidnight(day: DayNumber): Date {
  return new Date(day * MILLISECONDS_PER_DAY - VIETNAM_OFFSET_MS);
}

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`astronomy-engine found no ${what}`);
  return value;
}

/** The UTC+7 day of the December solstice (sun at ecliptic longitude 270°) of `year`. */
export function winterSolsticeDay(year: number): DayNumber {
  const start = new Date(Date.UTC(year, 11, 10));
  return vietnamDayOf(found(SearchSunLongitude(270, start, 20), "solstice").date);
}

/** The UTC+7 day of the last new moon that falls on or before `day`. */
export function newMoonDayOnOrBefore(day: DayNumber): DayNumber {
  const endOfDay = vietnamMidnight(day + 1);
  return vietnamDayOf(found(SearchMoonPhase(0, endOfDay, -32), "new moon").date);
}

/** The UTC+7 day of the first new moon that falls after `day`. */
export function newMoonDayAfter(day: DayNumber): DayNumber {
  const endOfDay = vietnamMidnight(day + 1);
  return vietnamDayOf(found(SearchMoonPhase(0, endOfDay, 32), "new moon").date);
}

/**
 * Which 30° sector of ecliptic longitude the sun is in at the start (UTC+7 midnight) of `day`.
 * A month [start, next) holds a major solar term exactly when the sector changes between the two.
 */
export function solarSectorAtStartOf(day: DayNumber): number {
  return Math.floor(SunPosition(vietnamMidnight(day)).elon / 30);
}
