/**
 * The province dashboard's KPIs over a generated province on PostgreSQL.
 *
 *   npm run bench kpi [-- --dossiers 1000000] [--runs 30] [--url postgres://…] [--keep]
 *
 * - Creates a database `cchc_kpi_bench_<pid>` on BENCH_DATABASE_URL (default the shared test
 *   server, postgres://postgres@127.0.0.1:55433/postgres), migrates it and fills it with
 *   `bench/support/province-generator.ts` (100 communes, 300 procedures each, dossiers from
 *   2021 — the first year of the working calendar — to 30/11/2026, with pauses, apologies and
 *   feedback); dropped at the end unless --keep (then --url reuses a kept one).
 * - Measures the province dashboard: `kpiReport` (the service behind GET /api/kpi) for the
 *   province, one quarter (Q3/2026), broken down by its 100 communes; and, alternating with it in
 *   the same run, one hand-written SQL aggregate over the raw dossiers table computing the same
 *   dossier figures per commune (JIT off for both, as the service sets it). Prints p50/p95 of both and their ratio, and checks that the two
 *   agree on the counts they share.
 */
import pg from "pg";
import { openPostgres } from "../src/server/db/database.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { dossierKpiCounts } from "../src/server/db/repositories/kpi.repository.ts";
import { kpiReport } from "../src/server/services/kpi.service.ts";
import { createWorkingCalendar } from "../src/core/calendar/working-calendar.ts";
import { workingDayIndex } from "../src/core/kpi/index.ts";
import { loadSchedules } from "../src/server/services/calendar.service.ts";
import { generateProvince } from "./support/province-generator.ts";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const dossiers = Number(argument("dossiers") ?? process.env.BENCH_DOSSIERS ?? 1_000_000);
const runs = Number(argument("runs") ?? 30);
const keep = process.argv.includes("--keep");
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:55433/postgres";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

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

async function main() {
  const admin = new pg.Client({ connectionString: serverUrl });
  const name = `cchc_kpi_bench_${process.pid}`;
  let url = argument("url");
  let created = false;
  if (!url) {
    await admin.connect();
    await admin.query(`create database ${name}`);
    created = true;
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const database = await openPostgres(url);
  try {
    let provinceId: string;
    if (created) {
      await runMigrations(database);
      const t0 = Date.now();
      const province = await generateProvince({ url, dossiers, log: (l) => console.log(`  ${l}`) });
      provinceId = province.provinceId;
      console.log(
        `generated ${dossiers.toLocaleString("en")} dossiers in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      provinceId = (await client.query("select id from units where code = 'BENCH'")).rows[0].id;
      await client.end();
    }
    const period = { kind: "quarter" as const, year: 2026, number: 3 };
    const start = new Date("2026-07-01T00:00:00+07:00");
    const end = new Date("2026-10-01T00:00:00+07:00");
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    // The same settings as the service's queries (which turn JIT off).
    await raw.query("set jit = off");
    const communes = (
      await raw.query("select id from units where parent_id = $1", [provinceId])
    ).rows.map((r) => r.id);
    const service = () => kpiReport(database.db, { unitId: provinceId, period, groupBy: "unit" });
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
    // reports filtered by procedure, field or agency still take): a few runs, and equal counts.
    const workingDays = workingDayIndex(
      "2024-07-01",
      "2026-09-30",
      createWorkingCalendar({ schedules: await loadSchedules(database.db) }),
    );
    const query = { unitIds: communes, period: { from: "2026-07-01", to: "2026-09-30" } };
    const rawPathMs: number[] = [];
    let rawPath: Awaited<ReturnType<typeof dossierKpiCounts>> = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t = performance.now();
      rawPath = await dossierKpiCounts(database.db, query, "unit", workingDays);
      rawPathMs.push(performance.now() - t);
    }
    const rawTotal: Record<string, number> = {};
    for (const row of rawPath)
      for (const [k, v] of Object.entries(row.counts)) rawTotal[k] = (rawTotal[k] ?? 0) + v;
    const mismatched = Object.entries(rawTotal).filter(
      ([k, v]) => k in total && !k.startsWith("feedback") && total[k as keyof typeof total] !== v,
    );
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
    console.log(
      `\nprovince dashboard, Q3/2026, ${communes.length} communes, ${dossiers.toLocaleString("en")} dossiers, ${runs} runs`,
    );
    console.log(
      `  to process ${total.toProcess.toLocaleString("en")}, on-time ${report!.total.rates.processing_on_time_rate.text}`,
    );
    console.log("| query | p50 ms | p95 ms |");
    console.log("|---|---|---|");
    console.log(
      `| kpiReport (GET /api/kpi groupBy=unit) | ${percentile(serviceMs, 50).toFixed(0)} | ${percentile(serviceMs, 95).toFixed(0)} |`,
    );
    console.log(
      `| hand-written SQL aggregate | ${percentile(rawMs, 50).toFixed(0)} | ${percentile(rawMs, 95).toFixed(0)} |`,
    );
    console.log(
      `| raw-row dossier counts (before rollups), ${rawPathMs.length} runs | ${percentile(rawPathMs, 50).toFixed(0)} | ${percentile(rawPathMs, 95).toFixed(0)} |`,
    );
    console.log(
      `rollups vs raw rows: ${mismatched.length === 0 ? "all dossier counts equal" : `DIFFER ${JSON.stringify(mismatched)}`}`,
    );
    console.log(
      `ratio p95 service / hand-written: ${(percentile(serviceMs, 95) / percentile(rawMs, 95)).toFixed(2)}`,
    );
    console.log(`counts agree: ${JSON.stringify(agree)}`);
  } finally {
    await database.close();
    if (created && !keep) {
      await admin.query(`drop database ${name} with (force)`);
      console.log(`dropped ${name}`);
    } else if (created) {
      console.log(`kept database ${name}`);
    }
    if (created) await admin.end();
  }
}

await main();
