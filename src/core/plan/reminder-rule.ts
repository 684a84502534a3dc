/**
 * Which reminders are due: a task (or one dated occurrence of a recurring task) that is still
 * open gets one reminder when its due date is N days away or closer, and one when it becomes
 * overdue. Each reminder carries a dedupe key made of the task, the occurrence and the due date,
 * so running the rule again never reminds twice, and a moved due date reminds afresh.
 */
import type { IsoDate } from "./iso-date.ts";

export type ReminderKind = "task_due_soon" | "task_overdue";

export interface ReminderCandidate {
  taskId: string;
  /** Set for one dated occurrence of a recurring task. */
  occurrenceId: string | null;
  occurrenceLabel: string | null;
  planId: string;
  planTitle: string;
  unitId: string;
  leadAgencyId: string | null;
  text: string;
  dueDate: IsoDate | null;
  /** Stored status: only "not_started" and "in_progress" are chased. */
  status: string;
}

export interface DueReminder {
  kind: ReminderKind;
  dedupeKey: string;
  candidate: ReminderCandidate;
  title: string;
  body: string;
  link: string;
}

const OPEN_STATUSES = new Set(["not_started", "in_progress"]);

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function vietnameseDate(iso: IsoDate): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

/** The reminders due today for the given tasks; `daysBefore` ≥ 0. */
export function dueReminders(
  candidates: readonly ReminderCandidate[],
  options: { today: IsoDate; daysBefore: number },
): DueReminder[] {
  const reminders: DueReminder[] = [];
  for (const candidate of candidates) {
    if (!candidate.dueDate || !OPEN_STATUSES.has(candidate.status)) continue;
    const daysLeft = daysBetween(options.today, candidate.dueDate);
    let kind: ReminderKind | null = null;
    if (daysLeft < 0) kind = "task_overdue";
    else if (daysLeft <= options.daysBefore) kind = "task_due_soon";
    if (!kind) continue;
    const what = candidate.occurrenceLabel
      ? `${candidate.text} (${candidate.occurrenceLabel})`
      : candidate.text;
    const short = what.length > 120 ? `${what.slice(0, 117)}…` : what;
    const due = vietnameseDate(candidate.dueDate);
    reminders.push({
      kind,
      dedupeKey: [candidate.taskId, candidate.occurrenceId ?? "-", candidate.dueDate, kind].join(
        ":",
      ),
      candidate,
      title:
        kind === "task_overdue"
          ? `Nhiệm vụ quá hạn (hạn ${due})`
          : daysLeft === 0
            ? `Nhiệm vụ đến hạn hôm nay (${due})`
            : `Nhiệm vụ sắp đến hạn: còn ${daysLeft} ngày (hạn ${due})`,
      body: `${short} — ${candidate.planTitle}`,
      link: `/ke-hoach/${candidate.planId}`,
    });
  }
  return reminders;
}
