import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
