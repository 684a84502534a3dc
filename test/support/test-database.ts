import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPglite, openPostgres, type Database } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";

export interface TestDatabase {
  database: Database;
  /** Connection string of the throwaway PostgreSQL database, or null on PGlite. */
  url: string | null;
  cleanup(): Promise<void>;
}

/** Which database the integration suite runs against: PGlite unless TEST_DATABASE_URL is set. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";

function withDatabaseName(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database per test file: an in-memory PGlite, or a new database created on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(
  /** Another folder of migrations (e.g. only the first ones, to test a later one's data move). */
  migrationsFolder?: string,
): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openPglite("memory://");
    await runMigrations(database, migrationsFolder);
    return { database, url: null, cleanup: () => database.close() };
  }
  const name = `cchc_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabaseName(serverUrl, name);
  const database = await openPostgres(url);
  await runMigrations(database, migrationsFolder);
  return {
    database,
    url,
    async cleanup() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
