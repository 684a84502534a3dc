/**
 * Report kinds proposed from a plan's reporting schedule ("báo cáo định kỳ hằng quý … trước ngày
 * 15 của tháng cuối quý"): what the upper unit would otherwise type again on the reports page.
 * Pure.
 *
 * Rules:
 * - One kind per scheduled report whose period the reporting calendar knows (quarter, half-year,
 *   year) and whose deadline the plan names; a monthly report or one without a deadline is listed
 *   as not created, with the reason.
 * - The due phrase is written in the calendar's own wording and read back by `parseDueText`; a
 *   rule that does not read back to itself is not proposed (never a kind with another deadline).
 * - A kind of the unit with the same period and due rule already exists → not proposed again.
 */
import type { ReportKind, ReportScheduleEntry } from "../plan/report-schedule.ts";
import { parseDueText, REPORT_PERIOD_KIND_LABELS, type ReportDueRule } from "./report-calendar.ts";
import type { ReportPeriodKind } from "./report-calendar.ts";

export type ScheduledPeriodKind = Exclude<ReportPeriodKind, "ad_hoc">;

export interface ProposedReportKind {
  name: string;
  periodKind: ScheduledPeriodKind;
  dueText: string;
  dueRule: ReportDueRule;
  /** The plan's clause it comes from. */
  source: string;
}

export const SCHEDULE_SKIP_REASONS = [
  "monthly",
  "no_due_date",
  "unreadable_due",
  "exists",
] as const;
export type ScheduleSkipReason = (typeof SCHEDULE_SKIP_REASONS)[number];

export interface SkippedScheduleEntry {
  kind: ReportKind;
  source: string;
  reason: ScheduleSkipReason;
  message: string;
}

export interface ExistingReportKind {
  name: string;
  periodKind: ReportPeriodKind;
  dueRule: ReportDueRule | null;
}

const KIND_NAMES: Record<ScheduledPeriodKind, string> = {
  quarterly: "Báo cáo quý về công tác cải cách hành chính",
  half_yearly: "Báo cáo 6 tháng về công tác cải cách hành chính",
  yearly: "Báo cáo năm về công tác cải cách hành chính",
};

const SCHEDULE_KIND_LABELS: Record<ReportKind, string> = {
  monthly: "Báo cáo tháng",
  quarterly: REPORT_PERIOD_KIND_LABELS.quarterly,
  half_yearly: REPORT_PERIOD_KIND_LABELS.half_yearly,
  yearly: REPORT_PERIOD_KIND_LABELS.yearly,
};

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** The due rule in the reporting calendar's wording ("trước ngày 15 tháng cuối quý"). */
export function dueTextOf(rule: ReportDueRule, kind: ReportKind): string {
  switch (rule.rule) {
    case "day_of_month":
      return `trước ngày ${twoDigits(rule.day)} hằng tháng`;
    case "day_of_last_month_of_quarter":
      return `trước ngày ${twoDigits(rule.day)} tháng cuối quý`;
    case "day_of_next_period":
      return kind === "quarterly"
        ? `trước ngày ${twoDigits(rule.day)} của tháng đầu quý sau`
        : `trước ngày ${twoDigits(rule.day)} của tháng sau`;
    case "fixed_date":
      return `trước ngày ${twoDigits(rule.day)}/${twoDigits(rule.month)}`;
  }
}

/** "Báo cáo quý: trước ngày 15 tháng cuối quý" — how the plan page lists a scheduled report. */
export function scheduleEntryLabel(entry: Pick<ReportScheduleEntry, "kind" | "due">): string {
  const kind = SCHEDULE_KIND_LABELS[entry.kind];
  return entry.due ? `${kind}: ${dueTextOf(entry.due, entry.kind)}` : `${kind}: chưa ghi hạn nộp`;
}

/** Field by field: a rule read back from jsonb has its keys in another order. */
function sameRule(a: ReportDueRule | null, b: ReportDueRule): boolean {
  if (!a || a.rule !== b.rule || a.day !== b.day) return false;
  return a.rule !== "fixed_date" || (b.rule === "fixed_date" && a.month === b.month);
}

function readBack(text: string, kind: ScheduledPeriodKind): ReportDueRule | null {
  try {
    return parseDueText(text, kind);
  } catch {
    return null;
  }
}

export function proposeReportKinds(
  schedule: readonly ReportScheduleEntry[],
  existing: readonly ExistingReportKind[],
): { proposed: ProposedReportKind[]; skipped: SkippedScheduleEntry[] } {
  const proposed: ProposedReportKind[] = [];
  const skipped: SkippedScheduleEntry[] = [];
  const skip = (entry: ReportScheduleEntry, reason: ScheduleSkipReason, message: string) =>
    skipped.push({ kind: entry.kind, source: entry.text, reason, message });
  for (const entry of schedule) {
    const label = SCHEDULE_KIND_LABELS[entry.kind];
    if (entry.kind === "monthly") {
      skip(entry, "monthly", `${label}: lịch báo cáo chưa có kỳ báo cáo tháng.`);
      continue;
    }
    if (!entry.due) {
      skip(entry, "no_due_date", `${label}: kế hoạch không ghi hạn nộp.`);
      continue;
    }
    const periodKind = entry.kind;
    const dueText = dueTextOf(entry.due, periodKind);
    const rule = readBack(dueText, periodKind);
    if (!rule || !sameRule(rule, entry.due)) {
      skip(
        entry,
        "unreadable_due",
        `${label}: hạn "${dueText}" không dùng được cho kỳ báo cáo này.`,
      );
      continue;
    }
    const twin = [...existing, ...proposed].find(
      (kind) => kind.periodKind === periodKind && sameRule(kind.dueRule, rule),
    );
    if (twin) {
      skip(entry, "exists", `${label}: đã có loại báo cáo “${twin.name}” cùng kỳ và hạn nộp.`);
      continue;
    }
    proposed.push({
      name: KIND_NAMES[periodKind],
      periodKind,
      dueText,
      dueRule: rule,
      source: entry.text,
    });
  }
  return { proposed, skipped };
}
