import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/database.ts";
import { AppError } from "../../errors.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  FILE_ENTRY_PREFIX,
  MANIFEST_ENTRY,
  tableEntryPath,
  type BackupManifest,
} from "./backup-format.ts";
import { listDataFiles, readDataFile } from "./data-files.ts";
import { listTables, tableLines } from "./database-tables.ts";
import { appliedMigrationCount, knownMigrations } from "./migration-level.ts";
import { ZipWriter, type WrittenEntry } from "./zip-writer.ts";

export async function appVersion(): Promise<string> {
  const url = new URL("../../../../package.json", import.meta.url);
  return (JSON.parse(await readFile(url, "utf8")) as { version: string }).version;
}

const encoder = new TextEncoder();

async function* jsonLines(batches: AsyncIterable<string[]>, count: { rows: number }) {
  for await (const lines of batches) {
    count.rows += lines.length;
    yield encoder.encode(`${lines.join("\n")}\n`);
  }
}

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
}

/**
 * Writes a consistent backup: every table read in one repeatable-read snapshot, then the data
 * folder's files, then a manifest with the SHA-256 of every entry. A failed backup leaves no file.
 */
export async function createBackup(
  database: Database,
  dataDir: string,
  path: string,
  now: Date = new Date(),
): Promise<BackupResult> {
  if (existsSync(path)) throw new AppError("BACKUP_FILE_EXISTS", { params: { path } });
  const writer = new ZipWriter(path);
  try {
    const entries: WrittenEntry[] = [];
    const tables: BackupManifest["tables"] = [];
    const migrations = (await knownMigrations()).slice(0, await appliedMigrationCount(database.db));
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
      for (const table of await listTables(tx)) {
        const count = { rows: 0 };
        entries.push(
          await writer.add(tableEntryPath(table), jsonLines(tableLines(tx, table), count)),
        );
        tables.push({ name: table, rows: count.rows });
      }
    });
    for (const file of await listDataFiles(dataDir)) {
      entries.push(await writer.add(`${FILE_ENTRY_PREFIX}${file}`, readDataFile(dataDir, file)));
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: await appVersion(),
      createdAt: now.toISOString(),
      sourceDatabase: database.kind,
      migrations,
      tables,
      entries,
    };
    await writer.add(MANIFEST_ENTRY, [encoder.encode(JSON.stringify(manifest, null, 2))]);
    await writer.close();
    return { path, manifest };
  } catch (error) {
    writer.abort();
    await rm(path, { force: true });
    throw error;
  }
}
