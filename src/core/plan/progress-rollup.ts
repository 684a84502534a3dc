import { formatPercent } from "../text/number-format.ts";
import type { TaskStatus } from "./task-status.ts";

/**
 * How progress is counted, stated once and repeated in every roll-up so screens and reports
 * can show it next to the figures.
 */
export const PROGRESS_RULE =
  "Nhiệm vụ bị hủy không tính vào tổng số; nhiệm vụ hoàn thành gồm cả hoàn thành trễ hạn; " +
  "tỷ lệ hoàn thành = số nhiệm vụ hoàn thành / tổng số nhiệm vụ không bị hủy.";

export interface ProgressRollUp {
  /** Tasks counted: every task except cancelled ones. */
  total: number;
  /** completed + completed_late. */
  completed: number;
  completedLate: number;
  overdue: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  /** Not part of `total`. */
  cancelled: number;
  /** completed / total × 100; null when there is no counted task. */
  percent: number | null;
  /** e.g. "7/12 nhiệm vụ hoàn thành (1 trễ hạn), 2 quá hạn". */
  summary: string;
  rule: string;
}

/** Roll-up of a set of tasks by their derived status (see `deriveTaskStatus`). */
export function rollUpProgress(statuses: readonly TaskStatus[]): ProgressRollUp {
  const count = (status: TaskStatus): number =>
    statuses.filter((candidate) => candidate === status).length;
  const cancelled = count("cancelled");
  const completedLate = count("completed_late");
  const completed = count("completed") + completedLate;
  const total = statuses.length - cancelled;
  const overdue = count("overdue");
  const percent = total === 0 ? null : (completed / total) * 100;
  return {
    total,
    completed,
    completedLate,
    overdue,
    inProgress: count("in_progress"),
    notStarted: count("not_started"),
    paused: count("paused"),
    cancelled,
    percent,
    summary: summarize({ total, completed, completedLate, overdue, cancelled }),
    rule: PROGRESS_RULE,
  };
}

function summarize(counts: {
  total: number;
  completed: number;
  completedLate: number;
  overdue: number;
  cancelled: number;
}): string {
  if (counts.total === 0) {
    return counts.cancelled > 0
      ? `Không có nhiệm vụ cần thực hiện (${counts.cancelled} nhiệm vụ đã hủy)`
      : "Chưa có nhiệm vụ";
  }
  const parts = [
    `${counts.completed}/${counts.total} nhiệm vụ hoàn thành` +
      (counts.completedLate > 0 ? ` (${counts.completedLate} trễ hạn)` : ""),
  ];
  if (counts.overdue > 0) parts.push(`${counts.overdue} quá hạn`);
  return parts.join(", ");
}

export interface TaskInArea {
  areaKey: string;
  status: TaskStatus;
}

export interface AreaProgress {
  areaKey: string;
  progress: ProgressRollUp;
}

/** Roll-up per area, in the order areas first appear, and for the whole plan. */
export function rollUpPlanProgress(tasks: readonly TaskInArea[]): {
  plan: ProgressRollUp;
  areas: AreaProgress[];
} {
  const byArea = new Map<string, TaskStatus[]>();
  for (const task of tasks) {
    const list = byArea.get(task.areaKey) ?? [];
    list.push(task.status);
    byArea.set(task.areaKey, list);
  }
  return {
    plan: rollUpProgress(tasks.map((task) => task.status)),
    areas: [...byArea].map(([areaKey, statuses]) => ({
      areaKey,
      progress: rollUpProgress(statuses),
    })),
  };
}

/** "58,33%" or "—" when nothing is counted. */
export function formatProgressPercent(progress: ProgressRollUp): string {
  return progress.percent === null ? "—" : formatPercent(progress.percent);
}
