import {
  bigint,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
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
 * - Dossiers open at an instant (carried over into a period, open at its end) are the received
 *   less the finished before it, from `kpi_dossier_months` and the days of the last month; which
 *   of those open at a period's end are overdue (and apologised for by then) is summed the same
 *   way from each dossier's overdue span (migration 0036; before it, the raw rows were read
 *   through an SP-GiST index, 1.4 s of the 10 M dashboard).
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
    /**
     * The working days the dossiers finished on the day took (each: working days from the day its
     * count started to its finish day, less its paused working days, at least 0), by the working
     * calendar in `kpi_working_days` when it was written; rewritten from `kpi_processing_days`
     * whenever that calendar changes (the recompute job, `kpi-recompute.job.ts`).
     */
    processingDays: bigint("processing_days", { mode: "number" }).notNull().default(0),
    /**
     * The version of the working calendar (`kpi_working_calendar.version`) `processing_days` was
     * computed with; null when unknown or mixed (a write classed by another version than the
     * row's). A row of another version than the current one is stale: KPI reads compute its
     * processing days from `kpi_processing_days` instead, until the recompute job
     * (kpi-recompute.job.ts) rewrites it (migration 0032).
     */
    calendarVersion: integer("calendar_version"),
    /*
     * The overdue dossiers at a day's end as a difference array (migration 0036): a dossier is
     * overdue at the end of each day of one span [first day, finish day) (`kpi_overdue_start`),
     * counted +1 in `overdue_started` on its first day and in `overdue_ended` on its finish day;
     * overdue at the end of day D = the sums of started less ended over the days up to D. The
     * same for the part of that span after its first apology letter (`overdue_apologised_*`).
     */
    overdueStarted: count("overdue_started"),
    overdueEnded: count("overdue_ended"),
    overdueApologisedStarted: count("overdue_apologised_started"),
    overdueApologisedEnded: count("overdue_apologised_ended"),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
);

/**
 * Per unit and Vietnam month (its first day), the dossiers received and finished in it: the sums
 * of `kpi_dossier_days.received` and `.finished` over the month's days, kept by statement-level
 * triggers on `kpi_dossier_days` (migration 0033), so every writer of the day rows (the dossier
 * triggers, a bulk rollup) moves them too. The dossiers open at a day's first instant are the
 * received less the finished before it: a few hundred months and at most 30 days per unit to sum
 * instead of every dossier open then (61,017 carried into a quarter at 10 M dossiers).
 */
export const kpiDossierMonths = pgTable(
  "kpi_dossier_months",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    month: date("month").notNull(),
    received: count("received"),
    finished: count("finished"),
    overdueStarted: count("overdue_started"),
    overdueEnded: count("overdue_ended"),
    overdueApologisedStarted: count("overdue_apologised_started"),
    overdueApologisedEnded: count("overdue_apologised_ended"),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month] })],
);

/**
 * Late dossiers whose first apology letter came after they finished, by unit, the letter's day
 * and the finish day (migration 0036): a period [from, to] counts those with the letter's day in
 * it and the finish day on or after `from` (both in it). Two days, not one: a letter in the
 * period for a dossier finished before it does not count, which a sum by letter day alone could
 * not tell. A few rows a day; read by the primary key only.
 */
export const kpiLateApologies = pgTable(
  "kpi_late_apologies",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    letterDay: date("letter_day").notNull(),
    finishedDay: date("finished_day").notNull(),
    dossiers: integer("dossiers").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.letterDay, t.finishedDay] })],
);

/**
 * Dossiers finished on a day by the day their count started and their paused working days: the
 * source from which `kpi_dossier_days.processing_days` is recomputed when the working calendar
 * changes (615,635 rows for 1 M dossiers: reading them at query time cost the dashboard 110–200 ms).
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

/**
 * The working calendar as the database sees it: `ordinal` is the number of working days in
 * (first day, day], the application's calendar (src/core/calendar: statutory holidays and the
 * official schedules in force) written by `storeKpiWorkingCalendar` from 01/01/2021 (the calendar's
 * first year) to the end of a later year. The rollup triggers read it to class a finished
 * dossier's working days at write time; a day before the first counts as the first, a day after
 * the last as the last.
 */
export const kpiWorkingDays = pgTable("kpi_working_days", {
  day: date("day").primaryKey(),
  ordinal: integer("ordinal").notNull(),
});

/**
 * The fingerprint of the calendar written in `kpi_working_days` (one row at most): a KPI read or a
 * schedule change whose calendar has another fingerprint rewrites the ordinals (a short
 * transaction) and queues the job that recomputes the processing days in batches; its progress.
 */
export const kpiWorkingCalendar = pgTable("kpi_working_calendar", {
  id: integer("id").primaryKey().default(1),
  fingerprint: text("fingerprint").notNull(),
  firstDay: date("first_day").notNull(),
  lastDay: date("last_day").notNull(),
  /** Raised each time the ordinals are rewritten; the rollup triggers stamp rows with it. */
  version: integer("version").notNull().default(1),
  /** The version every row's processing days were last recomputed for (null: never). */
  recomputedVersion: integer("recomputed_version"),
  recomputedAt: timestamp("recomputed_at", { withTimezone: true }),
  /** The job recomputing now (its id), and since when. */
  recomputeOwner: text("recompute_owner"),
  recomputeStartedAt: timestamp("recompute_started_at", { withTimezone: true }),
  /** The recompute's progress: the version and the last (unit, day) of the pass under way. */
  cursorVersion: integer("cursor_version"),
  cursorUnitId: uuid("cursor_unit_id"),
  cursorDay: date("cursor_day"),
  /** Rows the pass under way changed or could not lock: another pass follows unless 0. */
  passChanges: integer("pass_changes").notNull().default(0),
});
