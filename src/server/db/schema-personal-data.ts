import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { units } from "./schema.ts";

/*
 * Citizens' personal data past its retention period (src/core/personal-data).
 *
 * Decisions:
 * - `anonymised_records`: one row per dossier or feedback whose personal fields were replaced,
 *   with its code, unit and closing day (no personal data), why (`retention` or a person's
 *   `request`) and the run that did it. A record is anonymised once (unique record + id); the
 *   next run skips it.
 * - `personal_data_runs`: each retention run (schedule, administrator, CLI) with the day it
 *   judged "as of", the periods in force and what it did, for the admin page's "last run".
 * - No foreign key to dossiers/feedback: the row stays meaningful as a record of what was done.
 */
export const anonymisedRecords = pgTable(
  "anonymised_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    record: text("record").notNull(),
    recordId: uuid("record_id").notNull(),
    code: text("code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    closedOn: date("closed_on"),
    reason: text("reason").notNull(),
    runId: uuid("run_id"),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("anonymised_records_record_key").on(t.record, t.recordId),
    index("anonymised_records_run_idx").on(t.runId),
    check("anonymised_records_record_check", sql`${t.record} in ('dossier', 'feedback')`),
    check("anonymised_records_reason_check", sql`${t.reason} in ('retention', 'request')`),
  ],
);

export const personalDataRuns = pgTable(
  "personal_data_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trigger: text("trigger").notNull(),
    asOf: date("as_of").notNull(),
    dossierYears: integer("dossier_years").notNull(),
    feedbackYears: integer("feedback_years").notNull(),
    dossiers: integer("dossiers").notNull().default(0),
    feedback: integer("feedback").notNull().default(0),
    batches: integer("batches").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    index("personal_data_runs_started_idx").on(t.startedAt),
    check("personal_data_runs_trigger_check", sql`${t.trigger} in ('schedule', 'admin', 'cli')`),
  ],
);
