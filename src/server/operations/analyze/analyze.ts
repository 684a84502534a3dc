/**
 * Planner statistics and VACUUM on the embedded database. PostgreSQL's autovacuum keeps both on a
 * server; PGlite runs no background workers, so nothing analyzes or vacuums its tables unless CCHC
 * does: ANALYZE after each bulk import (the tables it filled), and on a schedule every table that
 * changed (see tablesToAnalyze), with a VACUUM in the same statement for the tables up to
 * VACUUM_MAX_PAGES (vacuumsWith), as a recurring job of the job runner (CCHC_ANALYZE_EVERY_HOURS).
 * One statement per table, each its own turn on the connection, so requests go in between; on
 * PGlite a large one waits for a quiet moment first (quiet-moment.ts): ANALYZE of a million
 * dossiers holds the one connection 0.5–3 s in one statement, which nothing can cut short.
 */
import { sql } from "drizzle-orm";
import { executorKind, queryRows, type Executor } from "../../db/database.ts";
import { lanesOf } from "../../db/pglite-lanes.ts";
import { quietMoment } from "../../db/quiet-moment.ts";
import type { JobKind, JobLogger } from "../../jobs/job-runner.ts";
import {
  SMALL_TABLE_PAGES,
  tablesToAnalyze,
  vacuumsWith,
  type TableSize,
} from "./tables-to-analyze.ts";

export const ANALYZE_JOB = "database-analyze";

/** The tables a bulk dossier import fills (the rows, and the KPI rollups its triggers keep). */
export const IMPORTED_TABLES = ["dossiers", "kpi_dossier_days", "kpi_processing_days"] as const;

const quoted = (table: string) => `"${table.replaceAll('"', '""')}"`;

/**
 * How long an ANALYZE waits for a quiet moment on the embedded database before it runs whatever:
 * statistics a few minutes old cost the planner little (it scales them to the table's size now).
 */
export const ANALYZE_QUIET_WAIT_MS = 5 * 60_000;

/**
 * ANALYZE each table in turn (`vacuum (analyze)` for those in `vacuumed`), yielding to the event
 * loop between them; on PGlite a table of SMALL_TABLE_PAGES or more (with its indexes when
 * vacuumed) at a quiet moment (at most ANALYZE_QUIET_WAIT_MS later; a smaller one takes
 * milliseconds). Stops when `signal` aborts (its job is stopped): the tables left are analyzed at
 * the next run. Returns how many were analyzed.
 */
export async function analyzeTables(
  db: Executor,
  tables: readonly string[],
  signal?: AbortSignal,
  /** The tables' sizes when the caller has just read them (`tableSizes`). */
  sizes?: readonly TableSize[],
  vacuumed: ReadonlySet<string> = new Set(),
): Promise<number> {
  const lanes = lanesOf(db);
  const large = new Set(
    lanes
      ? (sizes ?? (await tableSizes(db)))
          .filter(
            (table) =>
              (vacuumed.has(table.name) ? table.totalPages : table.pages) >= SMALL_TABLE_PAGES,
          )
          .map((table) => table.name)
      : [],
  );
  let analyzed = 0;
  for (const table of tables) {
    if (large.has(table)) {
      const moment = await quietMoment(lanes, { maxWaitMs: ANALYZE_QUIET_WAIT_MS, signal });
      if (moment === "aborted") break;
    }
    const statement = vacuumed.has(table) ? "vacuum (analyze)" : "analyze";
    await db.execute(sql.raw(`${statement} ${quoted(table)}`));
    analyzed += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return analyzed;
}

/** Every table of the application's schema, with its size now and at its last ANALYZE. */
async function tableSizes(db: Executor): Promise<TableSize[]> {
  return queryRows<TableSize>(
    db,
    sql`select c.relname as name, greatest(c.relpages, 0)::int as "analyzedPages",
          c.reltuples >= 0 as analyzed,
          (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
          (pg_total_relation_size(c.oid) / current_setting('block_size')::int)::int as "totalPages"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
}

/**
 * ANALYZE of the application's tables that need it (tablesToAnalyze), on PGlite with a VACUUM of
 * those up to VACUUM_MAX_PAGES (vacuumsWith); how many, of how many, and how many vacuumed.
 */
export async function analyzeAll(
  db: Executor,
  signal?: AbortSignal,
): Promise<{ analyzed: number; tables: number; vacuumed: number }> {
  const sizes = await tableSizes(db);
  const due = new Set(tablesToAnalyze(sizes));
  const vacuumed = new Set(
    executorKind(db) === "pglite"
      ? sizes.filter((table) => due.has(table.name) && vacuumsWith(table)).map((t) => t.name)
      : [],
  );
  const tables = [...due];
  const analyzed = await analyzeTables(db, tables, signal, sizes, vacuumed);
  return {
    analyzed,
    tables: sizes.length,
    vacuumed: tables.slice(0, analyzed).filter((table) => vacuumed.has(table)).length,
  };
}

/**
 * After a bulk import: the register's plans depend on the table's size. On PostgreSQL too (its
 * autovacuum would get there, minutes later).
 */
export async function analyzeAfterImport(db: Executor, signal?: AbortSignal): Promise<void> {
  await analyzeTables(db, IMPORTED_TABLES, signal);
}

/** CCHC_ANALYZE_EVERY_HOURS (default 24, 0 turns the schedule off). */
export function analyzeEveryHours(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseFloat(env.CCHC_ANALYZE_EVERY_HOURS ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 24;
}

/** The recurring job, on the embedded database only; null when off or on PostgreSQL. */
export function analyzeJob(
  db: Executor,
  everyHours: number,
  log: Pick<JobLogger, "info">,
): JobKind | null {
  if (everyHours <= 0 || executorKind(db) !== "pglite") return null;
  return {
    everyMs: everyHours * 3600_000,
    async run(_payload, context) {
      const { analyzed, tables, vacuumed } = await analyzeAll(db, context.signal);
      log.info({ analyzed, tables, vacuumed }, "database statistics refreshed (ANALYZE, VACUUM)");
    },
  };
}
