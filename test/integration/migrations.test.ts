import { sql } from "drizzle-orm";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { MIGRATIONS_FOLDER, runMigrations } from "../../src/server/db/migrate.ts";
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

describe(`migrations on ${testDatabaseKind}`, () => {
  it("creates every table and records every migration", async () => {
    const tables = await queryRows<{ table_name: string }>(
      t.database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "agencies",
        "audit_events",
        "sessions",
        "system_settings",
        "units",
        "user_roles",
        "users",
      ]),
    );
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));
    const [applied] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied!.n).toBe(files.length);
  });

  it("is idempotent", async () => {
    await runMigrations(t.database);
    const [applied] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied!.n).toBe(
      readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql")).length,
    );
  });

  it("enforces the hierarchy's constraints", async () => {
    await expect(
      t.database.db.execute(sql`insert into units (code, name, level) values ('z', 'Z', 'planet')`),
    ).rejects.toThrow();
  });
});
