/**
 * One reminder run: finds the tasks due soon or overdue (the core rule), and creates an in-app
 * notification for each recipient. The unique (user, kind, dedupe key) index makes a second run,
 * a restart or two overlapping runs harmless: nothing is ever notified twice.
 */
import { dueReminders, type ReminderCandidate } from "../../core/plan/reminder-rule.ts";
import type { Executor } from "../db/database.ts";
import { today as vietnamToday } from "../services/plan-view.service.ts";
import * as reminderRepository from "./reminder.repository.ts";
import { sendMail, type MailMessage } from "./mail-transport.ts";

export interface ReminderRunResult {
  due: number;
  created: number;
  /** E-mail copies sent in this run (only with an SMTP URL). */
  emailed?: number;
}

export async function runReminders(
  db: Executor,
  options: {
    daysBefore: number;
    today?: string;
    smtpUrl?: string | null;
    /** Public address of the web app, for links in e-mails. */
    baseUrl?: string | null;
  },
): Promise<ReminderRunResult> {
  const result = await createNotifications(db, options);
  if (!options.smtpUrl) return result;
  return { ...result, emailed: await emailPending(db, options.smtpUrl, options.baseUrl ?? null) };
}

/**
 * E-mails the notifications of the last day that have not been e-mailed yet (so a failed send or
 * a restart is retried), then marks them. A crash between the SMTP server accepting a message
 * and the mark is the one case where an e-mail could go out twice.
 */
async function emailPending(db: Executor, smtpUrl: string, baseUrl: string | null) {
  const pending = await reminderRepository.notificationsToEmail(
    db,
    new Date(Date.now() - 24 * 3600_000),
  );
  if (pending.length === 0) return 0;
  const messages: MailMessage[] = pending.map((n) => ({
    to: n.email!,
    subject: `[CCHC] ${n.title}`,
    text: `${n.title}\n\n${n.body}\n${n.link && baseUrl ? `\n${baseUrl.replace(/\/$/, "")}${n.link}\n` : ""}\n— Hệ thống quản lý cải cách hành chính (CCHC)`,
  }));
  const ids: string[] = [];
  try {
    await sendMail(smtpUrl, messages, { onSent: (index) => ids.push(pending[index]!.id) });
  } finally {
    await reminderRepository.markEmailed(db, ids);
  }
  return ids.length;
}

async function createNotifications(
  db: Executor,
  options: { daysBefore: number; today?: string },
): Promise<ReminderRunResult> {
  const today = options.today ?? vietnamToday();
  const { tasks, occurrences } = await reminderRepository.openTasksOfIssuedPlans(db);
  const recurring = new Set(occurrences.map((o) => o.taskId));
  const candidates: ReminderCandidate[] = [];
  for (const task of tasks) {
    const base = { ...task, occurrenceId: null, occurrenceLabel: null };
    // A recurring task is chased per occurrence, each with its own due date and status.
    if (!recurring.has(task.taskId)) {
      candidates.push(base);
      continue;
    }
    for (const occurrence of occurrences.filter((o) => o.taskId === task.taskId)) {
      candidates.push({
        ...base,
        occurrenceId: occurrence.id,
        occurrenceLabel: occurrence.label,
        dueDate: occurrence.dueDate,
        status: occurrence.status === "completed" ? "completed" : task.status,
      });
    }
  }
  const reminders = dueReminders(candidates, { today, daysBefore: options.daysBefore });
  if (reminders.length === 0) return { due: 0, created: 0 };
  const recipients = await reminderRepository.reminderRecipients(
    db,
    [...new Set(reminders.map((r) => r.candidate.leadAgencyId).filter((x): x is string => !!x))],
    [...new Set(reminders.map((r) => r.candidate.unitId))],
  );
  const values: reminderRepository.NotificationInsert[] = [];
  for (const reminder of reminders) {
    const users = new Set(
      recipients
        .filter(
          (r) =>
            (r.role === "agency_officer" &&
              r.agencyId !== null &&
              r.agencyId === reminder.candidate.leadAgencyId) ||
            (r.role === "focal_officer" && r.unitId === reminder.candidate.unitId) ||
            // The unit's leader hears of what is late, not of every task falling due.
            (r.role === "leader" &&
              r.unitId === reminder.candidate.unitId &&
              reminder.kind === "task_overdue"),
        )
        .map((r) => r.userId),
    );
    for (const userId of users) {
      values.push({
        userId,
        kind: reminder.kind,
        dedupeKey: reminder.dedupeKey,
        title: reminder.title,
        body: reminder.body,
        link: reminder.link,
      });
    }
  }
  let created = 0;
  // In slices, so a province with thousands of reminders does not build one huge statement.
  for (let start = 0; start < values.length; start += 500) {
    const inserted = await reminderRepository.insertNewNotifications(
      db,
      values.slice(start, start + 500),
    );
    created += inserted.length;
  }
  return { due: values.length, created };
}
