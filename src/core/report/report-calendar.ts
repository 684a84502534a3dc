/**
 * The reporting calendar: the report kinds an upper level defines (quarterly, six-month, yearly,
 * ad hoc), the period each instance covers and its due date, read from the phrase the state writes
 * ("trước ngày 15 tháng cuối quý", "trước ngày 15/6", "chậm nhất ngày 25/11"). Pure.
 *
 * Rules:
 * - The phrase is read by the plan's report-schedule parser (`parseReportDueRule`), after the
 *   usual variants ("chậm nhất ngày", "hạn nộp", "không muộn hơn ngày", "tháng thứ ba của quý")
 *   are brought to its wording.
 * - The due date is the day named: a report sent on or before it is on time.
 * - A named day the month does not have (31 in June) is the month's last day.
 * - A fixed day ("trước ngày 15/01") that falls in the first half of the period is in the next
 *   year: a report is due near or after the end of what it covers.
 * - The working-day calendar moves a due date off a day off only when the kind says so
 *   (`holidayShift`): to the next working day (Civil Code art. 148) or the previous one.
 * - Periods follow the calendar (quarter 1 = 01/01–31/03) unless the kind takes the statistical
 *   cut-off of Decree 09/2019/NĐ-CP art. 12 (from the 15th of the month before the period to the
 *   14th of its last month).
 */
import { RuleError } from "../errors.ts";
import {
  addDays,
  daysInMonth,
  isoDate,
  isIsoDate,
  toDayNumber,
  type IsoDate,
} from "../calendar/calendar-date.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";
import { nextWorkingDay } from "../calendar/working-days.ts";
import { parseReportDueRule, type ReportDueRule } from "../plan/report-schedule.ts";
import { searchKey } from "../text/vietnamese-text.ts";

export const REPORT_PERIOD_KINDS = ["quarterly", "half_yearly", "yearly", "ad_hoc"] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

export const REPORT_PERIOD_KIND_LABELS: Record<ReportPeriodKind, string> = {
  quarterly: "Báo cáo quý",
  half_yearly: "Báo cáo 6 tháng",
  yearly: "Báo cáo năm",
  ad_hoc: "Báo cáo đột xuất",
};

export const HOLIDAY_SHIFTS = ["none", "next_working_day", "previous_working_day"] as const;
export type HolidayShift = (typeof HOLIDAY_SHIFTS)[number];

export const PERIOD_RULES = ["calendar", "statistical_cutoff"] as const;
export type PeriodRule = (typeof PERIOD_RULES)[number];

/** A report kind is drafted, then published to the units that must send it. */
export const REPORT_KIND_STATUSES = ["draft", "published"] as const;
export type ReportKindStatus = (typeof REPORT_KIND_STATUSES)[number];

export type { ReportDueRule };

export class ReportCalendarError extends RuleError<
  "REPORT_DUE_TEXT_INVALID" | "REPORT_DUE_RULE_UNFIT" | "REPORT_PERIOD_INVALID"
> {}

/** Brings the usual ways of writing a deadline to the wording the plan's parser reads. */
function normalisedDueText(text: string): string {
  return searchKey(text)
    .replace(/[:,;()]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/\bngay thu\b/g, "ngay")
    .replace(
      /\b(?:cham nhat|khong muon hon|khong qua|han nop bao cao|han nop|han chot|han)(?: (?:la|vao|truoc))? ngay\b/g,
      "truoc ngay",
    )
    .replace(/\btruoc (\d{1,2}\s*[/.-])/g, "truoc ngay $1")
    .replace(/\bthang thu (?:ba|3) cua quy\b/g, "thang cuoi quy")
    .replace(/\s+/g, " ");
}

/** Reads a due phrase; throws REPORT_DUE_TEXT_INVALID when it names no day the rules know. */
export function parseDueText(text: string, kind: ReportPeriodKind): ReportDueRule {
  const rule = parseReportDueRule(normalisedDueText(text), kind === "ad_hoc" ? "yearly" : kind);
  if (!rule) {
    throw new ReportCalendarError(
      "REPORT_DUE_TEXT_INVALID",
      `Không đọc được hạn báo cáo "${text}". Viết theo mẫu "trước ngày 15 tháng cuối quý", "trước ngày 15/6" hoặc "trước ngày 05 của tháng đầu quý sau".`,
    );
  }
  if (rule.rule === "day_of_month") {
    throw new ReportCalendarError(
      "REPORT_DUE_RULE_UNFIT",
      "Hạn theo ngày hằng tháng chỉ dùng cho báo cáo tháng; hãy ghi rõ tháng nộp báo cáo.",
    );
  }
  if (rule.rule === "fixed_date" && kind === "quarterly") {
    throw new ReportCalendarError(
      "REPORT_DUE_RULE_UNFIT",
      "Báo cáo quý cần hạn theo từng quý (ví dụ: trước ngày 15 tháng cuối quý), không phải một ngày cố định trong năm.",
    );
  }
  if (rule.day < 1 || rule.day > 31) {
    throw new ReportCalendarError("REPORT_DUE_TEXT_INVALID", `Ngày ${rule.day} không hợp lệ.`);
  }
  return rule;
}

/** One instance of a kind: which period of which year. */
export interface ReportPeriod {
  kind: ReportPeriodKind;
  year: number;
  /** Quarter 1–4, half 1–2, 1 for a year or an ad hoc report. */
  index: number;
  from: IsoDate;
  to: IsoDate;
  /** "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026". */
  label: string;
  /** Stable key of the period ("2026-Q1", "2026-H1", "2026-Y"). */
  key: string;
}

const ROMAN = ["I", "II", "III", "IV"];

function dayOfMonth(year: number, month: number, day: number): IsoDate {
  return isoDate(year, month, Math.min(day, daysInMonth(year, month)));
}

function monthRange(year: number, firstMonth: number, lastMonth: number, rule: PeriodRule) {
  if (rule === "statistical_cutoff") {
    const start = firstMonth === 1 ? isoDate(year - 1, 12, 15) : isoDate(year, firstMonth - 1, 15);
    return { from: start, to: isoDate(year, lastMonth, 14) };
  }
  return { from: isoDate(year, firstMonth, 1), to: dayOfMonth(year, lastMonth, 31) };
}

/** The periods a kind has in a year (an ad hoc kind has none: its period is its own). */
export function periodsOf(kind: ReportPeriodKind, year: number, rule: PeriodRule = "calendar") {
  const periods: ReportPeriod[] = [];
  if (kind === "quarterly") {
    for (let q = 1; q <= 4; q++) {
      periods.push({
        kind,
        year,
        index: q,
        ...monthRange(year, 3 * q - 2, 3 * q, rule),
        label: `Quý ${ROMAN[q - 1]}/${year}`,
        key: `${year}-Q${q}`,
      });
    }
  } else if (kind === "half_yearly") {
    periods.push({
      kind,
      year,
      index: 1,
      ...monthRange(year, 1, 6, rule),
      label: `6 tháng đầu năm ${year}`,
      key: `${year}-H1`,
    });
  } else if (kind === "yearly") {
    periods.push({
      kind,
      year,
      index: 1,
      ...monthRange(year, 1, 12, rule),
      label: `Năm ${year}`,
      key: `${year}-Y`,
    });
  }
  return periods;
}

/** The last month of the period (the month "tháng cuối quý" names for it). */
function lastMonthOf(period: ReportPeriod): number {
  if (period.kind === "quarterly") return 3 * period.index;
  if (period.kind === "half_yearly") return 6;
  return 12;
}

/** The day the rule names for a period, before any move off a day off. */
export function namedDueDate(rule: ReportDueRule, period: ReportPeriod): IsoDate {
  const last = lastMonthOf(period);
  switch (rule.rule) {
    case "day_of_last_month_of_quarter":
      return dayOfMonth(period.year, last, rule.day);
    case "day_of_next_period":
      return last === 12
        ? dayOfMonth(period.year + 1, 1, rule.day)
        : dayOfMonth(period.year, last + 1, rule.day);
    case "fixed_date": {
      const inYear = dayOfMonth(period.year, rule.month, rule.day);
      // "trước ngày 15/01" for a yearly report: January of the next year (a named day in the
      // first half of the period is read as after it; reports are due near or after the end).
      const middle = (toDayNumber(period.from) + toDayNumber(period.to)) / 2;
      return toDayNumber(inYear) < middle
        ? dayOfMonth(period.year + 1, rule.month, rule.day)
        : inYear;
    }
    case "day_of_month":
      return dayOfMonth(period.year, last, rule.day);
  }
}

/** Moves a day off a day off, only when the kind's rule says so. */
export function shiftedDueDate(
  date: IsoDate,
  shift: HolidayShift,
  calendar: WorkingCalendar | null,
): IsoDate {
  if (shift === "none" || !calendar || calendar.isWorkingDay(date)) return date;
  if (shift === "next_working_day") return nextWorkingDay(date, calendar);
  let day = addDays(date, -1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** A kind as the calendar needs it. */
export interface ReportKindRule {
  periodKind: ReportPeriodKind;
  dueRule: ReportDueRule | null;
  holidayShift: HolidayShift;
  periodRule: PeriodRule;
  /** Ad hoc: its one period and due date. */
  adHoc?: { from: IsoDate; to: IsoDate; dueDate: IsoDate; year: number } | null;
}

export interface DueInstance {
  period: ReportPeriod;
  /** The day the rule names. */
  namedDate: IsoDate;
  /** The due date after the working-day rule (equal to `namedDate` when it does not apply). */
  dueDate: IsoDate;
}

/** Every instance of a kind whose period ends in the year (ad hoc: its own, in its year). */
export function dueInstances(
  kind: ReportKindRule,
  year: number,
  calendar: WorkingCalendar | null,
): DueInstance[] {
  if (kind.periodKind === "ad_hoc") {
    const adHoc = kind.adHoc;
    if (!adHoc || adHoc.year !== year) return [];
    if (!isIsoDate(adHoc.from) || !isIsoDate(adHoc.to) || adHoc.from > adHoc.to) {
      throw new ReportCalendarError("REPORT_PERIOD_INVALID", "Kỳ báo cáo không hợp lệ.");
    }
    const period: ReportPeriod = {
      kind: "ad_hoc",
      year,
      index: 1,
      from: adHoc.from,
      to: adHoc.to,
      label: `Từ ${dmy(adHoc.from)} đến ${dmy(adHoc.to)}`,
      key: `${adHoc.from}..${adHoc.to}`,
    };
    return [
      {
        period,
        namedDate: adHoc.dueDate,
        dueDate: shiftedDueDate(adHoc.dueDate, kind.holidayShift, calendar),
      },
    ];
  }
  if (!kind.dueRule) return [];
  return periodsOf(kind.periodKind, year, kind.periodRule).map((period) => {
    const namedDate = namedDueDate(kind.dueRule!, period);
    return { period, namedDate, dueDate: shiftedDueDate(namedDate, kind.holidayShift, calendar) };
  });
}

function dmy(date: IsoDate): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

export type DueState = "upcoming" | "due_soon" | "overdue" | "submitted";

/**
 * Where an instance stands on a day: submitted, overdue (past its due date), due soon (within
 * `daysBefore` days of it) or upcoming.
 */
export function dueStateOf(
  dueDate: IsoDate,
  today: IsoDate,
  daysBefore: number,
  submitted: boolean,
): DueState {
  if (submitted) return "submitted";
  const days = toDayNumber(dueDate) - toDayNumber(today);
  if (days < 0) return "overdue";
  return days <= daysBefore ? "due_soon" : "upcoming";
}

export type ReportReminderStage = "due_soon" | "overdue";

/** Overdue reminders are sent within this many days after the due date (not for old periods). */
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

/**
 * The reminder an instance calls for on a day: one "due soon" from `daysBefore` days before the
 * due date, one "overdue" in the 30 days after it; none once submitted, and none for a period that
 * has not begun. Each stage is sent once (the server keys it by kind, unit, period and stage).
 */
export function reminderStageOf(
  instance: DueInstance,
  today: IsoDate,
  daysBefore: number,
  submitted: boolean,
): ReportReminderStage | null {
  if (submitted || toDayNumber(today) < toDayNumber(instance.period.from)) return null;
  const late = toDayNumber(today) - toDayNumber(instance.dueDate);
  if (late > OVERDUE_REMINDER_WINDOW_DAYS) return null;
  const state = dueStateOf(instance.dueDate, today, daysBefore, false);
  return state === "due_soon" || state === "overdue" ? state : null;
}
