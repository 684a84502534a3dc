/**
 * Scheduled backups as a recurring job of the job runner: every 15 minutes it checks whether the
 * newest backup is older than the interval (CCHC_BACKUP_EVERY_HOURS) and, if so, takes one.
 * A failed backup is recorded where the admin page shows it and fails the job (visible in the
 * jobs list); it is not retried at once, the next check comes 15 minutes later anyway.
 */
import type { Database } from "../../db/database.ts";
import { AppError } from "../../errors.ts";
import type { JobKind, JobLogger } from "../../jobs/job-runner.ts";
import { SYSTEM_ACTOR } from "../../services/actor.ts";
import { backupDue, runBackup, type BackupSchedule } from "./backup.service.ts";

export const BACKUP_JOB = "scheduled-backup";
export const BACKUP_CHECK_EVERY_MS = 15 * 60_000;

/** The job, or null when scheduled backups are off (CCHC_BACKUP_EVERY_HOURS=0). */
export function backupJob(
  database: Database,
  dataDir: string,
  schedule: BackupSchedule,
  log: Pick<JobLogger, "info">,
  clock: { now?: () => Date } = {},
): JobKind | null {
  if (schedule.everyHours <= 0) return null;
  return {
    everyMs: BACKUP_CHECK_EVERY_MS,
    isPermanent: () => true,
    async run() {
      const now = clock.now?.() ?? new Date();
      if (!(await backupDue(dataDir, schedule, now))) return;
      const outcome = await runBackup(database, dataDir, SYSTEM_ACTOR, {
        trigger: "schedule",
        keep: schedule.keep,
        now,
      });
      if (!outcome.ok)
        throw new AppError("BACKUP_SCHEDULED_FAILED", { params: { reason: outcome.error ?? "" } });
      log.info({ backup: outcome.name }, "scheduled backup written");
    },
  };
}
