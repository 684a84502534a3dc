import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/server/db/database.ts";
import type { JobContext } from "../../src/server/jobs/job-runner.ts";
import type { JobRow } from "../../src/server/jobs/job.repository.ts";
import {
  BACKUP_CHECK_EVERY_MS,
  BACKUP_JOB,
  backupJob,
} from "../../src/server/operations/backup/backup-job.ts";
import { lastOutcome, listBackups } from "../../src/server/operations/backup/backup.service.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

let t: TestApp;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp({
    demo: false,
    backups: { everyHours: 24, keep: 2 },
    jobs: { pollMs: 50 },
  });
});

afterAll(async () => {
  await t?.close();
});

async function backupRuns() {
  return queryRows<{ state: string; run_at: string | Date }>(
    t.db.database.db,
    sql`select state, run_at from jobs where kind = ${BACKUP_JOB} order by created_at`,
  );
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const context = {
  job: {} as JobRow,
  attempt: 1,
  maxAttempts: 1,
  signal: new AbortController().signal,
} satisfies JobContext;

describe(`scheduled backups on the job runner (${testDatabaseKind})`, () => {
  it("takes a backup at start when there is none, records the run and queues the next check", async () => {
    await waitFor(async () => (await backupRuns()).some((run) => run.state === "done"));
    expect(await listBackups(t.dataDir)).toHaveLength(1);
    expect(await lastOutcome(t.dataDir)).toMatchObject({ ok: true, trigger: "schedule" });
    const runs = await backupRuns();
    const next = runs.find((run) => run.state === "queued");
    expect(next, "the next check is queued").toBeDefined();
    expect(new Date(next!.run_at).getTime()).toBeGreaterThan(
      Date.now() + BACKUP_CHECK_EVERY_MS - 5 * 60_000,
    );
  });

  it("takes the next one only once the newest is older than the interval, keeping the newest two", async () => {
    let clock = new Date(Date.now() + HOUR);
    const job = backupJob(
      t.db.database,
      t.dataDir,
      { everyHours: 24, keep: 2 },
      { info: () => undefined },
      { now: () => clock },
    )!;
    await job.run({}, context);
    expect(await listBackups(t.dataDir), "an hour later: not due").toHaveLength(1);

    clock = new Date(Date.now() + 25 * HOUR);
    await job.run({}, context);
    const two = await listBackups(t.dataDir);
    expect(two, "25 hours later: due").toHaveLength(2);

    clock = new Date(Date.now() + 50 * HOUR);
    await job.run({}, context);
    const kept = await listBackups(t.dataDir);
    expect(kept, "only the newest two are kept").toHaveLength(2);
    expect(kept[1]!.name).toBe(two[0]!.name);
  });

  it("is not registered when scheduled backups are off", () => {
    const job = backupJob(
      t.db.database,
      t.dataDir,
      { everyHours: 0, keep: 7 },
      { info: () => undefined },
    );
    expect(job).toBeNull();
  });
});
