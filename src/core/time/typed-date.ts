import { daysInMonth } from "../calendar/calendar-date.ts";
import { API_YEARS } from "./date-text.ts";
import { formatVietnameseDate } from "./vietnam-time.ts";

/**
 * What a user typed into a date field, read and checked once for the whole web app:
 * `d/m/yyyy` or `dd/mm/yyyy` (also with `-` or `.`), `yyyy-mm-dd`, and with `withTime` a
 * following `HH:mm`. An impossible day (31/02) or one outside the allowed range is refused with
 * a sentence that states the rule, so the field can say it instead of dropping the text.
 */

export interface TypedDateRules {
  /** The field's name as the user sees it ("Ngày hoàn thành"); starts the range messages. */
  label?: string;
  /** Earliest allowed day, YYYY-MM-DD (a time part, if any, is ignored). */
  min?: string | null;
  /** Latest allowed day, YYYY-MM-DD. */
  max?: string | null;
  /** How to name `min` in the message ("hôm nay"); dd/mm/yyyy of `min` when absent. */
  minLabel?: string;
  /** How to name `max` in the message ("hôm nay"); dd/mm/yyyy of `max` when absent. */
  maxLabel?: string;
  /** Expect `dd/mm/yyyy HH:mm`. */
  withTime?: boolean;
}

export type TypedDateProblem = "format" | "impossible" | "time" | "before_min" | "after_max";

export type TypedDateResult =
  | {
      ok: true;
      /** YYYY-MM-DD, or `YYYY-MM-DD HH:mm:ss` with time; null when empty */ value: string | null;
    }
  | { ok: false; problem: TypedDateProblem; message: string };

const VN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

/** True when the text has the full shape of a date (so it is worth a message while typing). */
export function looksComplete(text: string, withTime = false): boolean {
  const [datePart, timePart] = text.trim().split(/\s+/, 2);
  const dateDone = VN.test(datePart ?? "") || ISO.test(datePart ?? "");
  return withTime ? dateDone && TIME.test(timePart ?? "") : dateDone;
}

export function readTypedDate(text: string, rules: TypedDateRules = {}): TypedDateResult {
  const value = text.trim();
  if (value === "") return { ok: true, value: null };
  const [datePart = "", timePart, ...rest] = value.split(/\s+/);
  const shape = rules.withTime ? "dd/mm/yyyy HH:mm" : "dd/mm/yyyy";
  const formatError = {
    ok: false as const,
    problem: "format" as const,
    message: `Ngày phải có dạng ${shape}.`,
  };
  if (rest.length > 0 || (timePart !== undefined && !rules.withTime)) return formatError;
  if (rules.withTime && timePart === undefined) return formatError;
  const vn = VN.exec(datePart);
  const iso = ISO.exec(datePart);
  let day: number, month: number, year: number;
  if (vn) [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return formatError;
  if (year < API_YEARS.min || year > API_YEARS.max) {
    return {
      ok: false,
      problem: "impossible",
      message: `Năm phải trong khoảng ${API_YEARS.min}–${API_YEARS.max}.`,
    };
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      problem: "impossible",
      message: `Ngày ${pad(day)}/${pad(month)}/${year} không có trên lịch.`,
    };
  }
  const isoDay = `${year}-${pad(month)}-${pad(day)}`;
  let clock = "";
  if (rules.withTime) {
    const time = TIME.exec(timePart ?? "");
    if (!time) return formatError;
    const [hours, minutes] = [Number(time[1]), Number(time[2])];
    if (hours > 23 || minutes > 59) {
      return { ok: false, problem: "time", message: "Giờ không hợp lệ (00:00–23:59)." };
    }
    clock = ` ${pad(hours)}:${pad(minutes)}:00`;
  }
  const subject = rules.label ?? "Ngày";
  const min = rules.min?.slice(0, 10);
  const max = rules.max?.slice(0, 10);
  if (min && isoDay < min) {
    const bound = rules.minLabel ?? formatVietnameseDate(min);
    return { ok: false, problem: "before_min", message: `${subject} không được trước ${bound}.` };
  }
  if (max && isoDay > max) {
    const bound = rules.maxLabel ?? formatVietnameseDate(max);
    return { ok: false, problem: "after_max", message: `${subject} không được sau ${bound}.` };
  }
  return { ok: true, value: isoDay + clock };
}
