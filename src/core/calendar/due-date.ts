import { isIsoDate, type IsoDate } from "./calendar-date.ts";
import { CalendarError } from "./calendar-error.ts";
import type { WorkingCalendar } from "./working-calendar.ts";
import { addWorkingDays, nextWorkingDay } from "./working-days.ts";

/** A moment in Vietnam local time (UTC+7): a day and the seconds since its midnight. */
export interface LocalDateTime {
  date: IsoDate;
  secondsOfDay: number;
}

export const DEFAULT_CUTOFF = "15:00";

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/** Reads "YYYY-MM-DD HH:mm" (or with "T", or with ":ss"), Vietnam local time. */
export function parseLocalDateTime(value: string): LocalDateTime {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  const [hours, minutes, seconds] = [match?.[2], match?.[3], match?.[4] ?? "0"].map(Number) as [
    number,
    number,
    number,
  ];
  if (!match || !isIsoDate(match[1]!) || hours > 23 || minutes > 59 || seconds > 59) {
    throw new CalendarError(
      "CALENDAR_INVALID_DATE",
      `Thời điểm "${value}" không hợp lệ (cần dạng YYYY-MM-DD HH:mm, giờ Việt Nam).`,
    );
  }
  return { date: match[1]!, secondsOfDay: hours * 3600 + minutes * 60 + seconds };
}

/** Reads a cut-off time "HH:mm" into seconds since midnight. */
export function parseCutoff(value: string): number {
  const match = TIME_OF_DAY.exec(value.trim());
  const [hours, minutes] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || hours > 23 || minutes > 59) {
    throw new CalendarError(
      "CALENDAR_INVALID_TIME",
      `Giờ chốt "${value}" không hợp lệ (cần dạng HH:mm).`,
    );
  }
  return hours * 3600 + minutes * 60;
}

export interface DueDateInput {
  /** When the dossier was received, Vietnam local time: "YYYY-MM-DD HH:mm" or a LocalDateTime. */
  receivedAt: string | LocalDateTime;
  /** Processing time in working days; 0 means "within the day" (trong ngày). */
  processingDays: number;
  /** The desk's daily cut-off "HH:mm"; a dossier received at or after it counts from the next working day. */
  cutoff?: string;
}

export interface DueDateResult {
  /** The last working day of the processing period. */
  due: IsoDate;
  /** The working day treated as the day of receipt; counting starts the working day after it. */
  countedFrom: IsoDate;
}

/**
 * The due date of a dossier. The day of receipt is not counted (Civil Code art. 147); a dossier
 * received at or after the cut-off (15:00 sharp included: the desk's same-day hand-over is over),
 * or on a day off, is treated as received on the next working day. The due date is the
 * `processingDays`-th working day after that day, so it is always a working day.
 */
export function dueDate(input: DueDateInput, calendar: WorkingCalendar): DueDateResult {
  const received =
    typeof input.receivedAt === "string" ? parseLocalDateTime(input.receivedAt) : input.receivedAt;
  const cutoff = parseCutoff(input.cutoff ?? DEFAULT_CUTOFF);
  if (!Number.isSafeInteger(input.processingDays) || input.processingDays < 0) {
    throw new CalendarError(
      "CALENDAR_INVALID_DAYS",
      `Số ngày giải quyết "${input.processingDays}" phải là số nguyên không âm.`,
    );
  }
  const isCountedSameDay = received.secondsOfDay < cutoff && calendar.isWorkingDay(received.date);
  const countedFrom = isCountedSameDay ? received.date : nextWorkingDay(received.date, calendar);
  return { due: addWorkingDays(countedFrom, input.processingDays, calendar), countedFrom };
}
