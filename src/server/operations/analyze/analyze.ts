/**
 * Planner statistics on the embedded database. PostgreSQL's autovacuum keeps them fresh on a
 * server; PGlite runs no background workers, so nothing analyzes its tables unless CCHC does:
 * after each bulk import (the tables it filled) and on a schedule (every table that changed, see
 * tablesToAnalyze), as a recurring job of the job runner (CCHC_ANALYZE_EVERY_HOURS). One ANALYZE
 * per table, each its own turn on the connection, so requests go in between.
 */
import { sql } from "drizzle-orm";
import { executorKind, queryRows, type Executor } from "../../db/database.ts";
import type { JobKind, JobLogger } from "../../jobs/job-runner.ts";
import { tablesToAnalyze, type TableSize } from "./tables-to-analyze.ts";

export const ANALYZE_JOB = "database-analyze";

/** The tables a bulk dossier import fills (the rows, and the KPI rollups its triggers keep). */
export const IMPORTED_TABLES = ["dossiers", "kpi_dossier_days", "kpi_processing_days"] as const;

const quoted = (table: string) => `"${table.replaceAll('"', '""')}"`;

/** ANALYZE each table in turn, yielding to the event loop between them. */
export async function analyzeTables(db: Executor, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await db.execute(sql.raw(`analyze ${quoted(table)}`));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every table of the application's schema, with its size now and at its last ANALYZE. */
async function tableSizes(db: Executor): Promise<TableSize[]> {
  return queryRows<TableSize>(
    db,
    sql`select c.relname as name, greatest(c.relpages, 0)::int as "analyzedPages",
          c.reltuples >= 0 as analyzed,
          (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
}

/** ANALYZE of the application's tables that need it (tablesToAnalyze); how many, of how many. */
export async function analyzeAll(db: Executor): Promise<{ analyzed: number; tables: number }> {
  const sizes = await tableSizes(db);
  const due = tablesToAnalyze(sizes);
  await analyzeTables(db, due);
  return { analyzed: due.length, tables: sizes.length };
}

/**
 * After a bulk import: the register's plans depend on the table's size. On PostgreSQL too (its
 * autovacuum would get there, minutes later).
 */
export async function analyzeAfterImport(db: Executor): Promise<void> {
  await analyzeTables(db, IMPORTED_TABLES);
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
    async run() {
      const { analyzed, tables } = await analyzeAll(db);
      log.info({ analyzed, tables }, "database statistics refreshed (ANALYZE)");
    },
  };
}
