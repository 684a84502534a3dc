import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS_FOLDER } from "../../src/server/db/migrate.ts";

interface Journal {
  entries: { tag: string }[];
}

/**
 * A copy of the migrations folder that stops before the migration whose tag is `tag` or ends with
 * `_<tag>`: a database made with it holds data as older versions wrote it, for a migration's test
 * to run the rest on. The caller removes the folder.
 */
export function migrationsBefore(tag: string): string {
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
