/**
 * Review checks on a plan draft, run after the import has mapped it: tasks without a lead or a
 * deadline, leads suggested by the duties section (never filled in), timelines outside the plan's
 * period, and several targets on one metric with different values. Pure.
 */
import { searchKey } from "../text/vietnamese-text.ts";
import type { DraftPeriod, DraftTarget, DraftTask } from "./to-plan-draft.ts";

export type TaskFlag = "no_lead" | "no_deadline" | "timeline_outside_period";

export interface DraftDuty {
  agencyName: string;
  agencyId: string | null;
  duties: string[];
}

type Warn = (code: string, message: string, line: number | null | undefined) => void;

const STOP_WORDS = new Set([
  "va",
  "cac",
  "cua",
  "cho",
  "tren",
  "trong",
  "theo",
  "voi",
  "the",
  "nhung",
  "mot",
  "duoc",
  "chu",
  "tri",
  "phoi",
  "hop",
  "tham",
  "muu",
  "thuc",
  "hien",
  "to",
  "chuc",
  "nam",
  "tai",
]);

function words(text: string): Set<string> {
  return new Set(
    searchKey(text)
      .replace(/[^a-z0-9 ]/g, " ")
      .split(/\s+/)
      .filter((word) => word.length > 1 && !STOP_WORDS.has(word)),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/** The agency whose duty lines best describe the task, when one clearly does. */
export function suggestLead(
  taskText: string,
  duties: readonly DraftDuty[],
): { agencyId: string; duty: string } | null {
  const wanted = words(taskText);
  let best: { agencyId: string; duty: string; score: number } | null = null;
  for (const duty of duties) {
    if (!duty.agencyId) continue;
    for (const line of duty.duties) {
      const score = overlap(wanted, words(line));
      if (score >= 0.6 && (!best || score > best.score)) {
        best = { agencyId: duty.agencyId, duty: line, score };
      }
    }
  }
  return best ? { agencyId: best.agencyId, duty: best.duty } : null;
}

/** The years a plan's period covers. */
export function periodYears(period: DraftPeriod): { from: number; to: number } {
  return period.kind === "multi_year"
    ? { from: period.year, to: period.endYear }
    : { from: period.year, to: period.year };
}

/** Years printed in a timeline ("Quý IV/2025", "tháng 3 năm 2026") outside the plan's period. */
export function yearsOutsidePeriod(timeline: string, period: DraftPeriod): number[] {
  const { from, to } = periodYears(period);
  const years = [...timeline.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
  return [...new Set(years.filter((year) => year < from || year > to))];
}

/** Adds flags and suggestions to the tasks and the warnings that list them. */
export function reviewTasks(
  tasks: DraftTask[],
  duties: readonly DraftDuty[],
  period: DraftPeriod,
  agencyName: (id: string) => string,
  warn: Warn,
): void {
  const noLead: DraftTask[] = [];
  const noDeadline: DraftTask[] = [];
  for (const task of tasks) {
    const flags: TaskFlag[] = [];
    if (!task.leadAgencyId) {
      flags.push("no_lead");
      noLead.push(task);
      const suggestion = suggestLead(task.text, duties);
      task.suggestedLeadAgencyId = suggestion?.agencyId ?? null;
      if (suggestion) {
        warn(
          "DRAFT_LEAD_SUGGESTED",
          `Nhiệm vụ “${task.text.slice(0, 80)}” chưa có cơ quan chủ trì; phần phân công trách nhiệm gợi ý “${agencyName(suggestion.agencyId)}” (“${suggestion.duty.slice(0, 80)}”). Chọn để áp dụng.`,
          task.line,
        );
      }
    }
    if (!task.timeline?.trim()) {
      flags.push("no_deadline");
      noDeadline.push(task);
    } else {
      const outside = yearsOutsidePeriod(task.timeline, period);
      if (outside.length > 0) {
        flags.push("timeline_outside_period");
        const { from, to } = periodYears(period);
        warn(
          "DRAFT_TIMELINE_OUTSIDE_PERIOD",
          `Thời gian “${task.timeline}” của nhiệm vụ “${task.text.slice(0, 80)}” nằm ngoài kỳ kế hoạch (${from === to ? `năm ${from}` : `${from}–${to}`}); kiểm tra lại năm.`,
          task.line,
        );
      }
    }
    task.flags = flags;
  }
  const sample = (list: DraftTask[]) =>
    list
      .slice(0, 3)
      .map((task) => `“${task.text.slice(0, 60)}”`)
      .join(", ") + (list.length > 3 ? ", …" : "");
  if (noLead.length > 0) {
    warn(
      "DRAFT_TASK_NO_LEAD",
      `${noLead.length} nhiệm vụ chưa có cơ quan chủ trì: ${sample(noLead)}.`,
      noLead[0]?.line,
    );
  }
  if (noDeadline.length > 0) {
    warn(
      "DRAFT_TASK_NO_DEADLINE",
      `${noDeadline.length} nhiệm vụ chưa có thời gian hoàn thành: ${sample(noDeadline)}.`,
      noDeadline[0]?.line,
    );
  }
}

/** Several targets on one metric (and area) with different values: the officer picks one. */
export function reviewTargets(targets: readonly DraftTarget[], warn: Warn): void {
  const groups = new Map<string, DraftTarget[]>();
  for (const target of targets) {
    if (target.metric === "manual") continue;
    const key = `${target.metric}|${target.areaKey ?? ""}|${target.scope ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  for (const group of groups.values()) {
    const values = new Set(
      group.map((target) => `${target.comparator}|${target.value}|${target.valueHigh}`),
    );
    if (values.size < 2) continue;
    warn(
      "DRAFT_TARGET_CONFLICT",
      `Có ${group.length} chỉ tiêu cùng đo một chỉ số nhưng khác giá trị: ${group
        .map((target) => `“${target.text.slice(0, 80)}”`)
        .join("; ")}. Giữ một chỉ tiêu hoặc chuyển các chỉ tiêu còn lại sang nhập tay.`,
      group[1]?.line,
    );
  }
}
