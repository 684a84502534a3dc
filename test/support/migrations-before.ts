import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Executor } from "../../src/server/db/database.ts";
import { MIGRATIONS_FOLDER } from "../../src/server/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

interface Journal {
  entries: { tag: string }[];
}

/**
 * A test database (createTestDatabase) migrated up to, not including, the migration whose tag is
 * `tag` or ends with `_<tag>`: it holds data as older versions wrote it, for a migration's test to
 * run the rest on (`runMigrations`).
 */
export async function testDatabaseBefore(tag: string): Promise<TestDatabase> {
  const folder = migrationsBefore(tag);
  try {
    return await createTestDatabase(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A copy of the migrations folder without `tag` and the migrations after it. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as Journal;
  const index = journal.entries.findIndex(
    (entry) => entry.tag === tag || entry.tag.endsWith(`_${tag}`),
  );
  if (index <= 0) throw new Error(`no migration ${tag} after the first`);
  const folder = mkdtempSync(join(tmpdir(), "cchc-migrations-"));
  mkdirSync(join(folder, "meta"));
  const entries = journal.entries.slice(0, index);
  for (const entry of entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

/**
 * A commune and one of its procedures, written with the columns every migration since the first
 * has (the factories write today's), for a migration test's older data.
 */
export async function insertCommuneWithProcedure(
  db: Executor,
  commune: { id: string; code: string; name: string },
  procedure: { id: string; code: string; name: string },
): Promise<void> {
  await db.execute(sql`insert into units (id, code, name, level)
    values (${commune.id}, ${commune.code}, ${commune.name}, 'commune')`);
  await db.execute(sql`insert into procedures (id, unit_id, code, name, field, processing_days)
    values (${procedure.id}, ${commune.id}, ${procedure.code}, ${procedure.name}, 'Hộ tịch', 3)`);
}
