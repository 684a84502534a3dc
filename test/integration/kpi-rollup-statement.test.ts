import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

/**
 * The rollup statement the dossier triggers run (kpi_rollup_sql, as the last migration touching
 * it left it) classes a finished dossier's working days without calling kpi_working_ordinal():
 * that SQL function cannot be inlined and started an executor per call, 7.6 % of a bulk import's
 * PostgreSQL work (migration 0037). A later migration restating the statement with the calls
 * would bring that cost back; this fails then. (That the figures stay right after imports is
 * kpi-rollups.test.ts's property test.)
 */

let t: TestDatabase;
let db: Executor;

describe(`the rollup statement (${testDatabaseKind})`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
  });
  afterAll(async () => t?.cleanup());

  it("reads the working-day ordinals in its own executor, not through kpi_working_ordinal()", async () => {
    const [row] = await queryRows<{ body: string }>(
      db,
      sql`select prosrc as body from pg_proc
        where oid = 'kpi_rollup_sql(text, text, text, text)'::regprocedure`,
    );
    expect(row!.body).toContain("FROM kpi_working_days w WHERE w.day <= fday");
    expect(row!.body).toContain("FROM kpi_working_days w WHERE w.day <= counted_from");
    expect(row!.body).not.toMatch(/kpi_working_ordinal\s*\(/);
  });
});
