import { TASK_STATUS_LABELS, type TaskStatus } from "../../../core/plan/task-status.ts";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";

type Changes = Record<string, { from: unknown; to: unknown }>;

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status") return TASK_STATUS_LABELS[value as TaskStatus] ?? String(value);
  if (field === "progress") return `${String(value)}%`;
  if (field === "completedAt") return formatDate(String(value));
  return String(value);
}

const FIELD_LABELS: Record<string, string> = {
  status: t.changes.status,
  progress: t.changes.progress,
  completedAt: t.changes.completedAt,
};

/** "Trạng thái: Chưa thực hiện → Hoàn thành", one line per changed field. */
export function describeChanges(changes: Changes): string[] {
  return Object.entries(changes).map(
    ([field, change]) =>
      `${FIELD_LABELS[field] ?? field}: ${show(field, change.from)} → ${show(field, change.to)}`,
  );
}
