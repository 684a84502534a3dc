/**
 * `npm run bench kpi -- --schedule-change`: what an administrator's new working-day schedule
 * costs, before and after the recompute job (kpi-recompute.job.ts), on one database.
 *
 * - before: the calendar part of the old request — the ordinals rewritten and every unit's and
 *   day's processing days recomputed in the request's one transaction (the code of migration
 *   0029's `syncKpiWorkingDays`, kept here to measure it);
 * - after: the same request part now (`ensureKpiWorkingCalendar`: the ordinals, the version, the
 *   job queued) in one transaction, then the job run to its end, with its batches timed, while a
 *   dashboard read and a `select 1` (what /api/health asks the database) are timed one after the
 *   other, and the same reads timed alone before, in the same run.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { addDays } from "../../src/core/calendar/calendar-date.ts";
import { OFFICIAL_SCHEDULES, parseOfficialSchedule } from "../../src/core/calendar/index.ts";
import { copyRows } from "../../src/server/db/copy-rows.ts";
import {
  openPglite,
  queryRows,
  type Database,
  type Executor,
} from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import {
  ensureKpiWorkingCalendar,
  type KpiWorkingCalendar,
} from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import { schedulesInForce } from "../../src/server/services/calendar.service.ts";
import { kpiCalendarFrom } from "../../src/server/services/kpi-calendar.ts";
import { runKpiRecompute } from "../../src/server/services/kpi-recompute.job.ts";
import { percentile } from "./percentile.ts";

const f0 = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 0 });

/** The built-in calendar with extra official days off in Q3/2026 (the quarter measured). */
export function changedCalendar(daysOff: string[]): KpiWorkingCalendar {
  const seed = OFFICIAL_SCHEDULES.find((s) => s.year === 2026)!;
  const schedule = parseOfficialSchedule({
    ...seed,
    version: seed.version + 1,
    entries: [
      ...seed.entries,
      ...daysOff.map((date) => ({ kind: "official" as const, date, name: "Nghỉ thử" })),
    ],
  });
  return kpiCalendarFrom(schedulesInForce([schedule]));
}

/** The old request's calendar part: ordinals and every row's processing days, one transaction. */
async function oldSynchronousRewrite(exec: Executor, calendar: KpiWorkingCalendar) {
  await exec.transaction(async (tx) => {
    await tx.execute(sql`lock table kpi_working_days in access exclusive mode`);
    await tx.execute(sql`set local jit = off`);
    const last = addDays(calendar.base, calendar.ordinals.length - 1);
    await tx.execute(sql`delete from kpi_working_days`);
    await tx.execute(sql`insert into kpi_working_days (day, ordinal)
      select ${calendar.base}::date + (o.i - 1)::int, o.ordinal
      from unnest(${`{${calendar.ordinals.join(",")}}`}::int[]) with ordinality as o(ordinal, i)`);
    await tx.execute(
      sql`update kpi_dossier_days set processing_days = 0 where processing_days <> 0`,
    );
    await tx.execute(sql`update kpi_dossier_days t set processing_days = s.total
      from (
        select p.unit_id, p.day, sum(p.dossiers * greatest(0, kpi_working_ordinal(p.day)
            - kpi_working_ordinal(p.counted_from) - p.paused_working_days)) as total
        from kpi_processing_days p
        where p.dossiers <> 0
        group by 1, 2
      ) s
      where t.unit_id = s.unit_id and t.day = s.day and s.total <> 0`);
    await tx.execute(sql`update kpi_working_calendar set fingerprint = ${calendar.fingerprint},
      first_day = ${calendar.base}::date, last_day = ${last}::date, version = version + 1
      where id = 1`);
  });
}

/** Rows whose stored processing days differ from their source under the current ordinals. */
export async function wrongRows(exec: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from kpi_dossier_days t
      left join kpi_working_calendar c on c.id = 1
      where t.calendar_version is distinct from c.version
        or t.processing_days <> coalesce((select sum(p.dossiers * greatest(0,
          kpi_working_ordinal(p.day) - kpi_working_ordinal(p.counted_from)
          - p.paused_working_days)) from kpi_processing_days p
          where p.unit_id = t.unit_id and p.day = t.day and p.dossiers <> 0), 0)`,
  );
  return Number(row!.n);
}

export async function measureScheduleChange(
  label: string,
  db: Executor,
  read: () => Promise<unknown>,
  reads = 10,
): Promise<boolean> {
  const base = kpiCalendarFrom(schedulesInForce([]));
  // The rows current for the built-in calendar first (untimed when already so).
  await ensureKpiWorkingCalendar(db, base);
  await runKpiRecompute(db, "bench", new AbortController().signal);
  const health = async () => {
    const t = performance.now();
    await db.execute(sql`select 1`);
    return performance.now() - t;
  };
  const timedRead = async () => {
    const t = performance.now();
    await read();
    return performance.now() - t;
  };
  const readAlone: number[] = [];
  const healthAlone: number[] = [];
  for (let i = 0; i < reads; i++) {
    readAlone.push(await timedRead());
    healthAlone.push(await health());
  }

  // Before: the schedule's calendar part in the request, as it was.
  let t = performance.now();
  await oldSynchronousRewrite(db, changedCalendar(["2026-08-03", "2026-09-07"]));
  const beforeMs = performance.now() - t;

  // After: the request's part now, then the job while the dashboard is read.
  t = performance.now();
  await db.transaction((tx) => ensureKpiWorkingCalendar(tx, base));
  const afterMs = performance.now() - t;
  const batches: number[] = [];
  let rowsChanged = 0;
  let running = true;
  const readDuring: number[] = [];
  const healthDuring: number[] = [];
  const reader = (async () => {
    while (running) {
      readDuring.push(await timedRead());
      if (!running) break;
      healthDuring.push(await health());
    }
  })();
  t = performance.now();
  await runKpiRecompute(db, "bench", new AbortController().signal, {
    afterBatch: ({ ms, changed }) => {
      batches.push(ms);
      rowsChanged += changed;
    },
  });
  const jobMs = performance.now() - t;
  running = false;
  await reader;
  const wrong = await wrongRows(db);

  console.log(`\nschedule change on ${label}`);
  console.log("| step | ms |");
  console.log("|---|---|");
  console.log(`| request's calendar part, before (one transaction) | ${f0(beforeMs)} |`);
  console.log(`| request's calendar part, now (ordinals, version, job queued) | ${f0(afterMs)} |`);
  console.log(
    `| recompute job, total (${batches.length} batches, ${rowsChanged.toLocaleString("en")} rows rewritten) | ${f0(jobMs)} |`,
  );
  console.log(
    `| job batch p50 / p95 / longest | ${f0(percentile(batches, 50))} / ${f0(percentile(batches, 95))} / ${f0(Math.max(...batches))} |`,
  );
  console.log(
    `ratio request now / before: ${(afterMs / beforeMs).toFixed(4)}; job / old request: ${(jobMs / beforeMs).toFixed(2)}`,
  );
  console.log(
    "| read | alone p50 / p95 / max ms | during the job p50 / p95 / max ms | runs during |",
  );
  console.log("|---|---|---|---|");
  const row = (name: string, alone: number[], during: number[]) =>
    console.log(
      `| ${name} | ${f0(percentile(alone, 50))} / ${f0(percentile(alone, 95))} / ${f0(Math.max(...alone))} | ${f0(percentile(during, 50))} / ${f0(percentile(during, 95))} / ${f0(Math.max(...during))} | ${during.length} |`,
    );
  row("dashboard read", readAlone, readDuring);
  row("select 1 (/api/health's query)", healthAlone, healthDuring);
  console.log(
    `after the job: ${wrong === 0 ? "every row's processing days equal their source" : `${wrong} rows WRONG`}`,
  );
  return wrong === 0;
}

/**
 * An in-memory PGlite with the rollups of the bench's PostgreSQL database copied in (the units,
 * `kpi_dossier_days`, `kpi_processing_days` and the working calendar; not the dossiers: the
 * dashboard read on it is the rollup read, its raw-row parts over an empty dossiers table).
 */
export async function pgliteCopyOf(url: string): Promise<Database> {
  const database = await openPglite(`memory://kpi-bench-${process.pid}`);
  await runMigrations(database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const table of [
        "units",
        "kpi_working_days",
        "kpi_working_calendar",
        "kpi_dossier_days",
        "kpi_processing_days",
      ]) {
        const columns = (
          await client.query(
            `select column_name from information_schema.columns
             where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'
             order by ordinal_position`,
            [table],
          )
        ).rows.map((r) => `"${r.column_name as string}"`);
        const chunks: Buffer[] = [];
        const stream = client.query(copyTo(`copy ${table} (${columns.join(", ")}) to stdout`));
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        await copyRows(tx, table, columns, new Uint8Array(Buffer.concat(chunks)));
      }
    });
    await database.db.execute(sql`analyze`);
  } finally {
    await client.end();
  }
  return database;
}
