import { addDays, toDayNumber, type IsoDate } from "../calendar/calendar-date.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";

/**
 * Working days counted in SQL: `ordinals[i]` is the number of working days in (base, base + i],
 * so the working days in (a, b] are ordinals[b − base] − ordinals[a − base] — the same count as
 * the calendar's `countWorkingDays(a, b)`. Days before `base` are taken as `base`.
 */
export interface WorkingDayIndex {
  base: IsoDate;
  ordinals: number[];
}

export function workingDayIndex(
  base: IsoDate,
  last: IsoDate,
  calendar: WorkingCalendar,
): WorkingDayIndex {
  const ordinals = [0];
  let count = 0;
  for (let day = base; day < last;) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) count += 1;
    ordinals.push(count);
  }
  return { base, ordinals };
}

/**
 * The same index ending at `last` (at most the index's own last day): the raw computation needs
 * the days up to a period's end only.
 */
export function workingDayIndexUpTo(index: WorkingDayIndex, last: IsoDate): WorkingDayIndex {
  const length = Math.max(1, toDayNumber(last) - toDayNumber(index.base) + 1);
  return { base: index.base, ordinals: index.ordinals.slice(0, length) };
}
