import { addDays, toDayNumber, type IsoDate } from "./calendar-date.ts";
import { CalendarError } from "./calendar-error.ts";
import type { WorkingCalendar } from "./working-calendar.ts";

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  return calendar.isWorkingDay(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let day = addDays(date, 1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

function assertWholeDays(days: number): void {
  if (!Number.isSafeInteger(days)) {
    throw new CalendarError(
      "CALENDAR_INVALID_DAYS",
      `Số ngày làm việc "${days}" phải là số nguyên.`,
    );
  }
}

/**
 * The `days`-th working day after `start` (`start` itself is not counted, as Civil Code art. 147
 * counts a period from the next day); a negative `days` counts backwards; 0 returns `start`.
 */
export function addWorkingDays(start: IsoDate, days: number, calendar: WorkingCalendar): IsoDate {
  assertWholeDays(days);
  const step = days < 0 ? -1 : 1;
  let day = start;
  for (let remaining = Math.abs(days); remaining > 0;) {
    day = addDays(day, step);
    if (calendar.isWorkingDay(day)) remaining--;
  }
  return day;
}

/**
 * The working days stepped onto when walking from `from` to `to`: those in (from, to], or, walking
 * backwards, minus those in [to, from). So `countWorkingDays(start, addWorkingDays(start, n)) === n`.
 */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  const step = toDayNumber(to) < toDayNumber(from) ? -1 : 1;
  let count = 0;
  for (let day = from; day !== to;) {
    day = addDays(day, step);
    if (calendar.isWorkingDay(day)) count += step;
  }
  return count;
}
