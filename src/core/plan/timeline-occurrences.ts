import {
  monthSpan,
  pad2,
  parseIsoDate,
  quarterSpan,
  type DateSpan,
  type IsoDate,
} from "./iso-date.ts";
import { cycleDueDate, cyclesInPeriod, type RecurrenceCycle } from "./recurrence.ts";
import type { PlanPeriod, SimpleSchedule, TimelineSchedule } from "./timeline.ts";

/** One dated instance of a schedule: what is due, over which span, by which day. */
export interface Occurrence {
  label: string;
  span: DateSpan;
  dueDate: IsoDate;
}

const ROMAN = ["", "I", "II", "III", "IV"] as const;

/**
 * The dated occurrences of a schedule: one per cycle of the plan period for a recurring
 * schedule (due on the report day, or the cycle's last day), one per named month or quarter,
 * a single one otherwise; a composite gives all of its parts' occurrences by due date; an
 * unparsed timeline gives none.
 */
export function occurrencesOf(schedule: TimelineSchedule, period: PlanPeriod): Occurrence[] {
  if (schedule.kind === "unparsed") return [];
  if (schedule.kind === "composite") {
    return mergeSameDueDate(
      schedule.parts
        .flatMap((part) => simpleOccurrences(part, period))
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
    );
  }
  return simpleOccurrences(schedule, period);
}

/**
 * A task has one occurrence per due day: "hằng quý, 6 tháng và năm" makes Quý II and the first
 * half-year both due on 30/6, which become one occurrence "Quý II/2026, 6 tháng đầu năm 2026"
 * over the wider span. Expects occurrences sorted by due date.
 */
function mergeSameDueDate(sorted: Occurrence[]): Occurrence[] {
  const merged: Occurrence[] = [];
  for (const occurrence of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.dueDate === occurrence.dueDate) {
      merged[merged.length - 1] = {
        label: `${last.label}, ${occurrence.label}`,
        span: {
          start: last.span.start < occurrence.span.start ? last.span.start : occurrence.span.start,
          end: last.span.end > occurrence.span.end ? last.span.end : occurrence.span.end,
        },
        dueDate: last.dueDate,
      };
    } else merged.push(occurrence);
  }
  return merged;
}

function simpleOccurrences(schedule: SimpleSchedule, period: PlanPeriod): Occurrence[] {
  switch (schedule.kind) {
    case "date":
      return [
        {
          label: formatDayMonthYear(schedule.date),
          span: { start: schedule.date, end: schedule.date },
          dueDate: schedule.date,
        },
      ];
    case "month":
      return schedule.months.map(({ year, month }) => {
        const span = monthSpan(year, month);
        return { label: `Tháng ${pad2(month)}/${year}`, span, dueDate: span.end };
      });
    case "quarter":
      return schedule.quarters.map(({ year, quarter }) => {
        const span = quarterSpan(year, quarter);
        return { label: `Quý ${ROMAN[quarter]}/${year}`, span, dueDate: span.end };
      });
    case "half_year":
      return [
        {
          label: halfYearLabel(schedule.year, schedule.half),
          span: schedule.span,
          dueDate: schedule.dueDate,
        },
      ];
    case "range":
    case "whole_period":
      return [{ label: spanLabel(schedule.span), span: schedule.span, dueDate: schedule.dueDate }];
    case "recurring":
      return cyclesInPeriod(schedule.frequency, period.periodStart, period.periodEnd).map(
        (cycle) => ({
          label: cycleLabel(cycle),
          span: cycle.span,
          dueDate: cycleDueDate(cycle.span, schedule.reportDay, schedule.reportMonth),
        }),
      );
  }
}

function cycleLabel(cycle: RecurrenceCycle): string {
  switch (cycle.frequency) {
    case "monthly":
      return `Tháng ${pad2(cycle.index)}/${cycle.year}`;
    case "quarterly":
      return `Quý ${ROMAN[cycle.index]}/${cycle.year}`;
    case "half_yearly":
      return halfYearLabel(cycle.year, cycle.index === 1 ? 1 : 2);
    case "yearly":
      return `Năm ${cycle.year}`;
  }
}

function halfYearLabel(year: number, half: 1 | 2): string {
  return `6 tháng ${half === 1 ? "đầu" : "cuối"} năm ${year}`;
}

function spanLabel(span: DateSpan): string {
  const start = parseIsoDate(span.start);
  const end = parseIsoDate(span.end);
  if (start.year === end.year && span.start.endsWith("-01-01") && span.end.endsWith("-12-31")) {
    return `Năm ${start.year}`;
  }
  return `Từ ${formatDayMonthYear(span.start)} đến ${formatDayMonthYear(span.end)}`;
}

/** "2026-09-30" → "30/09/2026". */
export function formatDayMonthYear(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}
