/**
 * The reminders as a recurring job of the job runner: run at start and every N minutes, never
 * two at once (one queued run per kind). State lives in the database (the notifications and
 * their unique dedupe key), so a restart or a repeated run notifies nobody twice.
 */
import type { Executor } from "../db/database.ts";
import type { JobKind, JobLogger } from "../jobs/job-runner.ts";
import type { ReminderConfig } from "./reminder-config.ts";
import { runReminders } from "./reminder.service.ts";

export const REMINDER_JOB = "reminders";

/** The job, or null when reminders are turned off (CCHC_REMINDER_INTERVAL_MINUTES=0). */
export function reminderJob(
  db: Executor,
  config: ReminderConfig,
  log: Pick<JobLogger, "info">,
  clock: { today?: () => string } = {},
): JobKind | null {
  if (config.intervalMinutes <= 0) return null;
  return {
    everyMs: config.intervalMinutes * 60_000,
    async run() {
      const result = await runReminders(db, {
        daysBefore: config.daysBefore,
        today: clock.today?.(),
        smtpUrl: config.smtpUrl,
        baseUrl: config.publicUrl,
      });
      if (result.created > 0 || result.emailed)
        log.info(result, "reminders: notifications created");
    },
  };
}
