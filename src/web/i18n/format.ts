/**
 * Display formats for Vietnamese users: dates dd/mm/yyyy, times HH:mm, decimal comma.
 * Pure functions (no React), so they are easy to test.
 */
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat.js";
import "dayjs/locale/vi.js";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { UnitKind } from "../api/types.ts";
import { vi } from "./vi.ts";

dayjs.extend(customParseFormat);
dayjs.locale("vi");

export const DATE_FORMAT = "DD/MM/YYYY";
const numberFormat = new Intl.NumberFormat("vi-VN");
const decimalFormat = new Intl.NumberFormat("vi-VN", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** `2025-07-01` (or an ISO timestamp) → `01/07/2025`; empty → "—". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return vi.common.none;
  const date = dayjs(value);
  return date.isValid() ? date.format(DATE_FORMAT) : value;
}

const vietnamDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** ISO timestamp → `01/07/2025 14:05`, always in Vietnam time (UTC+7). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return vi.common.none;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    vietnamDateTime.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}`;
}

/** Today's date in Vietnam (YYYY-MM-DD) at `now`: the bound of "not after today" fields. */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamDate(now);
}

/** `1234.5` → `1.234,5` */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** `99.7` → `99,70` */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/**
 * Parse what a user typed into a date field: `d/m/yyyy` or `dd/mm/yyyy` (also with `-` or `.`)
 * and `yyyy-mm-dd`. Returns `YYYY-MM-DD`, or null when it is not a real calendar date.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  let day: number, month: number, year: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (vn) {
    [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The unit's kind (Xã, Phường, Thị trấn, Đặc khu), or "—" above the commune level. */
export function unitKindLabel(kind: UnitKind | null): string {
  return kind ? vi.unitKinds[kind] : vi.common.none;
}
