import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/database.ts";
import { MIGRATIONS_FOLDER } from "../../db/migrate.ts";

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

async function readJournal(folder = MIGRATIONS_FOLDER): Promise<Journal> {
  return JSON.parse(await readFile(join(folder, "meta", "_journal.json"), "utf8")) as Journal;
}

/** The migration tags this version of CCHC knows, in order. */
export async function knownMigrations(): Promise<string[]> {
  return (await readJournal()).entries.map((entry) => entry.tag);
}

/** How many migrations the database has applied (drizzle's own bookkeeping table). */
export async function appliedMigrationCount(exec: Executor): Promise<number> {
  const [exists] = await queryRows<{ found: boolean }>(
    exec,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS found`,
  );
  if (!exists?.found) return 0;
  const [row] = await queryRows<{ count: number }>(
    exec,
    sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}

/**
 * A copy of the migrations folder whose journal stops after `count` migrations, to build the
 * schema an older archive was taken from before loading it and migrating the rest.
 */
export async function migrationsFolderUpTo(count: number): Promise<{
  folder: string;
  remove(): Promise<void>;
}> {
  const folder = await mkdtemp(join(tmpdir(), "cchc-migrations-"));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journal = await readJournal(folder);
  journal.entries = journal.entries.slice(0, count);
  await writeFile(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}
