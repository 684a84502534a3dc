/**
 * The dossier and feedback (PAKN) registers' pages over a generated province on PostgreSQL,
 * before and after keyset pagination.
 *
 *   npm run bench registers [-- --dossiers 1000000] [--feedback 200000] [--runs 20]
 *     [--before-runs N] [--clients N] [--warmup N] [--only dossiers|feedback] [--url postgres://… | --pg-dir DIR]
 *     [--no-rollups]
 *   npm run bench registers -- --pglite [--feedback 200000] [--runs 20]
 *   npm run bench registers -- --pglite-ward DIR [--clients 50] [--runs 20] [--desk-events [--register-lines]]
 *
 * - Where: its own throwaway PostgreSQL cluster by default (`bench/support/pg-cluster.ts`, port
 *   BENCH_PG_PORT or a free one, so it never clashes with a KPI bench's cluster on 55499; data
 *   under /tmp, stopped and deleted at the end, on Ctrl-C too), so no other test run can restart
 *   the server under it; or the server at --url or BENCH_DATABASE_URL. Creates a database
 *   `cchc_registers_bench_<pid>` there, migrates it, fills it with
 *   `bench/support/province-generator.ts` (100 communes) and drops it at the end; or, with
 *   --pg-dir DIR, the province kept in DIR (`bench/support/province-database.ts`: generated on the
 *   first run only, the cluster stopped but not deleted at the end). --no-rollups: the province
 *   is generated without the KPI rollups, which no register reads (their step takes over 20 min
 *   of CPU at 1 M dossiers); a province kept so is refused by the KPI benches. With --only
 *   dossiers, also --feedback 0 (no feedback rows generated).
 * - For each register page (a ward's and the province's first page, by state, overdue, a month,
 *   an exact code, a code prefix, a part of a name, a whole name, page 2,001 of the province), alternately: "before", the
 *   query the register sent until keyset pagination (offset, exact count(*), `ilike '%q%'` on code
 *   and name; same joins to units and procedures), and "after", `listDossiers` as the server
 *   reads it (`registerQueries`: the page after a cursor, the count capped at 10,001, kept
 *   --total-cache-seconds S, default 5, as `cchc serve` keeps it: register-total-cache.ts; 0
 *   counts on every page). One client, one query at a time; prints p50/p99 (ms) and the ratio
 *   before/after. --before-runs N times "before" N times only (its exact counts take seconds at
 *   10 M; 0 skips it).
 * - --clients N: then each dossier page "after" again from N clients at once (each one query
 *   after the other, `--runs` each) on the pool of 10 connections the server has: p50/p99 of
 *   every query, waiting for a connection included, pages per second, and the CPU one page cost
 *   (ms of this process — the server's side: building the SQL, reading the rows — and, with
 *   --pg-dir or its own cluster, of PostgreSQL's processes). Every page is first run --warmup N
 *   times by each client unmeasured (default 1), all of them in rounds for at least 5 s, then
 *   each again just before it is measured: the process's code is compiled and its heap grown,
 *   and the pool's connections have planned the page, as in a server that has been running (0:
 *   measured from the first page, as before 06/12/2026).
 * - The same for the feedback register's pages (a ward's and the province's first page, page
 *   2,001, by state, overdue, due soon, a month, a code, a part of a code, a sender's name, a
 *   title): "before" its former query (offset, exact count, `ilike` on code, sender and title,
 *   order received_at desc, code desc), "after" `feedbackRegisterQueries`.
 * - --pglite: the feedback register alone on an in-memory PGlite filled by one INSERT … SELECT
 *   (no server needed). Both "before" and "after" run on the migrated schema, so the former
 *   query also gets the new indexes where its plan can use them.
 * - --pglite-ward DIR: a ward's dossier pages from --clients clients at once on the embedded
 *   database kept in DIR (`onPgliteWard`); --desk-events gives its dossiers their receive events,
 *   --register-lines their lines in the register book too.
 */
import pg from "pg";
import { addDays } from "../src/core/calendar/calendar-date.ts";
import { sql, type SQL } from "drizzle-orm";
import { openPglite, openPostgres, queryRows, type Database } from "../src/server/db/database.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import {
  listDossiers,
  type DossierFilter,
} from "../src/server/db/repositories/dossier.repository.ts";
import { enableRegisterTotalCache } from "../src/server/db/register-total-cache.ts";
import {
  feedbackRegisterQueries,
  type FeedbackFilter,
} from "../src/server/db/repositories/feedback.repository.ts";
import { createBenchDatabase, freePort, startCluster, type Cluster } from "./support/pg-cluster.ts";
import { generateProvince } from "./support/province-generator.ts";
import { argument } from "./support/arguments.ts";
import { keptProvince } from "./support/province-database.ts";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { percentile } from "./support/percentile.ts";

const dossiers = Number(argument("dossiers") ?? process.env.BENCH_DOSSIERS ?? 1_000_000);
const feedbackCount = Number(argument("feedback") ?? process.env.BENCH_FEEDBACK ?? 200_000);
const runs = Number(argument("runs") ?? 20);
const only = argument("only");
const beforeRuns = Number(argument("before-runs") ?? runs);
const clients = Number(argument("clients") ?? (argument("pglite-ward") ? 50 : 0));
const warmup = Number(argument("warmup") ?? 1);
const pgDir = argument("pg-dir");
const totalCacheSeconds = Number(argument("total-cache-seconds") ?? 5);
const noRollups = process.argv.includes("--no-rollups");

interface Case {
  name: string;
  /** The filter of the "after" query (its cursor found by the bench for the deep page). */
  after: DossierFilter;
  /** The "before" query's conditions (on `d`) and parameters, and its offset. */
  before: { where: string; params: unknown[]; offset: number };
}

const OPEN = "d.state in ('received', 'in_progress', 'supplement_requested')";
const OPEN_FEEDBACK = "f.state in ('received', 'classified', 'assigned')";

interface FeedbackCase {
  name: string;
  after: FeedbackFilter;
  /** The former query's conditions (on `f`) and offset. */
  before: { where: SQL; offset: number };
}

/** Times `before` and `after` alternately, `runs` times each; one table row. */
async function measure(
  name: string,
  before: () => Promise<{ rows: number; total: number }>,
  after: () => Promise<{ rows: number; total: number }>,
) {
  if (beforeRuns > 0) await before();
  await after();
  const b: number[] = [];
  const a: number[] = [];
  let br = { rows: 0, total: 0 };
  let ar = { rows: 0, total: 0 };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    if (i < beforeRuns) {
      br = await before();
      b.push(performance.now() - t);
    }
    t = performance.now();
    ar = await after();
    a.push(performance.now() - t);
  }
  const f = (v: number) => v.toFixed(1);
  const fb = (p: number) => (b.length ? f(percentile(b, p)) : "–");
  console.log(
    `| ${name} | ${fb(50)} | ${fb(99)} | ${f(percentile(a, 50))} | ${f(percentile(a, 99))} | ${b.length ? (percentile(b, 99) / percentile(a, 99)).toFixed(1) : "–"} | ${b.length ? `${br.rows}, ${br.total}` : "–"} → ${ar.rows}, ${ar.total > 10_000 ? "> 10,000" : ar.total} |`,
  );
}

const TABLE_HEAD =
  "| page | before p50 | before p99 | after p50 | after p99 | p99 ratio | rows, total before → after |\n|---|---:|---:|---:|---:|---:|---|";

/** `clients` clients at once, each running `query` `warmup` times, unmeasured. */
async function warm(query: () => Promise<unknown>) {
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < warmup; i++) await query().catch(() => undefined);
    }),
  );
}

/**
 * `clients` clients at once, each running `query` `runs` times: p50/p99 (ms) and queries/s; each
 * client first runs it `warmup` times unmeasured, as a server that has been running would have.
 */
async function concurrently(query: () => Promise<unknown>) {
  const times: number[] = [];
  let failed = 0;
  await warm(query);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        try {
          await query();
          times.push(performance.now() - t);
        } catch {
          // As the server would answer 503: no pool connection within its timeout.
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const p = (q: number) => (times.length ? percentile(times, q) : NaN);
  return { p50: p(50), p99: p(99), perSecond: times.length / seconds, failed };
}

async function main() {
  if (pgDir) {
    const province = await keptProvince({
      dir: pgDir,
      dossiers,
      feedback: feedbackCount,
      rollups: !noRollups,
      readsRollups: false,
      log: (l) => console.log(`  ${l}`),
    });
    try {
      await measureProvince(province.url, province.communeIds, province.dossiers, () =>
        province.cluster.cpuSeconds(),
      );
    } finally {
      province.cluster.stop();
    }
    return;
  }
  let serverUrl = argument("url") ?? process.env.BENCH_DATABASE_URL;
  let cluster: Cluster | null = null;
  if (!serverUrl) {
    const port = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
    cluster = startCluster({
      port,
      // Generation writes gigabytes: fewer checkpoints. Nothing a query reads depends on these.
      settings: { max_wal_size: "8GB", checkpoint_timeout: "30min", synchronous_commit: "off" },
    });
    serverUrl = cluster.url;
    console.log(`own PostgreSQL cluster on port ${port} (${cluster.dataDir})`);
  }
  try {
    await onServer(serverUrl, cluster ? () => cluster!.cpuSeconds() : undefined);
  } finally {
    cluster?.stop();
  }
}

/** Creates the bench database on `serverUrl`, fills it, measures, and drops it. */
async function onServer(serverUrl: string, serverCpu?: () => number) {
  const name = `cchc_registers_bench_${process.pid}`;
  const { url, drop } = await createBenchDatabase(serverUrl, name);
  try {
    const database = await openPostgres(url);
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    const t0 = Date.now();
    const province = await generateProvince({
      url,
      dossiers,
      feedback: feedbackCount,
      rollups: !noRollups,
      log: (l) => console.log(`  ${l}`),
    });
    console.log(
      `generated ${dossiers.toLocaleString("en")} dossiers and ${feedbackCount.toLocaleString("en")} feedback in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    await measureProvince(url, province.communeIds, dossiers, serverCpu);
  } finally {
    await drop();
    console.log(`dropped ${name}`);
  }
}

/** Times the register pages over the province at `url`. */
async function measureProvince(
  url: string,
  communeIds: string[],
  dossiers: number,
  serverCpu?: () => number,
) {
  const database = await openPostgres(url);
  const totals = enableRegisterTotalCache(database.db, totalCacheSeconds);
  const raw = new pg.Client({ connectionString: url });
  try {
    await raw.connect();
    await raw.query("analyze");
    const ward = communeIds[7]!;
    // The ward's 51st newest dossier (its oldest in a small run).
    const sample = (
      await raw.query(
        "select code from dossiers where unit_id = $1 order by received_at desc limit 51",
        [ward],
      )
    ).rows.at(-1) as { code: string } | undefined;
    const code = sample!.code;
    const prefix = code.slice(0, -2);
    // 100,000 rows deep, or half the dossiers in a smaller run (else "after" has no cursor).
    const deepOffset = Math.min(100_000, Math.floor(dossiers / 2));
    const deep = (
      await raw.query(
        `select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, id::text as id
         from dossiers where voided_at is null order by received_at desc, id desc offset $1 limit 1`,
        [deepOffset - 1],
      )
    ).rows[0] as { at: string; id: string };
    const month = {
      from: new Date("2025-03-01T00:00:00+07:00"),
      to: new Date("2025-04-01T00:00:00+07:00"),
    };
    const like = (q: string) => `%${q}%`;
    const cases: Case[] = [
      {
        name: "ward, first page",
        after: { unitIds: [ward], limit: 50 },
        before: { where: "d.unit_id = $1", params: [ward], offset: 0 },
      },
      {
        name: "province, first page",
        after: { unitIds: null, limit: 50 },
        before: { where: "true", params: [], offset: 0 },
      },
      {
        name: `province, page ${(deepOffset / 50 + 1).toLocaleString("en")} (after ${deepOffset.toLocaleString("en")} rows)`,
        after: { unitIds: null, limit: 50, after: deep },
        before: { where: "true", params: [], offset: deepOffset },
      },
      {
        name: "province, by state (supplement requested)",
        after: { unitIds: null, state: "supplement_requested", limit: 50 },
        before: { where: "d.state = $1", params: ["supplement_requested"], offset: 0 },
      },
      {
        name: "ward, overdue",
        after: { unitIds: [ward], overdueOn: "2026-12-01", limit: 50 },
        before: {
          where: `d.unit_id = $1 and ${OPEN} and d.due_date < $2`,
          params: [ward, "2026-12-01"],
          offset: 0,
        },
      },
      {
        name: "province, overdue",
        after: { unitIds: null, overdueOn: "2026-12-01", limit: 50 },
        before: { where: `${OPEN} and d.due_date < $1`, params: ["2026-12-01"], offset: 0 },
      },
      {
        name: "province, one month",
        after: { unitIds: null, receivedFrom: month.from, receivedBefore: month.to, limit: 50 },
        before: {
          where: "d.received_at >= $1 and d.received_at < $2",
          params: [month.from, month.to],
          offset: 0,
        },
      },
      {
        name: "province, exact code",
        after: { unitIds: null, q: code, limit: 50 },
        before: {
          where: "(d.code ilike $1 or d.applicant_name ilike $1)",
          params: [like(code)],
          offset: 0,
        },
      },
      {
        name: "province, code prefix",
        after: { unitIds: null, q: prefix, limit: 50 },
        before: {
          where: "(d.code ilike $1 or d.applicant_name ilike $1)",
          params: [like(prefix)],
          offset: 0,
        },
      },
      {
        name: "province, name (Thị Thủy, any tone placement)",
        after: { unitIds: null, q: "Thị Thủy", limit: 50 },
        before: {
          // Before, only the exact spelling matched: the stored one is "Thuỷ".
          where: "(d.code ilike $1 or d.applicant_name ilike $1)",
          params: [like("Thị Thuỷ")],
          offset: 0,
        },
      },
      {
        // A whole name (1 dossier in 1,728): too rare for the probe of the newest 10,000 dossiers
        // (SEARCH_PROBE_WINDOW), which is read in vain before the trigram search.
        name: "province, a full name (Nguyễn Thị Thủy, 1 in 1,728)",
        after: { unitIds: null, q: "Nguyễn Thị Thủy", limit: 50 },
        before: {
          where: "(d.code ilike $1 or d.applicant_name ilike $1)",
          params: [like("Nguyễn Thị Thuỷ")],
          offset: 0,
        },
      },
    ];

    const beforeQuery = async (c: Case) => {
      const where = `d.voided_at is null and ${c.before.where}`;
      const page = await raw.query(
        `select d.*, u.name as unit_name, p.code as procedure_code, p.name as procedure_name
         from dossiers d join units u on u.id = d.unit_id join procedures p on p.id = d.procedure_id
         where ${where} order by d.received_at desc, d.code desc limit 50 offset ${c.before.offset}`,
        c.before.params,
      );
      const count = await raw.query(
        `select count(*)::int as n from dossiers d where ${where}`,
        c.before.params,
      );
      return { rows: page.rowCount ?? 0, total: count.rows[0].n as number };
    };
    const afterQuery = async (c: Case) => {
      const page = await listDossiers(database.db, c.after);
      return { rows: page.rows.length, total: page.total + (page.totalCapped ? 1 : 0) };
    };

    if (only !== "feedback") {
      console.log(
        `\nregister pages, ${dossiers.toLocaleString("en")} dossiers, ${runs} runs each (before: ${Math.min(runs, beforeRuns)}), totals kept ${totalCacheSeconds} s, load average ${loadavg()[0]!.toFixed(1)}`,
      );
      console.log(TABLE_HEAD);
      for (const c of cases)
        await measure(
          c.name,
          () => beforeQuery(c),
          () => afterQuery(c),
        );
      if (clients > 0) {
        const load0 = loadavg()[0]!;
        console.log(
          `\n"after" from ${clients} clients at once on a pool of 10 connections, ${runs} pages each after ${warmup} unmeasured`,
        );
        console.log(
          "| page | p50 ms | p99 ms | pages/s | failed | CPU ms/page bench | CPU ms/page PostgreSQL |\n|---|---:|---:|---:|---:|---:|---:|",
        );
        // Every page first, for at least 5 s, so the first one measured does not pay for the
        // process's start (its code compiled, its heap grown) alone: measured first after one
        // round of warm-up, a ward's first page had p99 175-186 ms against 87 ms measured last.
        const warmUntil = performance.now() + (warmup > 0 ? 5000 : 0);
        do for (const c of cases) await warm(() => afterQuery(c));
        while (performance.now() < warmUntil);
        for (const c of cases) {
          const own0 = process.cpuUsage();
          const server0 = serverCpu?.();
          const r = await concurrently(() => afterQuery(c));
          const own = process.cpuUsage(own0);
          const pages = clients * runs - r.failed;
          const server =
            server0 === undefined ? "–" : (((serverCpu!() - server0) * 1000) / pages).toFixed(1);
          console.log(
            `| ${c.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.failed} | ${((own.user + own.system) / 1000 / pages).toFixed(1)} | ${server} |`,
          );
        }
        console.log(`load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
      }
    }
    if (only !== "dossiers") await feedbackPages(database, ward);
  } finally {
    totals?.close();
    await raw.end().catch(() => undefined);
    await database.close();
  }
}

/** The feedback register's pages, before and after, over the generated feedback. */
async function feedbackPages(database: Database, ward: string) {
  const db = database.db;
  // The ward's 51st newest feedback (its oldest in a small run).
  const sample = (
    await queryRows<{ code: string }>(
      db,
      sql`select code from feedback where unit_id = ${ward} order by received_at desc limit 51`,
    )
  ).at(-1);
  const code = sample!.code;
  // "PAKN.20250312.0003" → "20250312.0003": the date and number a clerk reads off a receipt.
  const part = code.slice(5);
  const deepOffset = Math.min(100_000, Math.floor(feedbackCount / 2));
  const [deep] = await queryRows<{ at: string; code: string; id: string }>(
    db,
    sql`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, code,
          id::text as id
        from feedback order by received_at desc, code desc, id desc
        offset ${deepOffset - 1} limit 1`,
  );
  const [last] = await queryRows<{ d: string }>(
    db,
    sql`select max(due_date)::text as d from feedback`,
  );
  // Due soon: the open feedback due in the last week of due dates (the generated "today").
  const dueSoon = { from: addDays(last!.d, -6), to: last!.d };
  const month = {
    from: new Date("2025-03-01T00:00:00+07:00"),
    to: new Date("2025-04-01T00:00:00+07:00"),
  };
  const all = { unitIds: null, agencyReach: [] };
  const open = sql.raw(OPEN_FEEDBACK);
  const search = (q: string) =>
    sql`(f.code ilike ${`%${q}%`} or f.sender_name ilike ${`%${q}%`} or f.title ilike ${`%${q}%`})`;
  const cases: FeedbackCase[] = [
    {
      name: "ward, first page",
      after: { reach: { unitIds: [ward], agencyReach: [] }, limit: 50 },
      before: { where: sql`f.unit_id = ${ward}`, offset: 0 },
    },
    {
      name: "province, first page",
      after: { reach: all, limit: 50 },
      before: { where: sql`true`, offset: 0 },
    },
    {
      name: `province, page ${deepOffset / 50 + 1} (after ${deepOffset.toLocaleString("en")} rows)`,
      after: { reach: all, limit: 50, after: deep },
      before: { where: sql`true`, offset: deepOffset },
    },
    {
      name: "province, by state (received)",
      after: { reach: all, state: "received", limit: 50 },
      before: { where: sql`f.state = 'received'`, offset: 0 },
    },
    {
      name: "province, overdue",
      after: { reach: all, overdueOn: last!.d, limit: 50 },
      before: { where: sql`${open} and f.due_date < ${last!.d}`, offset: 0 },
    },
    {
      name: "province, due soon (7 days)",
      after: { reach: all, dueWithin: dueSoon, limit: 50 },
      before: {
        where: sql`${open} and f.due_date >= ${dueSoon.from} and f.due_date <= ${dueSoon.to}`,
        offset: 0,
      },
    },
    {
      name: "province, one month",
      after: { reach: all, receivedFrom: month.from, receivedBefore: month.to, limit: 50 },
      before: {
        where: sql`f.received_at >= ${month.from.toISOString()} and f.received_at < ${month.to.toISOString()}`,
        offset: 0,
      },
    },
    {
      name: "province, exact code",
      after: { reach: all, q: code, limit: 50 },
      before: { where: search(code), offset: 0 },
    },
    {
      name: "province, a part of a code",
      after: { reach: all, q: part, limit: 50 },
      before: { where: search(part), offset: 0 },
    },
    {
      name: "province, a sender (Thị Thủy, any tone placement)",
      after: { reach: all, q: "Thị Thủy", limit: 50 },
      // Before, only the exact spelling matched: the stored one is "Thuỷ".
      before: { where: search("Thị Thuỷ"), offset: 0 },
    },
    {
      name: "province, a title (cống thoát nước)",
      after: { reach: all, q: "cong thoat nuoc", limit: 50 },
      before: { where: search("Cống thoát nước"), offset: 0 },
    },
    {
      // A word in three titles of eight ("công trình", "công dân", and "cống" folded): a search
      // matching a large share of the register, as "đăng ký" does in a ward's.
      name: "province, a common title word (công, 3 in 8)",
      after: { reach: all, q: "công", limit: 50 },
      before: { where: search("công"), offset: 0 },
    },
  ];
  const beforeQuery = async (c: FeedbackCase) => {
    const page = await queryRows(
      db,
      sql`select f.*, u.name as unit_name, u.code as unit_code, a.name as agency_name
          from feedback f join units u on u.id = f.unit_id
            left join agencies a on a.id = f.assigned_agency_id
          where ${c.before.where} order by f.received_at desc, f.code desc
          limit 50 offset ${c.before.offset}`,
    );
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from feedback f where ${c.before.where}`,
    );
    return { rows: page.length, total: count!.n };
  };
  const afterQuery = async (c: FeedbackCase) => {
    const queries = (await feedbackRegisterQueries(db, c.after))!;
    const rows = await queries.page;
    const [n] = await queries.count;
    return { rows: Math.min(rows.length, 50), total: n!.n };
  };
  console.log(
    `\nfeedback register pages (${database.kind}), ${feedbackCount.toLocaleString("en")} feedback, ${runs} runs each`,
  );
  console.log(TABLE_HEAD);
  for (const c of cases)
    await measure(
      c.name,
      () => beforeQuery(c),
      () => afterQuery(c),
    );
}

/**
 * --pglite: the feedback register only, on an in-memory PGlite (the embedded database of a ward
 * or a small province), filled by one INSERT … SELECT: 100 communes, feedback every 15 minutes,
 * the last 2 % and one in 997 still open, senders and titles from common names and subjects.
 */
async function onPglite() {
  const database = await openPglite(`memory://registers-bench-${process.pid}`);
  try {
    await runMigrations(database);
    const t0 = Date.now();
    await database.db.execute(sql`insert into units (code, name, level, kind, parent_id)
      values ('BENCH', 'Tỉnh Thử nghiệm', 'province', null, null)`);
    await database.db.execute(sql`insert into units (code, name, level, kind, parent_id)
      select 'B' || lpad(i::text, 5, '0'), 'Phường Thử nghiệm ' || i, 'commune', 'phuong',
        (select id from units where code = 'BENCH')
      from generate_series(1, 100) i`);
    const n = sql.raw(String(feedbackCount));
    await database.db.execute(sql`insert into feedback (code, unit_id, channel, sender_name,
        sender_phone, title, content, received_at, counted_from, due_date, transfer_due_date,
        rule_set, state, finished_at)
      select 'PAKN.' || to_char(r, 'YYYYMMDD') || '.' || lpad(g::text, 7, '0'), w.id,
        (array['in_person','phone','mail','email','portal','zalo','public_web'])[1 + g % 7],
        (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ'])[1 + g % 12]
          || ' ' || (array['Văn','Thị','Đức','Minh','Ngọc','Thanh'])[1 + (g / 12) % 6]
          || ' ' || (array['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hoà','Khánh','Lan','Long',
               'Mai','Nam','Phúc','Quân','Sơn','Thảo','Thuỷ','Trang','Tuấn','Vy','Xuân','Yến','Đào'])[1 + (g / 72) % 24],
        '0900000000',
        (array['Đèn đường hỏng','Rác thải chưa được thu gom','Cống thoát nước bị tắc',
               'Thời gian giải quyết thủ tục chậm','Tiếng ồn công trình ban đêm','Lấn chiếm vỉa hè',
               'Thái độ tiếp công dân','Đường giao thông xuống cấp'])[1 + (g / 7) % 8] || ' (' || g || ')',
        'Nội dung', r, r::date, (r + interval '15 days')::date, (r + interval '5 days')::date,
        '2025', s.state,
        case when s.state in ('received','classified','assigned') then null else r + interval '3 days' end
      from generate_series(1, ${n}) g
      cross join lateral (select timestamptz '2026-11-30 17:00+00' - (${n} - g) * interval '15 minutes' as r) at
      cross join lateral (select case
          when g > ${n} * 98 / 100 then (array['received','classified','assigned'])[1 + g % 3]
          when g % 997 = 0 then 'assigned'
          else (array['answered','published','answered','transferred','rejected'])[1 + g % 5] end
        as state) s
      join (select id, row_number() over (order by code) - 1 as n from units where parent_id is not null) w
        on w.n = g % 100`);
    await database.db.execute(sql`analyze`);
    console.log(
      `generated ${feedbackCount.toLocaleString("en")} feedback on PGlite in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    const [ward] = await queryRows<{ id: string }>(
      database.db,
      sql`select id::text as id from units where code = 'B00008'`,
    );
    await feedbackPages(database, ward!.id);
  } finally {
    await database.close();
  }
}

/**
 * --pglite-ward DIR: a ward's dossier pages at --clients clients at once (default 50) on the
 * embedded database kept in DIR (a PGlite folder; `npm run bench stall` keeps its ward of a
 * million dossiers in `.tmp/bench-stall-1000000/`), opened as the server opens it (its worker
 * thread and lanes) on a copy, migrated: p50/p99, pages a second and failures of each page.
 */
async function onPgliteWard(dir: string) {
  const copy = mkdtempSync(path.join(tmpdir(), "registers-ward-"));
  cpSync(dir, copy, { recursive: true });
  const database = await openPglite(copy);
  const totals = enableRegisterTotalCache(database.db, totalCacheSeconds);
  try {
    await runMigrations(database);
    const db = database.db;
    if (deskEvents) await giveDeskEvents(db);
    const [ward] = await queryRows<{ id: string; n: number }>(
      db,
      sql`select unit_id::text as id, count(*)::int as n from dossiers group by unit_id
        order by count(*) desc limit 1`,
    );
    const newest = (offset: number) =>
      queryRows<{ code: string; at: string; id: string }>(
        db,
        sql`select code, to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
          id::text as id from dossiers where unit_id = ${ward!.id} and voided_at is null
          order by received_at desc, id desc offset ${offset} limit 1`,
      );
    const [sample] = await newest(50);
    const deepOffset = Math.min(20_000, Math.floor(ward!.n / 2));
    const [deep] = await newest(deepOffset - 1);
    const unitIds = [ward!.id];
    const cases: { name: string; filter: DossierFilter }[] = [
      { name: "first page", filter: { unitIds, limit: 50 } },
      {
        name: `page ${(deepOffset / 50 + 1).toLocaleString("en")} (after ${deepOffset.toLocaleString("en")} rows)`,
        filter: { unitIds, limit: 50, after: { at: deep!.at, id: deep!.id } },
      },
      {
        name: "by state (supplement requested)",
        filter: { unitIds, state: "supplement_requested", limit: 50 },
      },
      { name: "overdue", filter: { unitIds, overdueOn: "2026-12-01", limit: 50 } },
      {
        name: "one month",
        filter: {
          unitIds,
          receivedFrom: new Date("2025-03-01T00:00:00+07:00"),
          receivedBefore: new Date("2025-04-01T00:00:00+07:00"),
          limit: 50,
        },
      },
      { name: "exact code", filter: { unitIds, q: sample!.code, limit: 50 } },
      { name: "code prefix", filter: { unitIds, q: sample!.code.slice(0, -2), limit: 50 } },
      { name: "a common word (văn)", filter: { unitIds, q: "văn", limit: 50 } },
      { name: "a full name (Trần Thị Bình)", filter: { unitIds, q: "Trần Thị Bình", limit: 50 } },
    ];
    console.log(
      `\nPGlite, a ward of ${ward!.n.toLocaleString("en")} dossiers (${dir}${deskEvents ? `, each with its receive event${registerLines ? `, the newest ${REGISTER_LINES.toLocaleString("en")} with their register lines` : ""}` : ""}), ${clients} clients at once, ${runs} pages each after ${warmup} unmeasured, load average ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      "| page | p50 ms | p99 ms | pages/s | failed | rows, total |\n|---|---:|---:|---:|---:|---|",
    );
    for (const c of cases) {
      const page = await listDossiers(db, c.filter);
      const r = await concurrently(() => listDossiers(db, c.filter));
      console.log(
        `| ${c.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.failed} | ${page.rows.length}, ${page.totalCapped ? "> " : ""}${page.total} |`,
      );
    }
  } finally {
    totals?.close();
    await database.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * --desk-events: every dossier of the ward's copy given its receive event, as a ward whose
 * dossiers came through its desk has them (the stall bench's ward is made of imported ones, which
 * have none); with --register-lines, the newest also their lines in the register book, which the
 * desk writes with the event (without: dossiers received before the book existed, which look their
 * event up). Pages read right after these writes, in the same run, are slower (their hint bits and
 * dirty pages: 0.6–0.96 of the pages a second of the same ward written once and reopened, as
 * `npm run bench registers` reads any ward: a copy of its folder).
 */
const deskEvents = process.argv.includes("--desk-events");
const registerLines = process.argv.includes("--register-lines");
/**
 * The newest dossiers given lines (the pages read reach the newest 20,000 at most): rewritten,
 * each dossier adds an entry to every index, and all of a million grew the ward past 10 GB (3 GB before).
 */
const REGISTER_LINES = 100_000;

async function giveDeskEvents(db: Database["db"]) {
  const t0 = Date.now();
  await db.execute(sql`insert into case_events (register, case_id, action, to_state, at, by_name)
    select 'dossier', id, 'receive', 'received', received_at, 'Bench' from dossiers d
    where not exists (select 1 from case_events e
      where e.register = 'dossier' and e.case_id = d.id and e.action = 'receive')`);
  await db.execute(sql`analyze case_events`);
  if (registerLines) {
    await db.execute(sql`update dossiers d
      set register_year = l.year, register_book = 1, register_entry = l.entry
      from (select id, extract(year from received_at at time zone 'Asia/Ho_Chi_Minh')::int as year,
          row_number() over (partition by unit_id,
            extract(year from received_at at time zone 'Asia/Ho_Chi_Minh')
            order by received_at, id)::int
            + (select coalesce(max(register_entry), 0) from dossiers) as entry
        from dossiers where register_entry is null and received_at >= coalesce((select received_at from dossiers
          order by received_at desc offset ${REGISTER_LINES - 1} limit 1), '-infinity')) l
      where d.id = l.id`);
    await db.execute(sql`analyze dossiers`);
  }
  console.log(
    `receive events${registerLines ? " and register lines" : ""} added in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

const pgliteWard = argument("pglite-ward");
if (pgliteWard) await onPgliteWard(pgliteWard);
else if (process.argv.includes("--pglite")) await onPglite();
else await main();
