import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/database.ts";
import { SYSTEM_ACTOR } from "../../services/actor.ts";
import { backupDue, runBackup, type BackupSchedule } from "./backup.service.ts";

const CHECK_EVERY_MS = 15 * 60_000;

/** Checks every 15 minutes whether a scheduled backup is due; one at a time. */
export function startBackupScheduler(
  database: Database,
  dataDir: string,
  schedule: BackupSchedule,
  log: FastifyBaseLogger,
) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running || schedule.everyHours === 0) return;
    running = (async () => {
      if (!(await backupDue(dataDir, schedule, new Date()))) return;
      const outcome = await runBackup(database, dataDir, SYSTEM_ACTOR, {
        trigger: "schedule",
        keep: schedule.keep,
      });
      if (outcome.ok) log.info({ backup: outcome.name }, "scheduled backup written");
      else log.error({ error: outcome.error }, "scheduled backup failed");
    })()
      .catch((error: unknown) => log.error({ err: error }, "scheduled backup failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
