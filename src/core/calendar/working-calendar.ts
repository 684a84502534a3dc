import { addDays, isWeekend, yearOf, type IsoDate } from "./calendar-date.ts";
import { CalendarError } from "./calendar-error.ts";
import type { Holiday, HolidayBasis, HolidayKind } from "./holiday.ts";
import {
  DEFAULT_NATIONAL_DAY_SECOND_DAY,
  DEFAULT_TET_DAYS_BEFORE_NEW_YEAR,
  nationalDaySecondDayByRule,
  selectOfficialSchedule,
  type OfficialSchedule,
} from "./official-schedule.ts";
import {
  HOLIDAY_CALENDAR_YEARS,
  NATIONAL_DAY_SECOND_NAME,
  statutoryHolidays,
  type StatutoryHoliday,
} from "./statutory-holidays.ts";

export interface WorkingCalendar {
  /** Every holiday, substitute day, official day off and make-up working day of `year`, by date. */
  holidaysOf(year: number): readonly Holiday[];
  isWorkingDay(date: IsoDate): boolean;
}

export interface WorkingCalendarOptions {
  /** Official schedules of any years and versions; the one in force is picked per year. */
  schedules?: readonly OfficialSchedule[];
  /** Use only schedule versions effective on this day (default: the latest versions). */
  asOf?: IsoDate;
}

interface YearCalendar {
  holidays: readonly Holiday[];
  daysOff: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

const KIND_ORDER: Record<HolidayKind, number> = {
  statutory: 0,
  substitute: 1,
  official: 2,
  makeup_workday: 3,
};

export function assertHolidayYear(year: number): void {
  const { min, max } = HOLIDAY_CALENDAR_YEARS;
  if (!Number.isInteger(year) || year < min || year > max) {
    throw new CalendarError(
      "CALENDAR_YEAR_OUT_OF_RANGE",
      `Năm ${year} nằm ngoài phạm vi lịch ngày làm việc hỗ trợ (${min}–${max}).`,
    );
  }
}

/**
 * Art. 111(3): a statutory holiday on a Saturday or Sunday gives a day off on the next working day,
 * unless the official schedule says otherwise. Each one takes the next day still free.
 */
function substituteDays(
  statutory: readonly StatutoryHoliday[],
  daysOff: ReadonlySet<IsoDate>,
  cancelledFor: ReadonlySet<IsoDate>,
  basis: HolidayBasis,
): Holiday[] {
  const substitutes: Holiday[] = [];
  const taken = new Set(daysOff);
  const substituted = new Set<IsoDate>();
  for (const holiday of statutory) {
    if (!holiday.hasSubstituteOnWeekend || !isWeekend(holiday.date)) continue;
    if (cancelledFor.has(holiday.date) || substituted.has(holiday.date)) continue;
    substituted.add(holiday.date);
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    substitutes.push({ date, name: `Nghỉ bù ${holiday.name}`, kind: "substitute", basis });
  }
  return substitutes;
}

function buildYear(year: number, schedule: OfficialSchedule | undefined): YearCalendar {
  // Without an official schedule, National Day's second day follows the weekday rule; a
  // schedule that leaves it out keeps the default it has always had.
  const secondDay =
    schedule?.nationalDaySecondDay ??
    (schedule ? DEFAULT_NATIONAL_DAY_SECOND_DAY : nationalDaySecondDayByRule(year));
  const placedBy: HolidayBasis = schedule ? "official" : "rule";
  const statutory = statutoryHolidays(year, {
    tetDaysBeforeNewYear: schedule?.tetDaysBeforeNewYear ?? DEFAULT_TET_DAYS_BEFORE_NEW_YEAR,
    nationalDaySecondDay: secondDay,
  }).map((holiday) =>
    holiday.lunar?.endsWith("/01") || holiday.lunar?.endsWith("/12") || isNationalDaySecond(holiday)
      ? { ...holiday, basis: placedBy }
      : holiday,
  );
  const entries = schedule?.entries ?? [];
  const official: Holiday[] = [];
  const makeup: Holiday[] = [];
  const cancelledSubstitutes = new Set<IsoDate>();
  for (const entry of entries) {
    if (entry.kind === "official")
      official.push({ date: entry.date, name: entry.name, kind: "official", basis: "official" });
    else if (entry.kind === "makeup_workday")
      makeup.push({
        date: entry.date,
        name: entry.name,
        kind: "makeup_workday",
        basis: "official",
      });
    else cancelledSubstitutes.add(entry.date);
  }

  const statutoryAndOfficial = new Set([...statutory, ...official].map((h) => h.date));
  const substitutes = substituteDays(
    statutory,
    statutoryAndOfficial,
    cancelledSubstitutes,
    placedBy,
  );
  const holidays: Holiday[] = [...statutory, ...substitutes, ...official, ...makeup]
    .map(({ date, name, kind, lunar, basis }) => ({
      date,
      name,
      kind,
      ...(lunar ? { lunar } : {}),
      ...(basis ? { basis } : {}),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);

  return {
    holidays,
    daysOff: new Set([...statutoryAndOfficial, ...substitutes.map((h) => h.date)]),
    makeupWorkdays: new Set(makeup.map((h) => h.date)),
  };
}

/** National Day's second day (1 or 3 September), the one a schedule or the rule places. */
function isNationalDaySecond(holiday: StatutoryHoliday): boolean {
  return holiday.name === NATIONAL_DAY_SECOND_NAME;
}

/** A calendar of working days: weekdays minus holidays, plus make-up working days. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const schedules = options.schedules ?? [];
  const years = new Map<number, YearCalendar>();
  const yearCalendar = (year: number): YearCalendar => {
    assertHolidayYear(year);
    let calendar = years.get(year);
    if (!calendar) {
      calendar = buildYear(year, selectOfficialSchedule(schedules, year, options.asOf));
      years.set(year, calendar);
    }
    return calendar;
  };

  return {
    holidaysOf: (year) => yearCalendar(year).holidays,
    isWorkingDay(date) {
      const { daysOff, makeupWorkdays } = yearCalendar(yearOf(date));
      if (makeupWorkdays.has(date)) return true;
      return !isWeekend(date) && !daysOff.has(date);
    },
  };
}
