import { addDays, daysInMonth, isoDate, type IsoDate } from "../calendar/calendar-date.ts";
import { formatVietnameseDate } from "../time/vietnam-time.ts";
import { KpiError } from "./kpi-error.ts";

/**
 * Reporting periods (kỳ báo cáo) in Vietnam dates: a month, a quarter, a half-year, a year or a
 * custom range, both ends inclusive. A period starts at 00:00 of its first day and ends at 24:00
 * of its last day, Vietnam time (UTC+7, no daylight saving).
 */
export const PERIOD_KINDS = ["month", "quarter", "half", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface KpiPeriod {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
  /** "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026", "Từ 01/01/2026 đến 15/02/2026". */
  label: string;
}

export interface PeriodRequest {
  kind: PeriodKind;
  year?: number;
  /** 1–12 for a month, 1–4 for a quarter, 1–2 for a half-year. */
  number?: number;
  from?: IsoDate;
  to?: IsoDate;
}

const ROMAN = ["I", "II", "III", "IV"];
/** A custom range longer than this is refused (ten years and a bit). */
export const MAX_CUSTOM_DAYS = 3700;

function requireYear(year: number | undefined): number {
  if (year === undefined || !Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new KpiError("KPI_PERIOD_INVALID", "Cần năm của kỳ báo cáo (1900–2100).");
  }
  return year;
}

function requireNumber(value: number | undefined, max: number, what: string): number {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
    throw new KpiError("KPI_PERIOD_INVALID", `Cần số ${what} từ 1 đến ${max}.`);
  }
  return value;
}

function monthRange(year: number, firstMonth: number, months: number) {
  const lastMonth = firstMonth + months - 1;
  return {
    from: isoDate(year, firstMonth, 1),
    to: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

export function periodOf(request: PeriodRequest): KpiPeriod {
  switch (request.kind) {
    case "month": {
      const year = requireYear(request.year);
      const month = requireNumber(request.number, 12, "tháng");
      return { kind: "month", ...monthRange(year, month, 1), label: `Tháng ${month}/${year}` };
    }
    case "quarter": {
      const year = requireYear(request.year);
      const quarter = requireNumber(request.number, 4, "quý");
      return {
        kind: "quarter",
        ...monthRange(year, quarter * 3 - 2, 3),
        label: `Quý ${ROMAN[quarter - 1]}/${year}`,
      };
    }
    case "half": {
      const year = requireYear(request.year);
      const half = requireNumber(request.number, 2, "nửa năm");
      return {
        kind: "half",
        ...monthRange(year, half === 1 ? 1 : 7, 6),
        label: half === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
      };
    }
    case "year": {
      const year = requireYear(request.year);
      return { kind: "year", ...monthRange(year, 1, 12), label: `Năm ${year}` };
    }
    case "custom": {
      const { from, to } = request;
      if (!from || !to) {
        throw new KpiError("KPI_PERIOD_INVALID", "Cần ngày bắt đầu và ngày kết thúc của kỳ.");
      }
      if (from > to) {
        throw new KpiError(
          "KPI_PERIOD_INVALID",
          "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.",
        );
      }
      if (dayCount(from, to) > MAX_CUSTOM_DAYS) {
        throw new KpiError("KPI_PERIOD_INVALID", "Kỳ báo cáo dài quá 10 năm.");
      }
      return {
        kind: "custom",
        from,
        to,
        label: `Từ ${formatVietnameseDate(from)} đến ${formatVietnameseDate(to)}`,
      };
    }
  }
}

/** Days in [from, to], both counted. */
export function dayCount(from: IsoDate, to: IsoDate): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** The first instant of the period: 00:00 of its first day in Vietnam. */
export function periodStartInstant(period: { from: IsoDate }): Date {
  return new Date(Date.parse(`${period.from}T00:00:00+07:00`));
}

/** The first instant after the period: 00:00 Vietnam of the day after its last day. */
export function periodEndInstant(period: { to: IsoDate }): Date {
  return new Date(Date.parse(`${addDays(period.to, 1)}T00:00:00+07:00`));
}

/** The months of a period, for trends: each month cut to the period. */
export function monthsOf(period: { from: IsoDate; to: IsoDate }): KpiPeriod[] {
  const result: KpiPeriod[] = [];
  let [year, month] = period.from.split("-").map(Number) as [number, number];
  for (;;) {
    const whole = periodOf({ kind: "month", year, number: month });
    if (whole.from > period.to) break;
    const from = whole.from < period.from ? period.from : whole.from;
    const to = whole.to > period.to ? period.to : whole.to;
    result.push({ ...whole, from, to });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return result;
}
