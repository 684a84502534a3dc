import { RuleError } from "../errors.ts";

export type CalendarErrorCode =
  | "CALENDAR_INVALID_DATE"
  | "CALENDAR_INVALID_YEAR"
  | "CALENDAR_INVALID_TIME"
  | "CALENDAR_INVALID_DAYS"
  | "CALENDAR_YEAR_OUT_OF_RANGE"
  | "CALENDAR_INVALID_LUNAR_DATE"
  | "CALENDAR_INVALID_SCHEDULE";

/** A rule violation in calendar input, with a stable code and a Vietnamese message for the user. */
export class CalendarError extends RuleError<CalendarErrorCode> {}
