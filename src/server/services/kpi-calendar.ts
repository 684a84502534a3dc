import { addDays } from "../../core/calendar/calendar-date.ts";
import type { OfficialSchedule } from "../../core/calendar/index.ts";
import { HOLIDAY_CALENDAR_YEARS } from "../../core/calendar/statutory-holidays.ts";
import { createWorkingCalendar } from "../../core/calendar/working-calendar.ts";
import {
  workingDayIndex,
  workingDayIndexUpTo,
  type WorkingDayIndex,
} from "../../core/kpi/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import {
  kpiWorkingCalendar,
  type KpiWorkingCalendar,
} from "../db/repositories/kpi-rollup.repository.ts";

/**
 * The working calendar the KPIs count processing days with (the average working days of the
 * dossiers finished in a period). Takes the schedules in force (calendar.service.ts, which calls
 * it when a schedule is stored, and kpi.service.ts, before each report) so neither imports the
 * other.
 */

const CACHE_SIZE = 32;
const calendarCache = new Map<string, KpiWorkingCalendar>();
const indexCache = new Map<string, WorkingDayIndex>();
const CALENDAR_BASE = `${HOLIDAY_CALENDAR_YEARS.min}-01-01`;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

/**
 * The calendar from its first day (01/01/2021) to the end of the year after `today`'s (2030 at
 * least), kept in memory per set of schedules (building it costs a few hundred ms). The rollups
 * hold a copy of it in the database (`kpi_working_days`, `syncKpiWorkingDays`).
 */
export function kpiCalendarFrom(
  schedules: OfficialSchedule[],
  today = vietnamDate(new Date()),
): KpiWorkingCalendar {
  const lastYear = Math.min(
    HOLIDAY_CALENDAR_YEARS.max,
    Math.max(2030, Number(today.slice(0, 4)) + 1),
  );
  const last = `${lastYear}-12-31`;
  return remember(calendarCache, JSON.stringify([CALENDAR_BASE, last, schedules]), () =>
    kpiWorkingCalendar(workingDayIndex(CALENDAR_BASE, last, createWorkingCalendar({ schedules }))),
  );
}

/**
 * The calendar for a period: the whole (for the rollups) and the ordinals up to the period's end
 * (for the raw rows' query, which carries them as an array). Both count from the calendar's first
 * day, so the two paths give the same working days for any dossier.
 */
export function kpiWorkingDaysFor(
  schedules: OfficialSchedule[],
  period: { from: string; to: string },
  today = vietnamDate(new Date()),
): { calendar: KpiWorkingCalendar; index: WorkingDayIndex } {
  const calendar = kpiCalendarFrom(schedules, today);
  const lastDay = addDays(calendar.base, calendar.ordinals.length - 1);
  const last = period.to < calendar.base ? calendar.base : period.to;
  const index =
    last <= lastDay
      ? workingDayIndexUpTo(calendar, last)
      : remember(indexCache, JSON.stringify([CALENDAR_BASE, last, schedules]), () =>
          workingDayIndex(CALENDAR_BASE, last, createWorkingCalendar({ schedules })),
        );
  return { calendar, index };
}
