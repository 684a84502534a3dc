/**
 * Report reminders: one in-app notification to the focal officers of each unit that owes a
 * report, a few days before its due date (the kind's `remindDaysBefore`) and once more when it is
 * overdue; none once the report is submitted. The notifications' unique (user, kind, dedupe key)
 * index makes repeated or overlapping runs harmless: nothing is ever notified twice. E-mail copies
 * go out with the task reminders' e-mail pass (`runReminders`), which mails every new
 * notification when SMTP is configured.
 */
import { formatVietnameseDate } from "../../core/calendar/index.ts";
import {
  dueInstances,
  reminderStageOf,
  type DueInstance,
} from "../../core/report/report-calendar.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import type { JobKind, JobLogger } from "../jobs/job-runner.ts";
import * as reminderRepository from "../reminders/reminder.repository.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { today as vietnamToday } from "./plan-view.service.ts";
import { kindRuleOf, owes } from "./report-calendar.service.ts";

export const REPORT_REMINDER_JOB = "report-reminders";

export async function runReportReminders(
  db: Executor,
  options: { today?: string } = {},
): Promise<{ due: number; created: number }> {
  const today = options.today ?? vietnamToday();
  const year = Number(today.slice(0, 4));
  const tree = await loadUnitTree(db);
  const kinds = await reportRepository.kindsOfUnits(db, tree.ids(), true);
  const calendar = await loadWorkingCalendar(db);
  const wanted: { unitId: string; kindId: string; instance: DueInstance; title: string }[] = [];
  for (const kind of kinds) {
    const instances = [year - 1, year].flatMap((y) => dueInstances(kindRuleOf(kind), y, calendar));
    for (const instance of instances) {
      for (const unitId of tree.descendants(kind.unitId)) {
        if (!owes(tree, kind.unitId, unitId, instance.period.to)) continue;
        wanted.push({
          unitId,
          kindId: kind.id,
          instance,
          title: `${kind.name} — ${instance.period.label}`,
        });
      }
    }
  }
  if (wanted.length === 0) return { due: 0, created: 0 };
  const existing = await reportRepository.reportsOfKinds(
    db,
    [...new Set(wanted.map((w) => w.kindId))],
    [...new Set(wanted.map((w) => w.unitId))],
  );
  const submitted = new Set(
    existing.filter((r) => r.version > 0).map((r) => `${r.kindId}|${r.unitId}|${r.periodKey}`),
  );
  const daysOf = new Map(kinds.map((k) => [k.id, k.remindDaysBefore]));
  const due = wanted.flatMap((w) => {
    const key = `${w.kindId}|${w.unitId}|${w.instance.period.key}`;
    const stage = reminderStageOf(w.instance, today, daysOf.get(w.kindId) ?? 3, submitted.has(key));
    return stage ? [{ ...w, key, stage }] : [];
  });
  if (due.length === 0) return { due: 0, created: 0 };
  const recipients = await reminderRepository.reminderRecipients(
    db,
    [],
    [...new Set(due.map((d) => d.unitId))],
  );
  const values: reminderRepository.NotificationInsert[] = [];
  for (const reminder of due) {
    for (const r of recipients.filter((x) => x.unitId === reminder.unitId)) {
      values.push({
        userId: r.userId,
        kind: reminder.stage === "due_soon" ? "report_due_soon" : "report_overdue",
        dedupeKey: reminder.key,
        title:
          reminder.stage === "due_soon"
            ? `Sắp đến hạn nộp: ${reminder.title}`
            : `Quá hạn nộp: ${reminder.title}`,
        body: `Hạn nộp: ${formatVietnameseDate(reminder.instance.dueDate)}.`,
        link: "/bao-cao",
      });
    }
  }
  let created = 0;
  for (let start = 0; start < values.length; start += 500) {
    created += (
      await reminderRepository.insertNewNotifications(db, values.slice(start, start + 500))
    ).length;
  }
  return { due: values.length, created };
}

/** The report reminders as a recurring job (same interval as the task reminders). */
export function reportReminderJob(
  db: Executor,
  intervalMinutes: number,
  log: Pick<JobLogger, "info">,
  clock: { today?: () => string } = {},
): JobKind | null {
  if (intervalMinutes <= 0) return null;
  return {
    everyMs: intervalMinutes * 60_000,
    async run() {
      const result = await runReportReminders(db, { today: clock.today?.() });
      if (result.created > 0) log.info(result, "report reminders: notifications created");
    },
  };
}
