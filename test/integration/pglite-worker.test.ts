/**
 * The embedded database runs in a worker thread (src/server/db/pglite-client.ts): a statement
 * never holds the server's event loop, and what crosses between the threads — Drizzle's parsers,
 * PGlite's errors, transactions, a COPY's bytes, the worker's end — behaves as PGlite did on the
 * server's own thread. PGlite only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { messages, TransactionAbortedError } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { acquireDataFolderLock, LOCK_FILE_NAME } from "../../src/server/db/data-folder-lock.ts";
import {
  executorKind,
  openPglite,
  queryRows,
  type Database,
} from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { inLane, type Lane } from "../../src/server/db/pglite-lanes.ts";
import type { WorkerLifecycleEvent } from "../../src/server/db/pglite-restart.ts";
import { openDatabase } from "../../src/server/runtime.ts";
import { copyRows } from "../../src/server/db/copy-rows.ts";
import { isDatabaseUnavailable } from "../../src/server/db/database-errors.ts";
import { PgliteWorkerGoneError } from "../../src/server/db/pglite-client.ts";
import { toAppError } from "../../src/server/http/error-handler.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";
import { ApiClient, startTestApp } from "../support/test-app.ts";

const probes = pgTable("worker_probe", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().unique(),
  at: timestamp("at", { withTimezone: true, mode: "string" }),
  on: date("on"),
});

/** The client under Drizzle (the lanes' view of PgliteWorkerClient). */
const clientOf = (db: unknown) => (db as { $client: { terminate(): Promise<void> } }).$client;

/** The cause Drizzle wraps a driver's error in (DrizzleQueryError), or the error itself. */
const causeOf = (error: unknown) => (error as { cause?: unknown }).cause ?? error;

describe.skipIf(testDatabaseKind !== "pglite")("the embedded database's worker thread", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.database.db.execute(
      sql`create table worker_probe (id int primary key, name text not null unique, at timestamptz, "on" date)`,
    );
  });
  afterAll(() => t.cleanup());

  it("the event loop turns while a long statement runs", async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      ticks += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    // Seconds of WASM: on the server's thread no setImmediate could run until it ended.
    const rows = await queryRows<{ count: number }>(
      t.database.db,
      sql`select count(*)::int as count from generate_series(1, 2000000)`,
    );
    running = false;
    expect(rows[0]!.count).toBe(2_000_000);
    expect(ticks).toBeGreaterThanOrEqual(1);
  });

  it("runs a light statement after the running one only, before statements given it earlier", async () => {
    await t.database.db.execute(sql`create sequence if not exists worker_order`);
    const ordinal = (lane: Lane, work = sql`0`) =>
      inLane(lane, () =>
        queryRows<{ n: number }>(
          t.database.db,
          sql`select nextval('worker_order')::int as n, (${work}) as w`,
        ).then(([row]) => row!.n),
      );
    const long = ordinal("normal", sql`select count(*) from generate_series(1, 300000)`);
    const normal = ordinal("normal");
    const background = ordinal("background");
    const light = ordinal("light");
    const [first, ...rest] = await Promise.all([long, light, normal, background]);
    // In the worker: the long statement and the normal one given beside it; the light one, given
    // beside both, goes before the normal one there; the job's after both.
    expect(rest.map((n) => n - first)).toEqual([1, 2, 3]);
  });

  it("is still PGlite to the code that asks which database it is", () => {
    expect(t.database.kind).toBe("pglite");
    expect(executorKind(t.database.db)).toBe("pglite");
  });

  it("applies Drizzle's parsers on the server's thread: timestamps and dates stay text", async () => {
    const { db } = t.database;
    await db.insert(probes).values({
      id: 1,
      name: "một",
      at: "2026-03-04 05:06:07.123+00",
      on: "2026-03-04",
    });
    const [row] = await db.select().from(probes);
    expect(row).toEqual({
      id: 1,
      name: "một",
      at: "2026-03-04 05:06:07.123+00",
      on: "2026-03-04",
    });
    // Raw SQL (object rows): the same parsers, the text as PostgreSQL writes it.
    const [raw] = await queryRows<{ at: unknown; on: unknown; n: unknown }>(
      db,
      sql`select at, "on", 2::int as n from worker_probe`,
    );
    expect(raw).toEqual({ at: "2026-03-04 05:06:07.123+00", on: "2026-03-04", n: 2 });
    await db.delete(probes);
  });

  it("a unique violation arrives as PGlite's DatabaseError with its fields", async () => {
    const { db } = t.database;
    await db.insert(probes).values({ id: 1, name: "hai" });
    const error = await db
      .insert(probes)
      .values({ id: 2, name: "hai" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    const cause = causeOf(error) as InstanceType<typeof messages.DatabaseError>;
    expect(cause).toBeInstanceOf(messages.DatabaseError);
    expect(cause).toMatchObject({
      code: "23505",
      constraint: "worker_probe_name_key",
      table: "worker_probe",
      schema: "public",
      severity: "ERROR",
      detail: "Key (name)=(hai) already exists.",
    });
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error).code).toBe("INTERNAL_ERROR");
    await db.delete(probes);
  });

  it("a transaction that throws is rolled back: nothing of it is written", async () => {
    const { db } = t.database;
    const failure = new Error("stop");
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(probes).values({ id: 3, name: "ba" });
        await tx.insert(probes).values({ id: 4, name: "bốn" });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await db.select().from(probes)).toEqual([]);
    // A committed one, and a nested one (a savepoint) rolled back inside it.
    await db.transaction(async (tx) => {
      await tx.insert(probes).values({ id: 5, name: "năm" });
      await tx
        .transaction(async (inner) => {
          await inner.insert(probes).values({ id: 6, name: "sáu" });
          throw failure;
        })
        .catch(() => undefined);
    });
    expect((await db.select().from(probes)).map((p) => p.id)).toEqual([5]);
    await db.delete(probes);
  });

  it("COMMIT of a transaction a statement failed in fails as on PGlite (25P02)", async () => {
    const { db } = t.database;
    const error = await db
      .transaction(async (tx) => {
        await tx.insert(probes).values({ id: 7, name: "bảy" });
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TransactionAbortedError);
    expect(error).toMatchObject({ code: "25P02" });
    expect(await db.select().from(probes)).toEqual([]);
  });

  it("copies rows from bytes (COPY … FROM '/dev/blob') inside a transaction", async () => {
    const { db } = t.database;
    const data = new TextEncoder().encode("10\tmười\n11\tmười một\n12\t\\N\n");
    await expect(
      db.transaction((tx) => copyRows(tx, "worker_probe", ["id", "name"], data)),
    ).rejects.toMatchObject({ code: "23502" }); // the third row's name is null
    expect(await db.select().from(probes)).toEqual([]);
    await db.transaction((tx) =>
      copyRows(tx, "worker_probe", ["id", "name"], data.subarray(0, data.indexOf(0x0a, 4) + 1)),
    );
    await db.transaction((tx) =>
      copyRows(tx, "worker_probe", ["id", "name"], new TextEncoder().encode("11\tmười một\n")),
    );
    expect((await db.select().from(probes)).map((p) => [p.id, p.name])).toEqual([
      [10, "mười"],
      [11, "mười một"],
    ]);
    await db.delete(probes);
  });
});

describe.skipIf(testDatabaseKind !== "pglite")("when the worker thread ends", () => {
  it("pending and later queries fail as an unavailable database, never hang", async () => {
    const database = await openPglite("memory://");
    const { db } = database;
    const events: WorkerLifecycleEvent[] = [];
    database.onLifecycle!((event) => events.push(event));
    const pending = queryRows(db, sql`select count(*) from generate_series(1, 20000000)`).then(
      () => null,
      (e: unknown) => e,
    );
    // The statement is in the worker (let the message go), then the worker is gone.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await clientOf(db).terminate();
    const error = await pending;
    expect(causeOf(error)).toBeInstanceOf(PgliteWorkerGoneError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error).code).toBe("DATABASE_UNAVAILABLE");
    const later = await queryRows(db, sql`select 1`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(later)).toBe(true);
    await expect(db.transaction(async () => undefined)).rejects.toBeInstanceOf(
      PgliteWorkerGoneError,
    );
    // In memory, its data ended with the worker: not restarted, and said so.
    expect(events).toEqual([
      expect.objectContaining({ kind: "died", restartInMs: null, staysDown: expect.any(String) }),
    ]);
    expect(database.available!()).toBe(false);
    await database.close();
  });

  it("the server answers 503 DATABASE_UNAVAILABLE and keeps running", async () => {
    const app = await startTestApp({ demo: false });
    try {
      await clientOf(app.db.database.db).terminate();
      const lookup = await app
        .client()
        .get("/api/public/dossiers/000.00.00.H00-260101-0001?phoneLast4=0000");
      expect(lookup.status).toBe(503);
      expect(lookup.body.error.code).toBe("DATABASE_UNAVAILABLE");
      // Health is answered (the database unreachable), and again: the server did not end.
      const health = await app.client().get("/api/health");
      expect(health.status).toBe(503);
      expect((await app.client().get("/api/health")).status).toBe(503);
    } finally {
      await app.close();
    }
  });
});

/** A promise settled from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits for the lifecycle event `kind` (the next one of that kind from now on). */
function nextEvent(database: Database, kind: WorkerLifecycleEvent["kind"]) {
  return new Promise<WorkerLifecycleEvent>((resolve) => {
    const stop = database.onLifecycle!((event) => {
      if (event.kind !== kind) return;
      stop();
      resolve(event);
    });
  });
}

/** The error a call fails with, or null. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (e: unknown) => e,
  );

describe.skipIf(testDatabaseKind !== "pglite")(
  "a data folder's worker that ends is restarted",
  { timeout: 120_000 },
  () => {
    const folders: string[] = [];
    const folder = () => {
      const path = mkdtempSync(join(tmpdir(), "cchc-restart-"));
      folders.push(path);
      return path;
    };
    afterAll(() => {
      for (const path of folders) rmSync(path, { recursive: true, force: true });
    });

    it("fails the calls it was running (08006), then answers with what was committed", async () => {
      const dataDir = folder();
      // As the server opens it: the data folder's lock, then PGlite in dataDir/pglite.
      const opened = await openDatabase({ dataDir, databaseUrl: null }, { migrate: false });
      const { database } = opened;
      const events: WorkerLifecycleEvent[] = [];
      database.onLifecycle!((event) => events.push(event));
      try {
        const { db } = database;
        await db.execute(sql`create table kept (id int primary key)`);
        await db.execute(sql`insert into kept values (1)`);
        const inserted = deferred();
        const killed = deferred();
        // A transaction with a row written, open when the worker ends.
        const transaction = failure(
          db.transaction(async (tx) => {
            await tx.execute(sql`insert into kept values (2)`);
            inserted.resolve();
            await killed.promise;
            await tx.execute(sql`insert into kept values (3)`);
          }),
        );
        await inserted.promise;
        // Queued behind the transaction (one connection): it reaches the client after the death.
        const later = queryRows<{ id: number }>(db, sql`select id from kept order by id`);
        const restarted = nextEvent(database, "restarted");
        await clientOf(db).terminate();
        killed.resolve();
        const error = await transaction;
        expect(causeOf(error)).toBeInstanceOf(PgliteWorkerGoneError);
        expect(isDatabaseUnavailable(error)).toBe(true);
        // The later call waited for the new worker: the committed row, not the lost one.
        expect((await later).map((row) => row.id)).toEqual([1]);
        await restarted;
        expect(database.available!()).toBe(true);
        expect(events.map((event) => event.kind)).toEqual(["died", "restarting", "restarted"]);
        expect(events[0]).toMatchObject({ restartInMs: 500, attempt: 1 });
        // Writes go on in the new worker.
        await db.execute(sql`insert into kept values (4)`);
        expect(
          (await queryRows<{ id: number }>(db, sql`select id from kept order by id`)).map(
            (row) => row.id,
          ),
        ).toEqual([1, 4]);
        // The folder's lock stayed this process's throughout.
        expect(readFileSync(join(dataDir, LOCK_FILE_NAME), "utf8").split("\n")[0]).toBe(
          String(process.pid),
        );
        expect(() => acquireDataFolderLock(dataDir)).toThrow(
          expect.objectContaining({ code: "DATA_FOLDER_LOCKED" }),
        );
      } finally {
        await opened.close();
      }
      expect(events.map((event) => event.kind)).toEqual(["died", "restarting", "restarted"]);
    });

    it("the server answers 503 while it restarts, 200 once it is back, and logs both", async () => {
      const gate = deferred();
      const database = await openPglite(join(folder(), "pglite"), {
        // Calls fail at once while it is down (no wait), and the restart waits for the test.
        restart: { waitMs: 0, beforeRestart: () => gate.promise },
      });
      await runMigrations(database);
      const lines: string[] = [];
      const app = await buildApp({
        database,
        logLevel: "info",
        logStream: { write: (line: string) => void lines.push(line) },
        webDir: null,
        dataDir: folder(),
      });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const client = new ApiClient(
        `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
      );
      try {
        expect((await client.get("/api/health")).status).toBe(200);
        const died = nextEvent(database, "died");
        await clientOf(database.db).terminate();
        await died;
        const health = await client.get("/api/health");
        expect(health.status).toBe(503);
        expect(health.body.error.code).toBe("DATABASE_UNAVAILABLE");
        const lookup = await client.get(
          "/api/public/dossiers/000.00.00.H00-260101-0001?phoneLast4=0000",
        );
        expect(lookup.status).toBe(503);
        expect(lookup.body.error.code).toBe("DATABASE_UNAVAILABLE");
        const restarted = nextEvent(database, "restarted");
        gate.resolve();
        await restarted;
        expect((await client.get("/api/health")).status).toBe(200);
        expect(
          (await client.get("/api/public/dossiers/000.00.00.H00-260101-0001?phoneLast4=0000"))
            .status,
        ).not.toBe(503);
        const logged = lines.map((line) => JSON.parse(line) as { level: number; event?: string });
        expect(
          logged
            .filter((line) => line.event?.startsWith("pglite."))
            .map((line) => [line.event, line.level]),
        ).toEqual([
          ["pglite.died", 50],
          ["pglite.restarting", 40],
          ["pglite.restarted", 40],
        ]);
      } finally {
        await app.close();
        await database.close();
      }
    });

    it("tells its first listener of a death and restart that came before anyone listened", async () => {
      const opened = await openDatabase(
        { dataDir: folder(), databaseUrl: null },
        { migrate: false },
      );
      const { database } = opened;
      try {
        const { db } = database;
        // As during the server's start: the worker dies before the server's log listens.
        await clientOf(db).terminate();
        // A call waits for the new worker.
        expect(await queryRows<{ one: number }>(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
        const first: WorkerLifecycleEvent[] = [];
        database.onLifecycle!((event) => first.push(event));
        expect(first.map((event) => event.kind)).toEqual(["died", "restarting", "restarted"]);
        // Told once: a later listener hears only what comes after it.
        const second: WorkerLifecycleEvent[] = [];
        database.onLifecycle!((event) => second.push(event));
        expect(second).toEqual([]);
      } finally {
        await opened.close();
      }
    });

    it("close() never restarts it, even while a restart is planned", async () => {
      const dataDir = join(folder(), "pglite");
      const events: WorkerLifecycleEvent[] = [];
      const first = await openPglite(dataDir);
      first.onLifecycle!((event) => events.push(event));
      await first.db.execute(sql`create table kept (id int primary key)`);
      await first.db.execute(sql`insert into kept values (1)`);
      await first.close();
      expect(events).toEqual([]);
      expect(first.available!()).toBe(false);
      expect(causeOf(await failure(queryRows(first.db, sql`select 1`)))).toBeInstanceOf(
        PgliteWorkerGoneError,
      );

      // Closed when its restart is due: the restart is called off.
      const gate = deferred();
      const due = deferred();
      const second = await openPglite(dataDir, {
        restart: {
          firstDelayMs: 1,
          beforeRestart: () => {
            due.resolve();
            return gate.promise;
          },
        },
      });
      second.onLifecycle!((event) => events.push(event));
      await clientOf(second.db).terminate();
      await due.promise;
      await second.close();
      // Had the restart gone on, it would have announced its new worker by now.
      gate.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      expect(events.map((event) => event.kind)).toEqual(["died"]);
      expect(second.available!()).toBe(false);
      expect(causeOf(await failure(queryRows(second.db, sql`select 1`)))).toBeInstanceOf(
        PgliteWorkerGoneError,
      );
      // The folder opens again, with its row.
      const third = await openPglite(dataDir);
      try {
        expect(await queryRows(third.db, sql`select id from kept`)).toEqual([{ id: 1 }]);
      } finally {
        await third.close();
      }
    });

    it("stays down after its restart limit, and when a new worker cannot open the folder", async () => {
      const dataDir = join(folder(), "pglite");
      const database = await openPglite(dataDir, { restart: { limit: 1, firstDelayMs: 1 } });
      const events: WorkerLifecycleEvent[] = [];
      database.onLifecycle!((event) => events.push(event));
      const restarted = nextEvent(database, "restarted");
      await clientOf(database.db).terminate();
      await restarted;
      expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
      // The second death within the window: not restarted.
      const died = nextEvent(database, "died");
      await clientOf(database.db).terminate();
      expect(await died).toMatchObject({ restartInMs: null, staysDown: "1 restarts within 600 s" });
      expect(database.available!()).toBe(false);
      const error = await failure(queryRows(database.db, sql`select 1`));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(events.map((event) => event.kind)).toEqual([
        "died",
        "restarting",
        "restarted",
        "died",
      ]);
      await database.close();

      // A folder damaged while the worker was down: every new worker fails to open it, three
      // attempts, then down.
      const gate = deferred();
      const damaged = await openPglite(dataDir, {
        restart: { limit: 3, firstDelayMs: 1, beforeRestart: () => gate.promise },
      });
      const seen: WorkerLifecycleEvent[] = [];
      const gaveUp = new Promise<void>((resolve) =>
        damaged.onLifecycle!((event) => {
          seen.push(event);
          if ("restartInMs" in event && event.restartInMs === null) resolve();
        }),
      );
      const down = nextEvent(damaged, "died");
      await clientOf(damaged.db).terminate();
      await down;
      writeFileSync(join(dataDir, "global", "pg_control"), Buffer.alloc(8192, 0xff));
      gate.resolve();
      await gaveUp;
      expect(
        seen.map((event) => [event.kind, "restartInMs" in event && event.restartInMs === null]),
      ).toEqual([
        ["died", false],
        ["restarting", false],
        ["restart-failed", false],
        ["restarting", false],
        ["restart-failed", false],
        ["restarting", false],
        ["restart-failed", true],
      ]);
      expect(isDatabaseUnavailable(await failure(queryRows(damaged.db, sql`select 1`)))).toBe(true);
      await damaged.close();
    });

    it("ends a new worker that does not open the folder in time, and tries again", async () => {
      const dataDir = join(folder(), "pglite");
      // No worker opens PGlite within a millisecond (its WASM alone takes longer): each attempt
      // is ended at its deadline, which is what a recovery that hangs gets.
      const database = await openPglite(dataDir, {
        restart: { limit: 2, firstDelayMs: 1, openMs: 1 },
      });
      const seen: WorkerLifecycleEvent[] = [];
      const gaveUp = new Promise<void>((resolve) =>
        database.onLifecycle!((event) => {
          seen.push(event);
          if ("restartInMs" in event && event.restartInMs === null) resolve();
        }),
      );
      await clientOf(database.db).terminate();
      await gaveUp;
      expect(seen.map((event) => event.kind)).toEqual([
        "died",
        "restarting",
        "restart-failed",
        "restarting",
        "restart-failed",
      ]);
      expect(seen[2]).toMatchObject({ reason: "it did not open the database within 0.001 s" });
      expect(isDatabaseUnavailable(await failure(queryRows(database.db, sql`select 1`)))).toBe(
        true,
      );
      await database.close();
      // The folder itself was fine: with time to open, it answers with what was committed.
      const again = await openPglite(dataDir);
      expect(await queryRows(again.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
      await again.close();
    });
  },
);
