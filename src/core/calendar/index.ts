export {
  addDays,
  formatVietnameseDate,
  isIsoDate,
  isWeekend,
  vietnameseWeekdayName,
  weekdayOf,
  type IsoDate,
  type Weekday,
} from "./calendar-date.ts";
export { CalendarError, type CalendarErrorCode } from "./calendar-error.ts";
export type { Holiday, HolidayBasis, HolidayKind } from "./holiday.ts";
export {
  LUNAR_CALENDAR_YEARS,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
} from "./lunar-calendar.ts";
export {
  nationalDaySecondDayByRule,
  officialScheduleSchema,
  parseOfficialSchedule,
  selectOfficialSchedule,
  type NationalDaySecondDay,
  type OfficialSchedule,
  type OfficialScheduleEntry,
} from "./official-schedule.ts";
export { OFFICIAL_SCHEDULES } from "./official-schedules.ts";
export { HOLIDAY_CALENDAR_YEARS, statutoryHolidays } from "./statutory-holidays.ts";
export {
  assertHolidayYear,
  createWorkingCalendar,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from "./working-calendar.ts";
export { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDay } from "./working-days.ts";
export {
  DEFAULT_CUTOFF,
  dueDate,
  parseLocalDateTime,
  type DueDateInput,
  type DueDateResult,
  type LocalDateTime,
} from "./due-date.ts";
