/**
 * The reporting schedule a plan sets ("báo cáo định kỳ hằng quý … trước ngày 15 của tháng cuối
 * quý; báo cáo năm trước ngày 15/11"): which reports are due and by which rule. Pure; the plan
 * importer reads it from the plan's text and the reports capability computes due dates from it.
 */
import { searchKey } from "../text/vietnamese-text.ts";

export const REPORT_KINDS = ["monthly", "quarterly", "half_yearly", "yearly"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportDueRule =
  /** "trước ngày 15 hằng tháng": day of the month the report covers. */
  | { rule: "day_of_month"; day: number }
  /** "trước ngày 15 của tháng cuối quý". */
  | { rule: "day_of_last_month_of_quarter"; day: number }
  /** "trước ngày 05 của tháng đầu quý sau" / "tháng sau". */
  | { rule: "day_of_next_period"; day: number }
  /** "trước ngày 15/6", "trước ngày 15 tháng 11": the same day every year. */
  | { rule: "fixed_date"; day: number; month: number };

export interface ReportScheduleEntry {
  kind: ReportKind;
  /** Null when the plan names the report but no deadline. */
  due: ReportDueRule | null;
  /** The clause as printed. */
  text: string;
}

/** The report kinds a clause names ("hằng quý, 6 tháng, năm" names three). */
function kindsOf(key: string): ReportKind[] {
  const kinds: ReportKind[] = [];
  if (/\b(hang|moi) thang\b/.test(key)) kinds.push("monthly");
  if (/\b(hang|moi) quy\b|\bbao cao quy\b/.test(key)) kinds.push("quarterly");
  if (/\b(6|sau) thang\b/.test(key)) kinds.push("half_yearly");
  if (/\b(hang nam|bao cao nam|ca nam|tong ket nam)\b|(,|\bva) nam\b/.test(key))
    kinds.push("yearly");
  return kinds;
}

function dueOf(key: string, kind: ReportKind): ReportDueRule | null {
  const lastMonth = /truoc ngay (\d{1,2})(?: cua)? thang cuoi quy/.exec(key);
  if (lastMonth) return { rule: "day_of_last_month_of_quarter", day: Number(lastMonth[1]) };
  const next =
    /truoc ngay (\d{1,2})(?: cua)? (?:thang dau quy (?:sau|tiep theo)|thang (?:sau|tiep theo)|quy (?:sau|tiep theo))/.exec(
      key,
    );
  if (next) return { rule: "day_of_next_period", day: Number(next[1]) };
  const fixed =
    /truoc ngay (\d{1,2})\s*(?:\/|-|\.|thang)\s*(\d{1,2})(?!\d)/.exec(key) ??
    /truoc ngay (\d{1,2}) cua thang (\d{1,2})(?!\d)/.exec(key);
  if (fixed) {
    const day = Number(fixed[1]);
    const month = Number(fixed[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12)
      return { rule: "fixed_date", day, month };
  }
  const monthly = /truoc ngay (\d{1,2})(?: (?:hang|cua|moi) thang)?/.exec(key);
  if (monthly && kind === "monthly") return { rule: "day_of_month", day: Number(monthly[1]) };
  return null;
}

/** Reads the report kinds and due rules of one paragraph; empty when it sets none. */
export function parseReportSchedule(text: string): ReportScheduleEntry[] {
  // Cheap test first ("báo cáo" in any tone placement): most paragraphs set no schedule.
  if (!/b\S{1,3}o\s+c\S{1,3}o/iu.test(text) || !/bao cao/.test(searchKey(text))) return [];
  const entries: ReportScheduleEntry[] = [];
  for (const clause of text.split(/;|\.\s+(?=\p{Lu})/u)) {
    const key = searchKey(clause).replace(/\s+/g, " ");
    if (!/bao cao/.test(key)) continue;
    for (const kind of kindsOf(key)) {
      if (entries.some((entry) => entry.kind === kind)) continue;
      entries.push({ kind, due: dueOf(key, kind), text: clause.trim().replace(/[.;]+$/u, "") });
    }
  }
  return entries;
}

/**
 * The due rule of a due-date phrase on its own ("trước ngày 15 tháng cuối quý", "trước ngày 15/6"),
 * as the reports capability's calendar writes it; null when the phrase sets no rule.
 */
export function parseReportDueRule(text: string, kind: ReportKind): ReportDueRule | null {
  return dueOf(searchKey(text).replace(/\s+/g, " "), kind);
}
