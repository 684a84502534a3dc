/**
 * The province dashboard's KPIs over a generated province on PostgreSQL.
 *
 *   npm run bench kpi [-- --dossiers 1000000] [--runs 30] [--live-load] [--import-rows 200000]
 *     [--keep | --url postgres://… | --pg-dir DIR] [--schedule-change]
 *
 * - Where: its own throwaway PostgreSQL cluster by default (`bench/support/pg-cluster.ts`, port
 *   BENCH_PG_PORT or 55499, data under /tmp, stopped and deleted at the end), so no other test
 *   run can restart the server under it; or a database `cchc_kpi_bench_<pid>` created on
 *   BENCH_DATABASE_URL; or, with --url, a database a previous run kept (--keep: the database and,
 *   on the own cluster, the cluster are left running and their address printed); or, with
 *   --pg-dir DIR, the province kept in DIR (`bench/support/province-database.ts`: the cluster
 *   there started again, the province generated on the first run only; stopped, not deleted).
 * - Migrates the database and fills it with `bench/support/province-generator.ts` (100 communes,
 *   300 procedures each, dossiers from 2021 — the first year of the working calendar — to
 *   30/11/2026, with pauses, apologies and feedback): in bulk by default (rollup triggers, foreign
 *   keys and secondary indexes off during the COPY, then the indexes built and the rollups
 *   computed in one statement), or with --live-load as a live system writes them (triggers and
 *   indexes on). Prints the generation time (and the cluster's CPU seconds on the own cluster).
 * - Checks the rollups against the raw rows: every dossier count of every commune from the
 *   rollup path (`dossierKpiCountsFromRollups`) equals the raw-row path (`dossierKpiCounts`) for
 *   a few periods (the quarter measured, a month with Tết, a half-year, a whole year); exits 1
 *   when any differs.
 * - Measures the province dashboard: `kpiReport` (the service behind GET /api/kpi) for the
 *   province, one quarter (Q3/2026), broken down by its 100 communes; and, alternating with it in
 *   the same run, one hand-written SQL aggregate over the raw dossiers table computing the same
 *   dossier figures per commune (JIT off for both, as the service sets it). Prints p50/p95 of
 *   both and their ratio, checks that the two agree on the counts they share, and prints the
 *   load average seen during the run (the machine is shared: read the ratios).
 * - --schedule-change: instead of the dashboard's timings, what storing a working-day schedule
 *   costs before and after the recompute job, on PostgreSQL and on an in-memory PGlite holding a
 *   copy of the rollups (bench/support/schedule-change.ts).
 * - Then the same dashboard over HTTP from a real server (its scheduled backup and retention jobs
 *   off), alone and while that server runs a bulk import of --import-rows dossiers (default
 *   200,000; 0 skips it), and the server's peak RSS.
 */
import { existsSync, mkdirSync, mkdtempSync, openAsBlob, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openPostgres } from "../src/server/db/database.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { dossierKpiCounts } from "../src/server/db/repositories/kpi.repository.ts";
import { kpiReport } from "../src/server/services/kpi.service.ts";
import { loadSchedules } from "../src/server/services/calendar.service.ts";
import { generateProvince } from "./support/province-generator.ts";
import { startCluster, type Cluster } from "./support/pg-cluster.ts";
import { startBenchServer } from "./support/bench-server.ts";
import { generateDossierExport } from "./support/dossier-export.ts";
import { Session, rssMb } from "./support/http-session.ts";
import {
  dossierKpiCountsFromRollups,
  ensureKpiWorkingCalendar,
} from "../src/server/db/repositories/kpi-rollup.repository.ts";
import { runKpiRecompute } from "../src/server/services/kpi-recompute.job.ts";
import { kpiWorkingDaysFor } from "../src/server/services/kpi-calendar.ts";
import { argument } from "./support/arguments.ts";
import { measureScheduleChange, pgliteCopyOf } from "./support/schedule-change.ts";
import { keptProvince, type KeptProvince } from "./support/province-database.ts";
import { percentile } from "./support/percentile.ts";

const dossiers = Number(argument("dossiers") ?? process.env.BENCH_DOSSIERS ?? 1_000_000);
const runs = Number(argument("runs") ?? 30);
const keep = process.argv.includes("--keep");
const liveLoad = process.argv.includes("--live-load");
const scheduleChange = process.argv.includes("--schedule-change");
const importRows = Number(argument("import-rows") ?? 200_000);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const RAW_SQL = `
  select d.unit_id,
    count(*) filter (where d.received_at >= $1) as received_new,
    count(*) filter (where d.received_at < $1) as carried_over,
    count(*) filter (where d.finished_at < $2) as resolved,
    count(*) filter (where d.finished_at < $2 and d.supplement_count < 2
      and ((d.finished_at at time zone 'UTC') + interval '7 hours')::date <= d.due_date) as on_time,
    count(*) filter (where d.finished_at < $2 and (d.supplement_count >= 2
      or ((d.finished_at at time zone 'UTC') + interval '7 hours')::date > d.due_date)) as late,
    count(*) filter (where (d.finished_at is null or d.finished_at >= $2)
      and (d.supplement_count >= 2 or $3::date > d.due_date)) as overdue,
    count(*) filter (where d.received_at >= $1 and d.channel = 'online') as online,
    count(*) filter (where d.received_at >= $1 and d.digitised) as digitised,
    count(*) filter (where d.finished_at < $2 and d.state in ('resolved', 'returned') and d.electronic_result) as electronic_result,
    count(*) filter (where d.received_at >= $1 and d.online_payment) as online_payment
  from dossiers d
  where d.unit_id = any($4::uuid[]) and d.voided_at is null and d.state <> 'withdrawn'
    and d.received_at < $2 and (d.received_at >= $1 or d.finished_at is null or d.finished_at >= $1)
  group by d.unit_id`;

/** The load average (1 min) every 5 s of the run: the machine is shared. */
const loadSamples: number[] = [];
const loadTimer = setInterval(() => loadSamples.push(loadavg()[0]!), 5000);
loadTimer.unref();
const loadRange = (from = 0) => {
  const samples = loadSamples.slice(from);
  if (samples.length === 0) samples.push(loadavg()[0]!);
  return `${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)}`;
};

/** The working calendar as the service builds it (kpi-calendar.ts): the whole, and up to `to`. */
async function workingDaysFor(
  database: Awaited<ReturnType<typeof openPostgres>>,
  from: string,
  to: string,
) {
  return kpiWorkingDaysFor(await loadSchedules(database.db), { from, to });
}

/**
 * Every dossier count of every commune from the rollups against the raw rows, over a few
 * periods; returns the differences.
 */
async function checkRollups(
  database: Awaited<ReturnType<typeof openPostgres>>,
  communes: string[],
): Promise<string[]> {
  const periods = [
    { from: "2026-07-01", to: "2026-09-30" }, // the quarter measured
    { from: "2024-02-01", to: "2024-02-29" }, // Tết
    { from: "2025-01-01", to: "2025-06-30" },
    { from: "2022-01-01", to: "2022-12-31" },
    { from: "2026-11-30", to: "2026-11-30" }, // the last day generated
  ];
  const differences: string[] = [];
  for (const period of periods) {
    const { calendar, index } = await workingDaysFor(database, period.from, period.to);
    const query = { unitIds: communes, period };
    if (period === periods[0]) {
      // The generated rows were classed with no calendar: the job's first run recomputes them.
      const t = performance.now();
      await ensureKpiWorkingCalendar(database.db, calendar);
      await runKpiRecompute(database.db, "bench", new AbortController().signal);
      console.log(
        `  working calendar written and processing days recomputed by the job in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    }
    const fromRollups = await dossierKpiCountsFromRollups(database.db, query, "unit", calendar);
    const fromRows = await dossierKpiCounts(database.db, query, "unit", index);
    const rowsByUnit = new Map(fromRows.map((row) => [row.key, row.counts]));
    const rollupsByUnit = new Map(fromRollups.map((row) => [row.key, row.counts]));
    let compared = 0;
    for (const unit of communes) {
      const a = rollupsByUnit.get(unit) ?? {};
      const b = rowsByUnit.get(unit) ?? {};
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (key.startsWith("feedback")) continue; // not dossier counts: not in the rollups
        const x = (a as Record<string, number>)[key] ?? 0;
        const y = (b as Record<string, number>)[key] ?? 0;
        compared++;
        if (x !== y)
          differences.push(`${period.from}…${period.to} ${unit} ${key}: rollups ${x}, rows ${y}`);
      }
    }
    console.log(`  rollups = raw rows, ${period.from}…${period.to}: ${compared} counts compared`);
  }
  return differences;
}

/** The first daily serial above every bench-imported code in Phường Bãi Cháy (5001 when none). */
async function nextImportSerial(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ last: number | null }>(
      `select max(split_part(d.code, '-', 3)::int) as last
         from dossiers d join units u on u.id = d.unit_id
        where u.code = '06658' and d.code ~ '^000\\.01\\.22\\.H99-[0-9]{6}-[0-9]+$'`,
    );
    return Math.max(5000, rows[0]?.last ?? 0) + 1;
  } finally {
    await client.end();
  }
}

/**
 * The same dashboard over HTTP from a real server (`cchc serve` on the bench database, demo data
 * added: the admin account and Phường Bãi Cháy), first alone, then while the server imports
 * `rows` dossiers for Phường Bãi Cháy through POST /api/dossier-imports (the bulk import's COPY,
 * rollup triggers on); the server's RSS sampled every 100 ms from its start to the end.
 */
async function dashboardDuringImport(url: string, provinceId: string, rows: number) {
  const tmp = path.join(repoRoot, ".tmp");
  mkdirSync(tmp, { recursive: true });
  // A kept province keeps the rows an earlier run imported: number this run's codes above them,
  // or the import would refuse every row as a duplicate and measure nothing.
  const firstSerial = await nextImportSerial(url);
  const file = path.join(tmp, `bench-dossiers-v2-${rows}-${firstSerial}.csv`);
  if (!existsSync(file)) await generateDossierExport(rows, file, firstSerial);
  const dataDir = mkdtempSync(path.join(tmp, "bench-kpi-server-"));
  const { server, exited, base } = await startBenchServer({
    repoRoot,
    dataDir,
    databaseUrl: url,
    portBase: 43000,
    label: "kpi bench",
    // No scheduled backup or personal-data retention run: on a 10 M database the first read every
    // dossier on start, delaying the import behind it and raising the peak RSS measured here.
    env: { CCHC_BACKUP_EVERY_HOURS: "0", CCHC_RETENTION_EVERY_HOURS: "0" },
  });
  let peakMb = rssMb(server.pid!, "VmRSS");
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(server.pid!, "VmRSS"));
  }, 100);
  try {
    // The demo's province reviewer reads the generated province instead of the demo's (its
    // access reaches its own unit's subtree); the admin imports into the demo's ward.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("update users set unit_id = $1 where username = 'sonoivu'", [provinceId]);
    await client.query(
      `update user_roles set unit_id = $1, agency_id = null
       where user_id = (select id from users where username = 'sonoivu')`,
      [provinceId],
    );
    await client.end();
    const session = new Session(base);
    await session.signIn("sonoivu");
    const admin = new Session(base);
    await admin.signIn("admin");
    const route = `/api/kpi?unitId=${provinceId}&period=quarter&year=2026&number=3&groupBy=unit`;
    const timed = async () => {
      const t = performance.now();
      await session.call("GET", route);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await timed();
    const alone: number[] = [];
    for (let i = 0; i < Math.min(runs, 15); i++) alone.push(await timed());
    const units = (await admin.call<{ data: { id: string; code: string }[] }>("GET", "/api/units"))
      .data;
    const form = new FormData();
    form.append("unitId", units.find((u) => u.code === "06658")!.id);
    form.append("file", await openAsBlob(file), path.basename(file));
    type Run = {
      id: string;
      state: string;
      inserted: number;
      startedAt: string;
      finishedAt: string;
    };
    const started = (await admin.call<{ data: Run }>("POST", "/api/dossier-imports", form)).data;
    const during: number[] = [];
    let run = started;
    while (run.state === "running") {
      during.push(await timed());
      run = (await admin.call<{ data: Run }>("GET", `/api/dossier-imports/${started.id}`)).data;
    }
    const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
    const ms = (values: number[], p: number) =>
      values.length
        ? percentile(values, p).toLocaleString("en", { maximumFractionDigits: 0 })
        : "–";
    console.log(
      `\nover HTTP (cchc serve), GET /api/kpi province Q3/2026 by commune; import of ${rows.toLocaleString("en")} rows: ${run.state}, ${run.inserted.toLocaleString("en")} inserted in ${seconds.toFixed(0)} s (${Math.round(run.inserted / seconds).toLocaleString("en")} rows/s)`,
    );
    console.log("| GET /api/kpi | runs | p50 ms | p95 ms |");
    console.log("|---|---|---|---|");
    console.log(`| alone | ${alone.length} | ${ms(alone, 50)} | ${ms(alone, 95)} |`);
    console.log(`| during the import | ${during.length} | ${ms(during, 50)} | ${ms(during, 95)} |`);
    console.log(
      `server peak RSS ${peakMb.toFixed(0)} MB (sampled every 100 ms), VmHWM ${rssMb(server.pid!, "VmHWM").toFixed(0)} MB`,
    );
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const name = `cchc_kpi_bench_${process.pid}`;
  let url = argument("url");
  let cluster: Cluster | null = null;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let admin: pg.Client | null = null;
  const pgDir = argument("pg-dir");
  let kept: KeptProvince | null = null;
  if (pgDir) {
    const t0 = Date.now();
    kept = await keptProvince({ dir: pgDir, dossiers, log: (l) => console.log(`  ${l}`) });
    url = kept.url;
    if (kept.generated)
      console.log(
        `generated ${dossiers.toLocaleString("en")} dossiers in ${((Date.now() - t0) / 1000).toFixed(0)} s, load average ${loadRange()}`,
      );
  } else if (!url) {
    if (!serverUrl) {
      const port = Number(process.env.BENCH_PG_PORT ?? 55499);
      cluster = startCluster({
        port,
        // Generation writes gigabytes: fewer checkpoints. Nothing a query reads depends on these.
        settings: { max_wal_size: "8GB", checkpoint_timeout: "30min", synchronous_commit: "off" },
      });
      serverUrl = cluster.url;
      console.log(`own PostgreSQL cluster on port ${port} (${cluster.dataDir})`);
    }
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const created = admin !== null;
  const database = await openPostgres(url);
  let failed = false;
  try {
    let provinceId: string;
    if (created) {
      await runMigrations(database);
      const t0 = Date.now();
      const cpu0 = cluster?.cpuSeconds() ?? 0;
      const province = await generateProvince({
        url,
        dossiers,
        bulk: !liveLoad,
        log: (l) => console.log(`  ${l}`),
      });
      provinceId = province.provinceId;
      console.log(
        `generated ${dossiers.toLocaleString("en")} dossiers (${liveLoad ? "live load: triggers and indexes on" : "bulk: triggers and indexes off, then rebuilt"}) in ${((Date.now() - t0) / 1000).toFixed(0)} s` +
          (cluster ? `, PostgreSQL CPU ${(cluster.cpuSeconds() - cpu0).toFixed(0)} s` : "") +
          `, load average ${loadRange()}`,
      );
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      provinceId = (await client.query("select id from units where code = 'BENCH'")).rows[0].id;
      await client.end();
    }
    const measuredFrom = loadSamples.length;
    const period = { kind: "quarter" as const, year: 2026, number: 3 };
    const start = new Date("2026-07-01T00:00:00+07:00");
    const end = new Date("2026-10-01T00:00:00+07:00");
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    // The same settings as the service's queries (which turn JIT off).
    await raw.query("set jit = off");
    const communes = (
      await raw.query("select id from units where parent_id = $1", [provinceId])
    ).rows.map((r) => r.id as string);

    console.log("checking the rollups against the raw rows");
    const differences = await checkRollups(database, communes);
    if (differences.length > 0) {
      failed = true;
      console.log(`ROLLUPS DIFFER from the raw rows (${differences.length}):`);
      for (const d of differences.slice(0, 20)) console.log(`  ${d}`);
    }

    const service = () => kpiReport(database.db, { unitId: provinceId, period, groupBy: "unit" });
    if (scheduleChange) {
      await raw.end();
      // The same measurement on PostgreSQL (the dashboard: kpiReport) and on an in-memory PGlite
      // holding a copy of the rollups (the dashboard's rollup read), one after the other.
      if (!(await measureScheduleChange("PostgreSQL", database.db, service))) failed = true;
      const lite = await pgliteCopyOf(url);
      try {
        const { calendar } = await workingDaysFor(database, "2026-07-01", "2026-09-30");
        const rollupRead = () =>
          dossierKpiCountsFromRollups(
            lite.db,
            { unitIds: communes, period: { from: "2026-07-01", to: "2026-09-30" } },
            "unit",
            calendar,
          );
        if (!(await measureScheduleChange("PGlite (in memory)", lite.db, rollupRead)))
          failed = true;
      } finally {
        await lite.close();
      }
      console.log(`load average ${loadRange(measuredFrom)}`);
      return;
    }
    const handWritten = () => raw.query(RAW_SQL, [start, end, "2026-09-30", communes]);

    for (let i = 0; i < 3; i++) {
      await service();
      await handWritten();
    }
    const serviceMs: number[] = [];
    const rawMs: number[] = [];
    let report: Awaited<ReturnType<typeof service>> | undefined;
    let rawRows: pg.QueryResult | undefined;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      report = await service();
      serviceMs.push(performance.now() - t);
      t = performance.now();
      rawRows = await handWritten();
      rawMs.push(performance.now() - t);
    }
    // The same dossier counts from the raw rows (the path before the rollups, and the one
    // reports filtered by procedure, field or agency still take): a few runs.
    const workingDays = (await workingDaysFor(database, "2026-07-01", "2026-09-30")).index;
    const query = { unitIds: communes, period: { from: "2026-07-01", to: "2026-09-30" } };
    const rawPathMs: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t = performance.now();
      await dossierKpiCounts(database.db, query, "unit", workingDays);
      rawPathMs.push(performance.now() - t);
    }
    await raw.end();
    const sum = (key: string) => rawRows!.rows.reduce((s, r) => s + Number(r[key]), 0);
    const total = report!.total.counts;
    const agree = {
      receivedNew: [total.receivedNew, sum("received_new")],
      carriedOver: [total.carriedOver, sum("carried_over")],
      resolved: [total.resolved, sum("resolved")],
      online: [total.online, sum("online")],
      digitised: [total.digitised, sum("digitised")],
    };
    const disagree = Object.entries(agree).filter(([, [a, b]]) => a !== b);
    if (disagree.length > 0) failed = true;
    const ms = (values: number[], p: number) =>
      percentile(values, p).toLocaleString("en", { maximumFractionDigits: 0 });
    console.log(
      `\nprovince dashboard, Q3/2026, ${communes.length} communes, ${(kept?.dossiers ?? dossiers).toLocaleString("en")} dossiers, ${runs} runs, load average ${loadRange(measuredFrom)}`,
    );
    console.log(
      `  to process ${total.toProcess.toLocaleString("en")}, on-time ${report!.total.rates.processing_on_time_rate.text}`,
    );
    console.log("| query | p50 ms | p95 ms |");
    console.log("|---|---|---|");
    console.log(
      `| kpiReport (GET /api/kpi groupBy=unit, rollups) | ${ms(serviceMs, 50)} | ${ms(serviceMs, 95)} |`,
    );
    console.log(`| hand-written SQL aggregate | ${ms(rawMs, 50)} | ${ms(rawMs, 95)} |`);
    console.log(
      `| raw-row dossier counts (before rollups), ${rawPathMs.length} runs | ${ms(rawPathMs, 50)} | ${ms(rawPathMs, 95)} |`,
    );
    console.log(
      `ratio service / hand-written: p50 ${(percentile(serviceMs, 50) / percentile(rawMs, 50)).toFixed(2)}, p95 ${(percentile(serviceMs, 95) / percentile(rawMs, 95)).toFixed(2)}`,
    );
    console.log(
      `rollups vs raw rows: ${differences.length === 0 ? "every dossier count equal" : `${differences.length} DIFFER`}`,
    );
    console.log(
      `counts ${disagree.length === 0 ? "agree" : "DISAGREE"} with the hand-written aggregate: ${JSON.stringify(agree)}`,
    );
    if (importRows > 0) await dashboardDuringImport(url, provinceId, importRows);
  } finally {
    await database.close();
    if (created && !keep) {
      await admin!.query(`drop database ${name} with (force)`);
      console.log(`dropped ${name}`);
    } else if (created) {
      console.log(`kept database ${name}: --url ${url}`);
    }
    if (admin) await admin.end();
    kept?.cluster.stop();
    if (cluster && keep) {
      cluster.leave();
      console.log(
        `cluster left running; stop it with: pg_ctl -D ${cluster.dataDir} -m immediate stop (as postgres), then rm -r ${cluster.dataDir}/..`,
      );
    } else cluster?.stop();
  }
  if (failed) process.exitCode = 1;
}

await main();
