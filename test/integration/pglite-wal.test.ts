/**
 * The embedded database's write-ahead log: a new segment is created, not zero-filled (a commit
 * crossing into one paid ≈ 90 ms for the zeros), and the checkpointer (operations/checkpoint)
 * checkpoints once enough log was written — PGlite, single-user, never does by itself until closed.
 * PGlite only: PostgreSQL's own checkpointer does this on a server.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { openPglite, queryRows, type Database } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { inLane } from "../../src/server/db/pglite-lanes.ts";
import { checkpointThresholds } from "../../src/server/operations/checkpoint/checkpoint-due.ts";
import {
  startCheckpointer,
  walBytesSinceCheckpoint,
  type Checkpointer,
} from "../../src/server/operations/checkpoint/checkpointer.ts";
import { testDatabaseKind } from "../support/test-database.ts";

const MB = 1024 * 1024;
const SEGMENT = 16 * MB;
const quietLog = { info: () => undefined, warn: () => undefined };

/** About a megabyte of write-ahead log: a thousand rows of a kilobyte. */
const writeAMegabyte = (database: Database) =>
  database.db.execute(
    sql`insert into wal_probe select repeat(md5(g::text), 32) from generate_series(1, 1000) g`,
  );

async function writeLog(database: Database, bytes: number) {
  const until = (await walBytesSinceCheckpoint(database.db)) + bytes;
  while ((await walBytesSinceCheckpoint(database.db)) < until) await writeAMegabyte(database);
}

/** The segment the log is being written into, and how far into it. */
async function currentSegment(database: Database) {
  const [row] = await queryRows<{ name: string; offset: number }>(
    database.db,
    sql`select file_name as name, file_offset::int as offset
        from pg_walfile_name_offset(pg_current_wal_insert_lsn())`,
  );
  return row!;
}

describe.skipIf(testDatabaseKind !== "pglite")("the embedded database's write-ahead log", () => {
  let folder: string;
  let dataDir: string;
  let database: Database;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "cchc-wal-"));
    dataDir = join(folder, "pglite");
    database = await openPglite(dataDir);
    await database.db.execute(sql`create table wal_probe (v text)`);
  });
  afterAll(async () => {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("a new segment is created, not filled with 16 MB of zeros", async () => {
    const first = await currentSegment(database);
    let now = first;
    while (now.name === first.name) {
      await writeAMegabyte(database);
      now = await currentSegment(database);
    }
    expect(now.offset).toBeLessThan(4 * MB);
    // Zero-filled, the file would hold all 16 MB on disk at once.
    const allocated = statSync(join(dataDir, "pg_wal", now.name)).blocks * 512;
    expect(allocated).toBeLessThan(SEGMENT / 2);
  });

  describe("the checkpointer", () => {
    let quiet = true;
    let checkpointer: Checkpointer;
    beforeAll(async () => {
      await database.db.execute(sql`checkpoint`);
      checkpointer = startCheckpointer(database.db, {
        thresholds: checkpointThresholds(2),
        isQuiet: () => quiet,
        log: quietLog,
        // Its own timer stays out of the way: the test calls tick().
        everyMs: 3_600_000,
      });
    });
    afterAll(() => checkpointer.stop());

    it("leaves a log below its size alone, quiet or not", async () => {
      quiet = true;
      await writeAMegabyte(database);
      const tick = await checkpointer.tick();
      expect(tick.checkpointed).toBe(false);
      expect(tick.walBytes).toBeGreaterThan(0);
    });

    it("checkpoints 2 MB of log when no request is using the database, not while one is", async () => {
      await writeLog(database, 2 * MB);
      quiet = false;
      expect((await checkpointer.tick()).checkpointed).toBe(false);
      expect(await walBytesSinceCheckpoint(database.db)).toBeGreaterThanOrEqual(2 * MB);
      quiet = true;
      const tick = await checkpointer.tick();
      expect(tick).toMatchObject({ checkpointed: true });
      expect(tick.walBytes).toBeGreaterThanOrEqual(2 * MB);
      expect(await walBytesSinceCheckpoint(database.db)).toBeLessThan(MB / 4);
    });

    it("checkpoints sixteen times as much however busy, and the old segments do not pile up", async () => {
      quiet = false;
      const segments = () =>
        readdirSync(join(dataDir, "pg_wal")).filter((f) => /^[0-9A-F]{24}$/.test(f));
      const before = segments().length;
      const first = await currentSegment(database);
      for (let round = 0; round < 3; round += 1) {
        await writeLog(database, 32 * MB);
        expect((await checkpointer.tick()).checkpointed).toBe(true);
        expect(await walBytesSinceCheckpoint(database.db)).toBeLessThan(MB / 4);
      }
      const written =
        parseInt((await currentSegment(database)).name.slice(16), 16) -
        parseInt(first.name.slice(16), 16);
      // Six segments and more written; those before each checkpoint removed or reused.
      expect(written).toBeGreaterThanOrEqual(6);
      expect(segments().length).toBeLessThan(before + written);
    });
  });
});

describe.skipIf(testDatabaseKind !== "pglite")("the server's checkpointer", () => {
  it("checkpoints by itself once the log has grown past CCHC_CHECKPOINT_WAL_MB", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cchc-wal-app-"));
    const database = await openPglite(join(folder, "pglite"));
    try {
      await runMigrations(database);
      await database.db.execute(sql`create table wal_probe (v text)`);
      await database.db.execute(sql`checkpoint`);
      const app = await buildApp({
        database,
        logLevel: "silent",
        webDir: null,
        dataDir: folder,
        checkpoint: { walMb: 1, everyMs: 50 },
      });
      try {
        await writeLog(database, 2 * MB);
        // Looked at in the background lane: a request's turn would keep the database busy.
        await vi.waitFor(
          async () =>
            expect(
              await inLane("background", () => walBytesSinceCheckpoint(database.db)),
            ).toBeLessThan(MB),
          { timeout: 30_000, interval: 100 },
        );
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
