import type { DateSpan, IsoDate } from "./iso-date.ts";

/**
 * A task's timeline (thời gian thực hiện / hoàn thành) as officials write it, turned into a
 * schedule. Every schedule keeps the text it came from (`raw`), its last due day (`dueDate`,
 * null when the text names none) and `needsReview`, set when part or all of the text was not
 * understood and a person should look at it.
 */
export type TimelineSchedule =
  | DateSchedule
  | MonthSchedule
  | QuarterSchedule
  | HalfYearSchedule
  | RangeSchedule
  | WholePeriodSchedule
  | RecurringSchedule
  | CompositeSchedule
  | UnparsedSchedule;

export type TimelineKind = TimelineSchedule["kind"];

interface ScheduleBase {
  raw: string;
  dueDate: IsoDate | null;
  needsReview: boolean;
}

/** "on": a plain date; "by": "chậm nhất (là) ngày …"; "before": "trước ngày …". */
export type DateQualifier = "on" | "by" | "before";

/**
 * A single day. For "trước ngày 15/12" the due date is the stated day itself: in plans and
 * reporting rules it is read as the last day to submit, not the day before.
 */
export interface DateSchedule extends ScheduleBase {
  kind: "date";
  date: IsoDate;
  qualifier: DateQualifier;
  dueDate: IsoDate;
}

export interface YearMonth {
  year: number;
  month: number;
}

/** One or more named months ("Trong tháng 01/2023", "tháng 3 và tháng 9/2024"). */
export interface MonthSchedule extends ScheduleBase {
  kind: "month";
  months: YearMonth[];
  dueDate: IsoDate;
}

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface YearQuarter {
  year: number;
  quarter: QuarterNumber;
}

/** One or more named quarters ("Quý I/2026", "Quý II và Quý IV/2026"). */
export interface QuarterSchedule extends ScheduleBase {
  kind: "quarter";
  quarters: YearQuarter[];
  dueDate: IsoDate;
}

export interface HalfYearSchedule extends ScheduleBase {
  kind: "half_year";
  year: number;
  half: 1 | 2;
  span: DateSpan;
  dueDate: IsoDate;
}

/** "Từ Quý IV/2023 đến Quý I/2024", "từ tháng 3 đến tháng 6/2024": first to last day. */
export interface RangeSchedule extends ScheduleBase {
  kind: "range";
  span: DateSpan;
  dueDate: IsoDate;
}

/**
 * The whole of a year or of the plan period: "Cả năm 2023", "Năm 2024", "Hoàn thành trong năm
 * 2024", "Thường xuyên (trong năm)". `isContinuous` marks ongoing work (thường xuyên), which has
 * no single product but is still due when the span ends.
 */
export interface WholePeriodSchedule extends ScheduleBase {
  kind: "whole_period";
  span: DateSpan;
  isContinuous: boolean;
  dueDate: IsoDate;
}

export type RecurrenceFrequency = "monthly" | "quarterly" | "half_yearly" | "yearly";

/**
 * A repeating cycle ("Hằng tháng", "Định kỳ 6 tháng"). `reportDay` is the day of the month a
 * report is due ("trước ngày 15 hằng tháng"); for cycles longer than a month it falls in the
 * cycle's last month unless `reportMonth` names the month ("hằng năm, trước ngày 15/12").
 * Without a report day each occurrence is due on the last day of its cycle. `dueDate` is the
 * due day of the last occurrence inside the plan period.
 */
export interface RecurringSchedule extends ScheduleBase {
  kind: "recurring";
  frequency: RecurrenceFrequency;
  reportDay: number | null;
  reportMonth: number | null;
  dueDate: IsoDate;
}

/**
 * Several schedules in one cell ("Quyết định công bố chậm nhất ngày 01/3/2024; Báo cáo … chậm
 * nhất ngày 20/02/2024", "Định kỳ hằng quý, 6 tháng và hằng năm"). Due when the last part is.
 */
export interface CompositeSchedule extends ScheduleBase {
  kind: "composite";
  parts: Exclude<TimelineSchedule, CompositeSchedule | UnparsedSchedule>[];
  dueDate: IsoDate;
}

export interface UnparsedSchedule extends ScheduleBase {
  kind: "unparsed";
  dueDate: null;
  needsReview: true;
}

export type SimpleSchedule = CompositeSchedule["parts"][number];

/** The plan's period, used for missing years, "thường xuyên" and recurring cycles. */
export interface PlanPeriod {
  periodStart: IsoDate;
  periodEnd: IsoDate;
}
