import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { JOB_STATES, type JobState } from "../../core/jobs/job-rules.ts";
import { oneOf } from "./closed-values.ts";
import { units } from "./schema.ts";

/*
 * Background jobs (reminders, dossier imports, next the KPI rollups), run by one runner
 * (`src/server/jobs/job-runner.ts`) on both databases.
 *
 * Decisions:
 * - A worker claims a job with one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)`,
 *   taking a lease (`locked_until`) that it renews while the job runs; a job whose lease lapsed
 *   (its process died) is claimed again by any worker, as a new attempt.
 * - `singleton_key`: at most one queued job per key (a recurring job is queued once).
 * - `subject`: the record the job works on (a dossier import's id), to show its status there.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    state: text("state").$type<JobState>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    singletonKey: text("singleton_key"),
    subject: text("subject"),
    unitId: uuid("unit_id").references(() => units.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_claim_idx").on(t.state, t.runAt),
    index("jobs_subject_idx").on(t.subject),
    uniqueIndex("jobs_singleton_queued_key")
      .on(t.singletonKey)
      .where(sql`${t.state} = 'queued'`),
    check("jobs_state_check", oneOf(t.state, JOB_STATES)),
    check("jobs_attempts_check", sql`${t.maxAttempts} >= 1 and ${t.attempts} >= 0`),
  ],
);
