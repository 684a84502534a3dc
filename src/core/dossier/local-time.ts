import { parseLocalDateTime, type LocalDateTime } from "../calendar/index.ts";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam local day and time (UTC+7, no daylight saving) of an instant. */
export function vietnamLocal(instant: Date): LocalDateTime {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const date = shifted.toISOString().slice(0, 10);
  const secondsOfDay =
    shifted.getUTCHours() * 3600 + shifted.getUTCMinutes() * 60 + shifted.getUTCSeconds();
  return { date, secondsOfDay };
}

/** The instant of a Vietnam local "YYYY-MM-DD HH:mm" (throws CALENDAR_INVALID_DATE when malformed). */
export function instantOfVietnamLocal(value: string): Date {
  const local = parseLocalDateTime(value);
  const [year, month, day] = local.date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + local.secondsOfDay * 1000 - VIETNAM_OFFSET_MS);
}

/** "HH:mm dd/mm/yyyy" in Vietnam time, as printed on receipts. */
export function formatVietnamDateTime(instant: Date): string {
  const { date, secondsOfDay } = vietnamLocal(instant);
  const hours = String(Math.floor(secondsOfDay / 3600)).padStart(2, "0");
  const minutes = String(Math.floor((secondsOfDay % 3600) / 60)).padStart(2, "0");
  const [y, m, d] = date.split("-");
  return `${hours} giờ ${minutes} phút, ngày ${d}/${m}/${y}`;
}
