import { bigint, date, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { units } from "./schema.ts";

/*
 * Per-day KPI rollups of one-stop dossiers, so that a province's dashboard over years of history
 * reads a few thousand rows instead of millions (README, Benchmarks).
 *
 * Decisions:
 * - Kept by statement-level triggers on dossiers, dossier_pauses, apology_letters and procedures
 *   (migration 0016_kpi_rollups.sql, hand-written): every write — a desk's receipt, each state
 *   change, a bulk import's COPY, a later correction or void — changes the rollups in the same
 *   transaction. A trigger per statement (with its transition tables) costs one aggregate per
 *   COPY batch, not one upsert per row, so the bulk import keeps its speed.
 * - Keyed by unit and Vietnam day, not by procedure: with 300 procedures a unit rarely receives the
 *   same procedure twice a day, so a procedure key would give nearly one row per dossier. Reports
 *   filtered or grouped by procedure, field or agency read the raw rows (kpi.service.ts).
 * - What a day cannot hold — dossiers open at an instant (carried over into a period, pending or
 *   overdue at its end) — is read from the raw rows through an SP-GiST index on each dossier's open
 *   span [received_at, finished_at): only the dossiers open at that instant are visited.
 * - Voided and withdrawn dossiers count nowhere, as in the raw computation.
 */

const count = (name: string) => integer(name).notNull().default(0);

/** Counts by the day a dossier was received (receipt side) or finished (finish side). */
export const kpiDossierDays = pgTable(
  "kpi_dossier_days",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    day: date("day").notNull(),
    // Received on the day.
    received: count("received"),
    online: count("online"),
    fullOnlineEligible: count("full_online_eligible"),
    fullOnline: count("full_online"),
    digitised: count("digitised"),
    feeDue: count("fee_due"),
    onlinePayment: count("online_payment"),
    // Finished on the day, classed as at the day (the core's timeliness rule).
    finished: count("finished"),
    early: count("early"),
    onTime: count("on_time"),
    late: count("late"),
    /** Late, with an apology letter issued no later than the finishing instant. */
    lateApologised: count("late_apologised"),
    /**
     * Stopped or refused while waiting for a supplement asked for within the due date, with the
     * due date passed: early, except on a period's last day, when they are on time (the period
     * end's rule moves their due date to that day).
     */
    extendedDuePassed: count("extended_due_passed"),
    withResult: count("with_result"),
    electronicResult: count("electronic_result"),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
);

/**
 * Dossiers finished on a day by the day their count started and their paused working days: the
 * average processing time in working days needs the working calendar, which lives in the
 * application, so the sum is taken at query time over these few rows per unit and day.
 */
export const kpiProcessingDays = pgTable(
  "kpi_processing_days",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    day: date("day").notNull(),
    countedFrom: date("counted_from").notNull(),
    pausedWorkingDays: integer("paused_working_days").notNull(),
    dossiers: bigint("dossiers", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.countedFrom, t.pausedWorkingDays] })],
);
