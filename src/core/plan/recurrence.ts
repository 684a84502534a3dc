import {
  daysInMonth,
  halfYearSpan,
  isoDate,
  monthSpan,
  parseIsoDate,
  quarterSpan,
  yearSpan,
  type DateSpan,
  type IsoDate,
} from "./iso-date.ts";
import type { RecurrenceFrequency } from "./timeline.ts";

export interface RecurrenceCycle {
  frequency: RecurrenceFrequency;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2, or 1 for a year. */
  index: number;
  span: DateSpan;
}

const CYCLES_PER_YEAR: Record<RecurrenceFrequency, number> = {
  monthly: 12,
  quarterly: 4,
  half_yearly: 2,
  yearly: 1,
};

export function cycleSpan(frequency: RecurrenceFrequency, year: number, index: number): DateSpan {
  switch (frequency) {
    case "monthly":
      return monthSpan(year, index);
    case "quarterly":
      return quarterSpan(year, index);
    case "half_yearly":
      return halfYearSpan(year, index === 1 ? 1 : 2);
    case "yearly":
      return yearSpan(year);
  }
}

/** Calendar-aligned cycles (a cycle never crosses a year) that overlap the period, in order. */
export function cyclesInPeriod(
  frequency: RecurrenceFrequency,
  periodStart: IsoDate,
  periodEnd: IsoDate,
): RecurrenceCycle[] {
  if (periodEnd < periodStart) return [];
  const firstYear = parseIsoDate(periodStart).year;
  const lastYear = parseIsoDate(periodEnd).year;
  const cycles: RecurrenceCycle[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (let index = 1; index <= CYCLES_PER_YEAR[frequency]; index += 1) {
      const span = cycleSpan(frequency, year, index);
      if (span.end >= periodStart && span.start <= periodEnd) {
        cycles.push({ frequency, year, index, span });
      }
    }
  }
  return cycles;
}

/**
 * Due day of one cycle: the report day in the named month when that month lies in the cycle,
 * otherwise in the cycle's last month (clamped to the month's length); the cycle's last day
 * when there is no report day.
 */
export function cycleDueDate(
  span: DateSpan,
  reportDay: number | null,
  reportMonth: number | null,
): IsoDate {
  if (reportDay === null) return span.end;
  const end = parseIsoDate(span.end);
  const isNamedMonthInCycle =
    reportMonth !== null &&
    isoDate(end.year, reportMonth, 1) >= span.start &&
    isoDate(end.year, reportMonth, 1) <= span.end;
  const month = isNamedMonthInCycle && reportMonth !== null ? reportMonth : end.month;
  return isoDate(end.year, month, Math.min(reportDay, daysInMonth(end.year, month)));
}
