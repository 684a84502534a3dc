import { daysInMonth } from "../calendar/calendar-date.ts";

/**
 * The one check of dates and times that arrive as text (API fields and filters): the shape, and
 * that the day exists on the calendar — 2026-02-31 and 2025-02-29 are refused, 2024-02-29 is a
 * day. Each function answers null when the text is valid, or the reason in Vietnamese.
 */

/** Years the API accepts: those of the lunar and working-day calendars CCHC computes with. */
export const API_YEARS = { min: 1900, max: 2100 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** YYYY-MM-DD, a day that exists, in API_YEARS. */
export function calendarDateProblem(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return "Ngày phải có dạng YYYY-MM-DD.";
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < API_YEARS.min || year > API_YEARS.max) {
    return `Năm phải trong khoảng ${API_YEARS.min}–${API_YEARS.max}.`;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `Ngày ${match[3]}/${match[2]}/${match[1]} không có trên lịch.`;
  }
  return null;
}

export function isCalendarDate(text: string): boolean {
  return calendarDateProblem(text) === null;
}

/** A wall-clock time in Vietnam: "YYYY-MM-DD HH:mm" (or with T, and optional seconds). */
export function localDateTimeProblem(text: string): string | null {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return "Thời điểm phải có dạng YYYY-MM-DD HH:mm (giờ Việt Nam).";
  return calendarDateProblem(match[1]!) ?? clockProblem(match[2]!, match[3]!, match[4]);
}

/** An ISO 8601 instant with its offset: 2026-03-02T08:30:00+07:00 or …Z. */
export function instantProblem(text: string): string | null {
  const match = INSTANT.exec(text);
  if (!match) return "Thời điểm phải có dạng YYYY-MM-DDTHH:mm:ss+07:00.";
  const offset = match[5] === "Z" ? null : clockProblem(match[6]!, match[7]!, undefined);
  return calendarDateProblem(match[1]!) ?? clockProblem(match[2]!, match[3]!, match[4]) ?? offset;
}

function clockProblem(hours: string, minutes: string, seconds: string | undefined) {
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) {
    return "Giờ không hợp lệ.";
  }
  return null;
}
