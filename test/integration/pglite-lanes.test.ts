import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { inLane, lanesOf } from "../../src/server/db/pglite-lanes.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.cleanup());

/** Resolves once `check` holds, looking after each turn of the event loop. */
async function until(check: () => boolean) {
  for (let i = 0; i < 10_000 && !check(); i += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

// The lanes exist on the embedded database only: PostgreSQL has a pool of connections.
describe.skipIf(testDatabaseKind !== "pglite")("the embedded database's lanes", () => {
  it("a light query asked while heavier ones wait for the connection goes first", async () => {
    const { db, lanes } = t.database;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    // A transaction holds the one connection until it ends.
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await released;
      order.push("transaction");
    });
    await until(() => lanes!.stats.granted.normal > 0);
    const ask = (label: string) =>
      queryRows<{ label: string }>(db, sql`select ${label}::text as label`).then((rows) => {
        order.push(rows[0]!.label);
      });
    // Normal work before background: a background waiter past its patience goes before normal
    // work that came after it only, so the order below holds however slow the machine is.
    const waiting = [
      ask("normal"),
      inLane("background", () => ask("background")),
      inLane("light", () => ask("light")),
    ];
    await until(() => lanes!.queued.light === 1 && lanes!.queued.background === 1);
    expect(order).toEqual([]);
    release();
    await Promise.all([holder, ...waiting]);
    expect(order).toEqual(["transaction", "light", "normal", "background"]);
  });

  it("the database handle tells its lanes (a bulk import sizes its batches by their traffic)", () => {
    expect(lanesOf(t.database.db)).toBe(t.database.lanes);
  });

  it("a transaction's own statements do not queue behind waiting work", async () => {
    const { db, lanes } = t.database;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const outside = db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table lane_probe (n int)`);
      await released;
      // Several statements inside, while other work waits for the connection.
      for (let n = 0; n < 5; n += 1) await tx.execute(sql`insert into lane_probe values (${n})`);
      return queryRows<{ count: number }>(tx, sql`select count(*)::int as count from lane_probe`);
    });
    const waiting = inLane("light", () => queryRows(db, sql`select 1 as one`));
    await until(() => lanes!.queued.light === 1);
    release();
    const [rows] = await Promise.all([outside, waiting]);
    expect(rows[0]!.count).toBe(5);
  });
});
