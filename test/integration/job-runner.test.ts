import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openPostgres, type Database } from "../../src/server/db/database.ts";
import { AppError } from "../../src/server/errors.ts";
import { JobRunner, type JobKind } from "../../src/server/jobs/job-runner.ts";
import * as jobs from "../../src/server/jobs/job.repository.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

let t: TestDatabase;
const db = () => t.database.db;
const runners: JobRunner[] = [];

function runner(options: ConstructorParameters<typeof JobRunner>[1] = {}, on = db()) {
  const created = new JobRunner(on, { pollMs: 20, ...options });
  runners.push(created);
  return created;
}

beforeAll(async () => {
  t = await createTestDatabase();
});

beforeEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await db().execute(sql`delete from jobs`);
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await t.cleanup();
});

const quick = { baseDelayMs: 10, maxDelayMs: 40 };

describe("job runner", () => {
  it("tries a failed job again after a growing wait, then records it done", async () => {
    const attempts: { attempt: number; at: number }[] = [];
    const r = runner();
    r.register("flaky", {
      retry: { baseDelayMs: 150, maxDelayMs: 1_000 },
      async run(_payload, context) {
        attempts.push({ attempt: context.attempt, at: Date.now() });
        if (context.attempt < 3) throw new Error("not yet");
      },
    });
    const job = await jobs.enqueueJob(db(), { kind: "flaky", maxAttempts: 3 });
    await r.start();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "done");
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Waits of 150 then 300 ms (generous lower bounds only).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(140);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(290);
    expect(await jobs.findJob(db(), job.id)).toMatchObject({
      state: "done",
      attempts: 3,
      lastError: null,
      lockedBy: null,
    });
  });

  it("shows the wait and the error between attempts, and fails for good when they are spent", async () => {
    const failed: string[] = [];
    const r = runner();
    r.register("broken", {
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      async run() {
        throw Object.assign(new Error("secret personal data 0911222333"), { code: "ECONNRESET" });
      },
      async onFailed(job) {
        failed.push(job.id);
      },
    });
    const job = await jobs.enqueueJob(db(), { kind: "broken", maxAttempts: 2 });
    const before = Date.now();
    await r.start();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.attempts === 1);
    await r.idle();
    const waiting = (await jobs.findJob(db(), job.id))!;
    expect(waiting).toMatchObject({ state: "queued", attempts: 1 });
    // Never the error's message: it may hold personal data.
    expect(waiting.lastError).toBe("Lỗi hệ thống (Error ECONNRESET).");
    expect(waiting.runAt.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    // Its time comes: the last attempt fails and the kind is told once.
    await db().execute(sql`update jobs set run_at = now() where id = ${job.id}`);
    r.wake();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "failed");
    expect(failed).toEqual([job.id]);
    expect((await jobs.findJob(db(), job.id))!.attempts).toBe(2);
  });

  it("does not retry a permanent error", async () => {
    const r = runner();
    let runs = 0;
    r.register("bad-file", {
      retry: quick,
      isPermanent: (error) => error instanceof AppError,
      async run() {
        runs++;
        throw new AppError("DOSSIER_IMPORT_UPLOAD_NOT_FOUND");
      },
    });
    const job = await jobs.enqueueJob(db(), { kind: "bad-file", maxAttempts: 5 });
    await r.start();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "failed");
    expect(runs).toBe(1);
    expect((await jobs.findJob(db(), job.id))!.lastError).toBe(
      new AppError("DOSSIER_IMPORT_UPLOAD_NOT_FOUND").message,
    );
  });

  it("a restarted runner picks up a job its crashed process left running", async () => {
    const job = await jobs.enqueueJob(db(), { kind: "work", maxAttempts: 3 });
    // The crashed process claimed it (a lease of an hour it will never renew).
    const claimed = await jobs.claimNextJob(db(), ["work"], "crashed-process", 3_600_000);
    expect(claimed?.id).toBe(job.id);
    const seen: number[] = [];
    const kind: JobKind = {
      async run(_payload, context) {
        seen.push(context.attempt);
      },
    };
    // The embedded database has one process: a starting runner takes over at once.
    const restarted = runner({ ownsAllJobs: true });
    restarted.register("work", kind);
    await restarted.start();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "done");
    expect(seen).toEqual([2]);
  });

  it("on a shared database, another worker takes a job over once its lease lapsed", async () => {
    const job = await jobs.enqueueJob(db(), { kind: "work", maxAttempts: 3 });
    await jobs.claimNextJob(db(), ["work"], "crashed-process", 3_600_000);
    const seen: string[] = [];
    const other = runner({ ownsAllJobs: false });
    other.register("work", {
      async run(_payload, context) {
        seen.push(context.job.id);
      },
    });
    await other.start();
    await other.idle();
    // Still leased to the dead process: not touched yet.
    expect((await jobs.findJob(db(), job.id))!.state).toBe("running");
    expect(seen).toEqual([]);
    // The lease lapses (its process never renewed it).
    await db().execute(sql`update jobs set locked_until = now() - interval '1 second'`);
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "done");
    expect(seen).toEqual([job.id]);
  });

  it("a job whose process died on its last attempt fails for good, and its kind is told", async () => {
    const job = await jobs.enqueueJob(db(), { kind: "work", maxAttempts: 1 });
    await jobs.claimNextJob(db(), ["work"], "crashed-process", 3_600_000);
    const failed: string[] = [];
    const r = runner({ ownsAllJobs: true });
    r.register("work", {
      async run() {
        throw new Error("must not run again");
      },
      async onFailed(row) {
        failed.push(row.id);
      },
    });
    await r.start();
    await waitFor(async () => (await jobs.findJob(db(), job.id))?.state === "failed");
    expect(failed).toEqual([job.id]);
    expect((await jobs.findJob(db(), job.id))!.attempts).toBe(1);
  });

  it("stopping puts a running job back in the queue without counting the attempt", async () => {
    const r = runner();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    r.register("long", {
      async run(_payload, context) {
        started();
        await new Promise((_, reject) =>
          context.signal.addEventListener("abort", () => reject(context.signal.reason)),
        );
      },
    });
    const job = await jobs.enqueueJob(db(), { kind: "long" });
    await r.start();
    await running;
    await r.stop();
    expect(await jobs.findJob(db(), job.id)).toMatchObject({
      state: "queued",
      attempts: 0,
      lockedBy: null,
    });
  });

  it("queues a recurring job once, runs it at start and again an interval after", async () => {
    const first = runner();
    let runs = 0;
    first.register("tick", {
      everyMs: 3_600_000,
      async run() {
        runs++;
      },
    });
    await first.start();
    await first.idle();
    await first.stop();
    const second = runner();
    second.register("tick", { everyMs: 3_600_000, run: async () => void runs++ });
    await second.start(); // a restart runs it at once again
    await second.idle();
    expect(runs).toBe(2);
    const queued = await jobs.listJobs(db(), {
      unitIds: null,
      kind: "tick",
      state: "queued",
      limit: 9,
    });
    expect(queued).toHaveLength(1);
  });

  it.skipIf(testDatabaseKind !== "postgresql")(
    "two workers on separate connections never run the same job (PostgreSQL)",
    async () => {
      const second: Database = await openPostgres(t.url!);
      try {
        const ran: string[] = [];
        const kind: JobKind = {
          async run(_payload, context) {
            ran.push(context.job.id);
            await new Promise((resolve) => setTimeout(resolve, 5));
          },
        };
        const a = runner({ concurrency: 4, workerId: "a" });
        const b = runner({ concurrency: 4, workerId: "b" }, second.db);
        a.register("many", kind);
        b.register("many", kind);
        const ids: string[] = [];
        for (let i = 0; i < 60; i++) ids.push((await jobs.enqueueJob(db(), { kind: "many" })).id);
        await Promise.all([a.start(), b.start()]);
        await waitFor(async () => {
          const done = await jobs.listJobs(db(), {
            unitIds: null,
            kind: "many",
            state: "done",
            limit: 100,
          });
          return done.length === 60;
        });
        expect(ran).toHaveLength(60);
        expect(new Set(ran).size).toBe(60);
        await a.stop();
        await b.stop();
      } finally {
        await second.close();
      }
    },
  );

  it.skipIf(testDatabaseKind !== "postgresql")(
    "parallel claims on separate connections each get a different job (PostgreSQL)",
    async () => {
      const second: Database = await openPostgres(t.url!);
      try {
        for (let i = 0; i < 10; i++) await jobs.enqueueJob(db(), { kind: "race" });
        const claims = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            jobs.claimNextJob(i % 2 ? db() : second.db, ["race"], `worker-${i}`, 60_000),
          ),
        );
        const got = claims.filter((row) => row !== null).map((row) => row!.id);
        expect(got).toHaveLength(10);
        expect(new Set(got).size).toBe(10);
      } finally {
        await second.close();
      }
    },
  );
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
