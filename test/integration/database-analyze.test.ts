import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { inLane } from "../../src/server/db/pglite-lanes.ts";
import { JobRunner } from "../../src/server/jobs/job-runner.ts";
import {
  ANALYZE_JOB,
  analyzeJob,
  analyzeTables,
  IMPORTED_TABLES,
} from "../../src/server/operations/analyze/analyze.ts";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let world: WardWorld;

const HEADER =
  "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Kênh nộp;Ngày tiếp nhận;Hạn xử lý;Ngày có kết quả;Ngày trả kết quả;Trạng thái;Số hóa";
const line = (n: number) =>
  [
    `000.01.22.H99-260310-${String(7000 + n).padStart(4, "0")}`,
    "1.004873",
    `Người nộp ${n}`,
    "0911 222 333",
    "Trực tiếp",
    "10/03/2026 08:30",
    "16/03/2026",
    "",
    "",
    "Đang giải quyết",
    "",
  ].join(";");

/**
 * Manual ANALYZE runs of each table (autovacuum's own are counted apart). Read in the jobs' lane:
 * on PGlite a request's turn would keep the database busy, and an ANALYZE waits for it to be quiet.
 */
async function analyzeCounts(tables: readonly string[]) {
  const rows = await inLane("background", () =>
    queryRows<{ name: string; count: number }>(
      t.db.database.db,
      sql`select relname as name, analyze_count::int as count from pg_stat_user_tables
        where schemaname = 'public' and relname in (${sql.join(
          tables.map((name) => sql`${name}`),
          sql`, `,
        )})`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.count]));
}

/** A table of ≈ 1,300 pages of 8 kB: above SMALL_TABLE_PAGES. */
const createLargeTable = (name: string) =>
  t.db.database.db.execute(sql`create table ${sql.identifier(name)} as
    select g as n, repeat('x', 200) as filler from generate_series(1, 45000) g`);

/** Statistics reach pg_stat_user_tables after the writing connection flushes them: poll. */
async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await check()).toBe(true);
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  world = await makeWardWorld(t.db.database.db, { agencyCode: "000.01.22.H99" });
  await makeProcedure(t.db.database.db, world.ward, { code: "1.004873", processingDays: 3 });
});
afterAll(() => t.close());

describe(`planner statistics on ${testDatabaseKind}`, () => {
  it("analyzes the tables a bulk import filled when it ends", async () => {
    const before = await analyzeCounts(IMPORTED_TABLES);
    const clerk = await signIn(t, world.users.clerk);
    const body = new FormData();
    body.append("unitId", world.ward.id);
    const file = [HEADER, line(1), line(2), line(3)].join("\r\n") + "\r\n";
    body.append("file", new Blob([file]), "mot-cua.csv");
    const started = await clerk.request("POST", "/api/dossier-imports", { body });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run = started.body.data;
    for (let i = 0; i < 600 && run.state !== "done" && run.state !== "failed"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await clerk.get(`/api/dossier-imports/${run.id}`)).body.data;
    }
    expect(run).toMatchObject({ state: "done", inserted: 3 });
    await eventually(async () => {
      const after = await analyzeCounts(IMPORTED_TABLES);
      return IMPORTED_TABLES.every((table) => (after[table] ?? 0) > (before[table] ?? 0));
    });
  });

  it.skipIf(testDatabaseKind !== "pglite")(
    "analyzes a large table on the embedded database at a quiet moment, not while people use it",
    async () => {
      const db = t.db.database.db;
      // A table whose ANALYZE waits for a quiet moment.
      await createLargeTable("quiet_probe");
      const before = (await analyzeCounts(["quiet_probe"])).quiet_probe ?? 0;
      const clerk = await signIn(t, world.users.clerk);
      let busy = true;
      // When each request was asked: a gap of a second would be a quiet moment.
      const asked: number[] = [];
      const people = (async () => {
        while (busy) {
          asked.push(performance.now());
          expect((await clerk.get("/api/procedures")).status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      let finished = false;
      const analyzing = inLane("background", () => analyzeTables(db, ["quiet_probe"])).finally(
        () => {
          finished = true;
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const gaps = [...asked, performance.now()].map((at, i, all) =>
        i > 0 ? at - all[i - 1]! : 0,
      );
      // A machine too busy to ask twice a second gave it a quiet moment: nothing to judge then.
      if (Math.max(...gaps) < 900) expect(finished).toBe(false);
      busy = false;
      await people;
      expect(await analyzing).toBe(1);
      await eventually(
        async () => ((await analyzeCounts(["quiet_probe"])).quiet_probe ?? 0) > before,
      );
      await db.execute(sql`drop table quiet_probe`);
    },
  );

  it.skipIf(testDatabaseKind !== "pglite")(
    "analyzes every table as a recurring job on the embedded database",
    async () => {
      const db = t.db.database.db;
      const before = await analyzeCounts(["units", "users", "audit_events"]);
      const job = analyzeJob(db, 24, { info: () => undefined });
      expect(job?.everyMs).toBe(24 * 3600_000);
      const runner = new JobRunner(db, { pollMs: 50 });
      runner.register(ANALYZE_JOB, job!);
      await runner.start();
      await runner.idle();
      await runner.stop();
      const after = await analyzeCounts(["units", "users", "audit_events"]);
      for (const table of ["units", "users", "audit_events"])
        expect(after[table]).toBeGreaterThan(before[table] ?? 0);
    },
  );

  it.skipIf(testDatabaseKind !== "pglite")(
    "passes over a large table until its size moves by a tenth",
    async () => {
      const db = t.db.database.db;
      // Above the size analyzed every time.
      await createLargeTable("analyze_probe");
      await db.execute(sql`analyze analyze_probe`);
      const run = async () => {
        const runner = new JobRunner(db, { pollMs: 50 });
        runner.register(ANALYZE_JOB, analyzeJob(db, 24, { info: () => undefined })!);
        await runner.start();
        await runner.idle();
        await runner.stop();
        // Queued again at the next start, due at once.
        await db.execute(sql`delete from jobs where kind = ${ANALYZE_JOB}`);
      };
      await eventually(async () => (await analyzeCounts(["analyze_probe"])).analyze_probe === 1);
      const small = (await analyzeCounts(["units"])).units ?? 0;
      await run();
      await eventually(async () => ((await analyzeCounts(["units"])).units ?? 0) > small);
      expect((await analyzeCounts(["analyze_probe"])).analyze_probe).toBe(1);

      await db.execute(sql`insert into analyze_probe
        select g, repeat('y', 200) from generate_series(1, 9000) g`);
      await run();
      await eventually(async () => (await analyzeCounts(["analyze_probe"])).analyze_probe === 2);
      await db.execute(sql`drop table analyze_probe`);
    },
  );

  it.skipIf(testDatabaseKind !== "pglite")(
    "vacuums a table of rows written and deleted, so its space goes to the next ones",
    async () => {
      const db = t.db.database.db;
      // A queue's life: rows written, then deleted, over and over (jobs, sessions, throttles).
      await db.execute(sql`create table churn_probe (n int primary key, filler text)`);
      for (let round = 0; round < 10; round += 1) {
        await db.execute(sql`insert into churn_probe
          select g, repeat('z', 200) from generate_series(1, 2000) g`);
        await db.execute(sql`delete from churn_probe`);
      }
      const pages = async () =>
        (
          await inLane("background", () =>
            queryRows<{ pages: number }>(
              db,
              sql`select (pg_relation_size('churn_probe') / 8192)::int as pages`,
            ),
          )
        )[0]!.pages;
      // Without VACUUM every round's rows took new pages: the deleted ones' space is never reused.
      expect(await pages()).toBeGreaterThan(500);
      const logged: unknown[] = [];
      const runner = new JobRunner(db, { pollMs: 50 });
      runner.register(ANALYZE_JOB, analyzeJob(db, 24, { info: (fields) => logged.push(fields) })!);
      await runner.start();
      await runner.idle();
      await runner.stop();
      await db.execute(sql`delete from jobs where kind = ${ANALYZE_JOB}`);
      // Its empty pages given back to the folder.
      expect(await pages()).toBe(0);
      expect(logged).toEqual([expect.objectContaining({ vacuumed: expect.any(Number) })]);
      expect((logged[0] as { vacuumed: number }).vacuumed).toBeGreaterThan(0);
      await db.execute(sql`drop table churn_probe`);
    },
  );

  it.skipIf(testDatabaseKind !== "postgresql")(
    "leaves the schedule to autovacuum on PostgreSQL",
    () => {
      expect(analyzeJob(t.db.database.db, 24, { info: () => undefined })).toBeNull();
    },
  );

  it("has no schedule when turned off", () => {
    expect(analyzeJob(t.db.database.db, 0, { info: () => undefined })).toBeNull();
  });
});
