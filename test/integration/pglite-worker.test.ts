/**
 * The embedded database runs in a worker thread (src/server/db/pglite-client.ts): a statement
 * never holds the server's event loop, and what crosses between the threads — Drizzle's parsers,
 * PGlite's errors, transactions, a COPY's bytes, the worker's end — behaves as PGlite did on the
 * server's own thread. PGlite only.
 */
import { sql } from "drizzle-orm";
import { date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { messages, TransactionAbortedError } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executorKind, openPglite, queryRows } from "../../src/server/db/database.ts";
import { copyRows } from "../../src/server/db/copy-rows.ts";
import { isDatabaseUnavailable } from "../../src/server/db/database-errors.ts";
import { PgliteWorkerGoneError } from "../../src/server/db/pglite-client.ts";
import { toAppError } from "../../src/server/http/error-handler.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";
import { startTestApp } from "../support/test-app.ts";

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
