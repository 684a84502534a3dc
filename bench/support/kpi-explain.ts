/**
 * The plans of the province dashboard's statements (`kpiReport`, province, Q3/2026, by commune)
 * on a kept province, as PostgreSQL ran them: auto_explain (analyze, buffers, nested statements)
 * on every statement of one warm call, printed with their durations.
 *
 *   node --import tsx bench/support/kpi-explain.ts --url postgres://…/cchc_province [--runs 3]
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../src/server/db/schema.ts";
import type { Executor } from "../../src/server/db/database.ts";
import { kpiReport } from "../../src/server/services/kpi.service.ts";
import { ensureKpiWorkingCalendar } from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import { loadSchedules } from "../../src/server/services/calendar.service.ts";
import { kpiWorkingDaysFor } from "../../src/server/services/kpi-calendar.ts";
import { runKpiRecompute } from "../../src/server/services/kpi-recompute.job.ts";
import { argument } from "./arguments.ts";

const url = argument("url");
if (!url) throw new Error("--url required");
const runs = Number(argument("runs") ?? 3);
const pool = new pg.Pool({
  connectionString: url,
  max: 1,
  options:
    "-c jit=off -c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 " +
    "-c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_timing=on " +
    "-c auto_explain.log_level=notice",
});
let printing = false;
pool.on("connect", (client) =>
  client.on("notice", (n) => {
    if (printing) console.log(n.message, "\n");
  }),
);
const db = drizzle(pool, { schema }) as unknown as Executor;
const c = await pool.connect();
const provinceId = (await c.query("select id from units where code = 'BENCH'")).rows[0].id;
c.release();
// The generated rows were classed with no calendar: the recompute job's first run, as the bench.
const { calendar } = kpiWorkingDaysFor(await loadSchedules(db), {
  from: "2026-07-01",
  to: "2026-09-30",
});
await ensureKpiWorkingCalendar(db, calendar);
await runKpiRecompute(db, "explain", new AbortController().signal);
const period = { kind: "quarter" as const, year: 2026, number: 3 };
for (let i = 0; i < runs; i++) {
  printing = i === runs - 1;
  const t = performance.now();
  await kpiReport(db, { unitId: provinceId, period, groupBy: "unit" });
  console.log(`kpiReport ${(performance.now() - t).toFixed(0)} ms`);
}
await pool.end();
