/**
 * The dossier register's pages over a generated province on PostgreSQL, before and after keyset
 * pagination.
 *
 *   npm run bench registers [-- --dossiers 1000000] [--runs 20]
 *
 * - Creates a database `cchc_registers_bench_<pid>` on BENCH_DATABASE_URL (default the shared
 *   test server, postgres://postgres@127.0.0.1:55433/postgres), migrates it, fills it with
 *   `bench/support/province-generator.ts` (100 communes) and drops it at the end.
 * - For each register page (a ward's and the province's first page, by state, overdue, a month,
 *   an exact code, a code prefix, a name, page 2,001 of the province), alternately: "before", the
 *   query the register sent until keyset pagination (offset, exact count(*), `ilike '%q%'` on code
 *   and name; same joins to units and procedures), and "after", `registerQueries` (the page after
 *   a cursor, the count capped at 10,001). One client, one query at a time; prints p50/p99 (ms)
 *   and the ratio before/after.
 */
import pg from "pg";
import { openPostgres } from "../src/server/db/database.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import {
  registerQueries,
  type DossierFilter,
} from "../src/server/db/repositories/dossier.repository.ts";
import { generateProvince } from "./support/province-generator.ts";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const dossiers = Number(argument("dossiers") ?? process.env.BENCH_DOSSIERS ?? 1_000_000);
const runs = Number(argument("runs") ?? 20);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:55433/postgres";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Case {
  name: string;
  /** The filter of the "after" query (its cursor found by the bench for the deep page). */
  after: DossierFilter;
  /** The "before" query's conditions (on `d`) and parameters, and its offset. */
  before: { where: string; params: unknown[]; offset: number };
}

const OPEN = "d.state in ('received', 'in_progress', 'supplement_requested')";

async function main() {
  const admin = new pg.Client({ connectionString: serverUrl });
  const name = `cchc_registers_bench_${process.pid}`;
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openPostgres(url);
  const raw = new pg.Client({ connectionString: url });
  try {
    await runMigrations(database);
    const t0 = Date.now();
    const province = await generateProvince({ url, dossiers, log: (l) => console.log(`  ${l}`) });
    console.log(
      `generated ${dossiers.toLocaleString("en")} dossiers in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    await raw.connect();
    await raw.query("analyze");
    const ward = province.communeIds[7]!;
    const [sample] = (
      await raw.query(
        "select code from dossiers where unit_id = $1 order by received_at desc offset 50 limit 1",
        [ward],
      )
    ).rows as { code: string }[];
    const code = sample!.code;
    const prefix = code.slice(0, -2);
    const deep = (
      await raw.query(
        `select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, id::text as id
         from dossiers where voided_at is null order by received_at desc, id desc offset 99999 limit 1`,
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
        name: "province, page 2,001 (after 100,000 rows)",
        after: { unitIds: null, limit: 50, after: deep },
        before: { where: "true", params: [], offset: 100_000 },
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
      const { page, count } = registerQueries(database.db, c.after);
      const rows = await page;
      const [n] = await count;
      return { rows: Math.min(rows.length, 50), total: n!.n };
    };

    console.log(`\nregister pages, ${dossiers.toLocaleString("en")} dossiers, ${runs} runs each`);
    console.log(
      "| page | before p50 | before p99 | after p50 | after p99 | p99 ratio | rows, total before → after |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---|");
    for (const c of cases) {
      await beforeQuery(c);
      await afterQuery(c);
      const before: number[] = [];
      const after: number[] = [];
      let b = { rows: 0, total: 0 };
      let a = { rows: 0, total: 0 };
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        b = await beforeQuery(c);
        before.push(performance.now() - t);
        t = performance.now();
        a = await afterQuery(c);
        after.push(performance.now() - t);
      }
      const f = (v: number) => v.toFixed(1);
      console.log(
        `| ${c.name} | ${f(percentile(before, 50))} | ${f(percentile(before, 99))} | ${f(percentile(after, 50))} | ${f(percentile(after, 99))} | ${(percentile(before, 99) / percentile(after, 99)).toFixed(1)} | ${b.rows}, ${b.total} → ${a.rows}, ${a.total > 10_000 ? "> 10,000" : a.total} |`,
      );
    }
  } finally {
    await raw.end().catch(() => undefined);
    await database.close();
    await admin.query(`drop database ${name} with (force)`);
    console.log(`dropped ${name}`);
    await admin.end();
  }
}

await main();
