import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OFFICIAL_SCHEDULES, parseOfficialSchedule } from "../../src/core/calendar/index.ts";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import {
  ensureKpiWorkingCalendar,
  enqueueKpiRecompute,
  kpiCalendarState,
} from "../../src/server/db/repositories/kpi-rollup.repository.ts";
import { JobRunner } from "../../src/server/jobs/job-runner.ts";
import { schedulesInForce } from "../../src/server/services/calendar.service.ts";
import { kpiCalendarFrom } from "../../src/server/services/kpi-calendar.ts";
import {
  KPI_RECOMPUTE_JOB,
  kpiRecomputeJob,
  type KpiRecomputeOptions,
} from "../../src/server/services/kpi-recompute.job.ts";
import { makeUnit } from "../support/factories.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * The recompute job of the KPIs' processing days (kpi-recompute.job.ts) under the job runner:
 * rollup rows of three units over a year, each with a few groups of finished dossiers in
 * `kpi_processing_days`; the working calendar changes; the job must leave every row's processing
 * days equal to a computation written here from the ordinals in the database — also when its
 * process dies after a few batches and a new runner takes the job over (going on from the cursor,
 * not from the start), and with a second job queued while the first runs (which does nothing).
 */

const TODAY = "2026-06-01";
const FIRST = "2025-01-01";
const DAYS = 365;

let t: TestDatabase;
let db: Executor;
let unitIds: string[] = [];

/** The built-in calendar, or one with `daysOff` extra official days off in 2025. */
function calendarWith(daysOff: string[]) {
  const seed = OFFICIAL_SCHEDULES.find((s) => s.year === 2025)!;
  const schedule = parseOfficialSchedule({
    ...seed,
    version: seed.version + 1,
    entries: [
      ...seed.entries,
      ...daysOff.map((date) => ({ kind: "official" as const, date, name: "Nghỉ thử" })),
    ],
  });
  return kpiCalendarFrom(
    daysOff.length ? schedulesInForce([schedule]) : schedulesInForce([]),
    TODAY,
  );
}

/** Rollup rows (and their sources) of every unit and day of the year, deterministic. */
async function fillRollups() {
  await db.execute(sql`truncate kpi_dossier_days, kpi_dossier_months, kpi_processing_days,
    kpi_late_apologies`);
  for (const [u, unitId] of unitIds.entries()) {
    await db.execute(sql`insert into kpi_dossier_days (unit_id, day, finished, calendar_version)
      select ${unitId}::uuid, ${FIRST}::date + i, 1, null from generate_series(0, ${DAYS - 1}) i`);
    await db.execute(sql`insert into kpi_processing_days
        (unit_id, day, counted_from, paused_working_days, dossiers)
      select ${unitId}::uuid, ${FIRST}::date + i, ${FIRST}::date + i - ((i * 7 + g + ${u}) % 40),
        (i + g) % 3, 1 + (i + g) % 4
      from generate_series(0, ${DAYS - 1}) i, generate_series(0, (i + ${u}) % 3) g
      on conflict do nothing`);
  }
}

/** Each row's processing days as this test computes them from the ordinals in the database. */
async function expectedProcessingDays(): Promise<Map<string, number>> {
  const ordinals = new Map(
    (
      await queryRows<{ day: string; ordinal: number }>(
        db,
        sql`select day::text, ordinal from kpi_working_days`,
      )
    ).map((r) => [r.day, Number(r.ordinal)]),
  );
  const first = [...ordinals.keys()].sort()[0]!;
  const ordinal = (day: string) => (day < first ? 0 : ordinals.get(day)!);
  const expected = new Map<string, number>();
  const rows = await queryRows<{
    unit_id: string;
    day: string;
    counted_from: string;
    paused_working_days: number;
    dossiers: number;
  }>(
    db,
    sql`select unit_id::text, day::text, counted_from::text, paused_working_days, dossiers
      from kpi_processing_days`,
  );
  for (const r of rows) {
    const key = `${r.unit_id} ${r.day}`;
    const days = Math.max(
      0,
      ordinal(r.day) - ordinal(r.counted_from) - Number(r.paused_working_days),
    );
    expected.set(key, (expected.get(key) ?? 0) + Number(r.dossiers) * days);
  }
  return expected;
}

async function storedProcessingDays(): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; days: number }>(
    db,
    sql`select unit_id::text || ' ' || day::text as key, processing_days as days
      from kpi_dossier_days`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.days)]));
}

async function staleRows() {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from kpi_dossier_days t
      join kpi_working_calendar c on c.id = 1
      where t.calendar_version is distinct from c.version`,
  );
  return Number(row!.n);
}

async function jobsOfKind() {
  return queryRows<{ id: string; state: string; attempts: number }>(
    db,
    sql`select id::text, state, attempts from jobs where kind = ${KPI_RECOMPUTE_JOB}
      order by created_at`,
  );
}

function runner(options: KpiRecomputeOptions, workerId: string, concurrency = 2) {
  const jobs = new JobRunner(db, { pollMs: 50, ownsAllJobs: true, workerId, concurrency });
  jobs.register(KPI_RECOMPUTE_JOB, kpiRecomputeJob(db, options));
  return jobs;
}

const small: KpiRecomputeOptions = {
  firstBatchRows: 40,
  minBatchRows: 40,
  maxBatchRows: 40,
  pauseMs: 0,
};

describe(`the KPI processing-days recompute job (${testDatabaseKind})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    const province = await makeUnit(db);
    unitIds = [];
    for (let i = 0; i < 3; i++) unitIds.push((await makeUnit(db, { parent: province })).id);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  beforeEach(async () => {
    await db.execute(sql`delete from jobs`);
    await db.execute(sql`delete from kpi_working_calendar`);
    await fillRollups();
  });

  it("goes on after its process died after a few batches, and ends with every row right", async () => {
    await ensureKpiWorkingCalendar(db, calendarWith([]));
    await ensureKpiWorkingCalendar(db, calendarWith(["2025-03-04", "2025-06-10", "2025-09-16"]));
    const rows = unitIds.length * DAYS;
    expect(await staleRows()).toBe(rows);
    expect(await jobsOfKind()).toMatchObject([{ state: "queued" }]);

    // The first process: its job stops answering after 5 batches (a crash mid-way).
    let firstChanged = 0;
    let hang: (reason: Error) => void = () => undefined;
    const hung = new Promise<void>((_, reject) => (hang = reject));
    let reached: () => void = () => undefined;
    const fifth = new Promise<void>((resolve) => (reached = resolve));
    const first = runner(
      {
        ...small,
        afterBatch: async ({ number, changed }) => {
          firstChanged += changed;
          if (number === 5) {
            reached();
            await hung;
          }
        },
      },
      "first",
      1, // busy with the hung job: it claims nothing else
    );
    await first.start();
    await fifth;
    expect(firstChanged).toBe(5 * 40);
    expect(await staleRows()).toBe(rows - 5 * 40);

    // A new process takes the job over (the embedded database's restart; on a server, once the
    // lease lapsed) and goes on from the cursor: the rows done are not done again.
    let secondChanged = 0;
    let secondBatches = 0;
    const second = runner(
      {
        ...small,
        afterBatch: ({ changed }) => {
          secondChanged += changed;
          secondBatches += 1;
        },
      },
      "second",
    );
    await second.start();
    await second.idle();
    hang(new Error("the first process is gone"));
    await first.stop();
    await second.stop();

    expect(secondChanged).toBe(rows - 5 * 40);
    // The rest of the first pass, then a pass that finds nothing left.
    expect(secondBatches).toBe(Math.ceil(rows / 40) - 5 + Math.ceil(rows / 40));
    expect(await staleRows()).toBe(0);
    expect(await storedProcessingDays()).toEqual(await expectedProcessingDays());
    expect(await jobsOfKind()).toMatchObject([{ state: "done", attempts: 2 }]);
    const state = await kpiCalendarState(db);
    expect(state).toMatchObject({ recomputeOwner: null });
    expect(state!.recomputedVersion).toBe(state!.version);
  }, 120_000);

  it("runs one recompute at a time and follows a calendar stored while it runs", async () => {
    await ensureKpiWorkingCalendar(db, calendarWith([]));
    let batches = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => undefined;
    const firstBatch = new Promise<void>((resolve) => (reached = resolve));
    const jobs = runner(
      {
        ...small,
        afterBatch: async () => {
          batches += 1;
          if (batches === 1) {
            reached();
            await gate;
          }
        },
      },
      "only",
    );
    await jobs.start();
    await firstBatch;
    // Another schedule stored, and a second job queued, while the first job runs.
    await ensureKpiWorkingCalendar(db, calendarWith(["2025-05-06"]));
    await enqueueKpiRecompute(db);
    jobs.wake();
    // The second job finds the recompute held by a live job and ends without a batch.
    for (let i = 0; i < 200; i++) {
      const states = (await jobsOfKind()).map((j) => j.state);
      if (states[1] === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await jobsOfKind()).map((j) => j.state)).toEqual(["running", "done"]);
    expect(batches).toBe(1);
    release();
    await jobs.idle();
    await jobs.stop();
    expect(await staleRows()).toBe(0);
    expect(await storedProcessingDays()).toEqual(await expectedProcessingDays());
    const state = await kpiCalendarState(db);
    expect(state!.recomputedVersion).toBe(state!.version);
  }, 120_000);
});
