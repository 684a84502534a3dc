/**
 * Retention as a recurring job of the job runner: at start and every N hours, anonymise what is
 * past its period as of the day in Vietnam (tests give the day).
 */
import { vietnamDate } from "../../../core/time/vietnam-time.ts";
import type { Executor } from "../../db/database.ts";
import type { JobKind, JobLogger } from "../../jobs/job-runner.ts";
import { SYSTEM_ACTOR } from "../../services/actor.ts";
import type { RetentionConfig } from "./retention-config.ts";
import { purgePersonalData } from "./retention.service.ts";

export const RETENTION_JOB = "personal-data-retention";

/** The job, or null when turned off (CCHC_RETENTION_EVERY_HOURS=0). */
export function retentionJob(
  db: Executor,
  config: RetentionConfig,
  log: Pick<JobLogger, "info">,
  clock: { today?: () => string } = {},
): JobKind | null {
  if (config.everyHours <= 0) return null;
  return {
    everyMs: config.everyHours * 3_600_000,
    async run(_payload, context) {
      const result = await purgePersonalData(db, SYSTEM_ACTOR, config.policy, {
        asOf: clock.today?.() ?? vietnamDate(new Date()),
        trigger: "schedule",
        signal: context.signal,
      });
      const { dossier, feedback } = result.anonymised;
      if (dossier + feedback > 0)
        log.info({ dossier, feedback, batches: result.batches }, "retention: records anonymised");
    },
  };
}
