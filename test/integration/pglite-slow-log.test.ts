import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { inLane } from "../../src/server/db/pglite-lanes.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * The embedded database's slow-turn log (CCHC_PGLITE_SLOW_MS): a turn that held the one
 * connection over the threshold is logged with its lane, kind, duration and SQL, never the
 * statement's parameters nor its quoted literals (a citizen's name or phone number).
 */
const phone = "0912 345 678";
const name = "Trần Thị Bích Ngọc";

let t: TestDatabase;
let app: FastifyInstance;
let dataDir: string;
const lines: string[] = [];
const slowTurns = () =>
  lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => String(entry.msg).includes("slow turn"));

describe.skipIf(testDatabaseKind !== "pglite")("the embedded database's slow-turn log", () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), "cchc-test-slow-log-"));
    app = await buildApp({
      database: t.database,
      logLevel: "info",
      logStream: { write: (line: string) => void lines.push(line) },
      webDir: null,
      dataDir,
      // Every turn is slower than a microsecond: each crosses to the worker thread and back.
      pgliteSlowMs: 0.001,
    });
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs a statement's lane, duration and SQL without its parameters or literals", async () => {
    lines.length = 0;
    const rows = await inLane("light", () =>
      queryRows<{ found: string }>(
        t.database.db,
        sql`select ${phone}::text as found, ${sql.raw(`'${name}'`)}::text as literal`,
      ),
    );
    expect(rows[0]!.found).toBe(phone);
    const [turn] = slowTurns().filter((entry) => entry.lane === "light");
    expect(turn).toMatchObject({
      level: 40,
      lane: "light",
      kind: "query",
      statements: 1,
      sql: "select $1::text as found, '…'::text as literal",
    });
    expect(turn!.ms).toEqual(expect.any(Number));
    expect(lines.join("\n")).not.toContain("0912");
    expect(lines.join("\n")).not.toContain("Bích");
  });

  it("logs a transaction as one turn, with its statements and its slowest one", async () => {
    lines.length = 0;
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select ${phone}::text`);
      await tx.execute(sql`select pg_sleep(0.2), ${name}::text`);
    });
    const turns = slowTurns().filter((entry) => entry.kind === "transaction");
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      lane: "normal",
      statements: 2,
      sql: "select pg_sleep(0.2), $1::text",
    });
    expect(turns[0]!.ms as number).toBeGreaterThanOrEqual(turns[0]!.statementMs as number);
    expect(lines.join("\n")).not.toContain("0912");
    expect(lines.join("\n")).not.toContain("Bích");
  });
});
