import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Executor } from "../../db/database.ts";
import { runMigrations } from "../../db/migrate.ts";
import { AppError } from "../../errors.ts";
import { openDatabase } from "../../runtime.ts";
import { fileOfEntry, tableOfEntry, type BackupManifest } from "./backup-format.ts";
import {
  addForeignKeys,
  dropForeignKeys,
  isEmpty,
  listForeignKeys,
  listTables,
  resetSequences,
  setUserTriggers,
  TableLoader,
  truncateTables,
} from "./database-tables.ts";
import { appliedMigrationCount, migrationsFolderUpTo } from "./migration-level.ts";
import { backupLimits, verifyBackup } from "./verify-backup.ts";
import { readZip } from "./zip-reader.ts";

const BATCH_ROWS = 1000;

export interface RestoreOptions {
  /** Replace the data of a database that already holds some (same schema version only). */
  replace?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  files: number;
}

/**
 * Restores a verified backup into the configured database and data folder. The archive is read
 * in full and checked before anything is touched; the rows are loaded in one transaction (a
 * failure leaves the database as it was); files land in the data folder only after the commit.
 * An archive from an older version is loaded into the schema it was taken from, then migrated.
 */
export async function restoreBackup(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  path: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const manifest = await verifyBackup(path);
  const staging = join(config.dataDir, `.restore-${process.pid}`);
  let result: RestoreResult;
  const opened = await openDatabase(config, { migrate: false });
  try {
    await prepareSchema(opened.database.db, opened.database, manifest, options);
    await rm(staging, { recursive: true, force: true });
    result = await opened.database.db.transaction((tx) =>
      loadArchive(tx, path, manifest, staging, options),
    );
    await runMigrations(opened.database);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await opened.close();
  }
  await moveStagedFiles(staging, config.dataDir, manifest);
  return result;
}

async function prepareSchema(
  exec: Executor,
  database: Parameters<typeof runMigrations>[0],
  manifest: BackupManifest,
  options: RestoreOptions,
) {
  const level = manifest.migrations.length;
  const applied = await appliedMigrationCount(exec);
  const empty = await isEmpty(exec, await listTables(exec));
  if (!empty) {
    if (!options.replace) throw new AppError("BACKUP_TARGET_NOT_EMPTY");
    if (applied !== level) throw new AppError("BACKUP_REPLACE_VERSION_MISMATCH");
    return;
  }
  if (applied > level) {
    // An empty database of a newer schema: rebuild it at the archive's level.
    await exec.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    await exec.execute(sql`DROP SCHEMA public CASCADE`);
    await exec.execute(sql`CREATE SCHEMA public`);
  }
  const migrations = await migrationsFolderUpTo(level);
  try {
    await runMigrations(database, migrations.folder);
  } finally {
    await migrations.remove();
  }
}

async function loadArchive(
  tx: Executor,
  path: string,
  manifest: BackupManifest,
  staging: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const tables = await listTables(tx);
  const keys = await listForeignKeys(tx);
  await dropForeignKeys(tx, keys);
  await setUserTriggers(tx, tables, false);
  if (options.replace) await truncateTables(tx, tables);

  const loader = new TableLoader(tx);
  const pending: { table: string; lines: string[] }[] = [];
  const rowsLoaded = new Map<string, number>();
  const decoders = new Map<string, { decoder: TextDecoder; rest: string }>();
  const known = new Set(tables);
  let openFile: number | null = null;
  let files = 0;

  const handler = {
    start(name: string) {
      const table = tableOfEntry(name);
      if (table !== null) {
        if (!known.has(table))
          throw new AppError("BACKUP_DAMAGED", { params: { reason: `bảng lạ ${table}` } });
        decoders.set(name, { decoder: new TextDecoder(), rest: "" });
        return true;
      }
      const file = fileOfEntry(name);
      if (file === null) return false;
      const target = join(staging, ...file.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      openFile = openSync(target, "w");
      files += 1;
      return true;
    },
    data(name: string, chunk: Uint8Array, final: boolean) {
      const table = tableOfEntry(name);
      if (table === null) {
        if (openFile === null) return;
        writeSync(openFile, chunk);
        if (final) {
          closeSync(openFile);
          openFile = null;
        }
        return;
      }
      const state = decoders.get(name)!;
      const text = state.rest + state.decoder.decode(chunk, { stream: !final });
      const lines = text.split("\n");
      state.rest = final ? "" : (lines.pop() ?? "");
      const rows = lines.filter((line) => line.length > 0);
      if (rows.length > 0) pending.push({ table, lines: rows });
    },
  };

  const flush = async () => {
    while (pending.length > 0) {
      const { table, lines } = pending.shift()!;
      for (let start = 0; start < lines.length; start += BATCH_ROWS) {
        await loader.insert(table, lines.slice(start, start + BATCH_ROWS));
      }
      rowsLoaded.set(table, (rowsLoaded.get(table) ?? 0) + lines.length);
    }
  };

  try {
    await readZip(path, handler, await backupLimits(path), flush);
  } finally {
    if (openFile !== null) closeSync(openFile);
  }
  for (const table of manifest.tables) {
    if ((rowsLoaded.get(table.name) ?? 0) !== table.rows)
      throw new AppError("BACKUP_DAMAGED", {
        params: {
          reason: `bảng ${table.name} có ${rowsLoaded.get(table.name) ?? 0}/${table.rows} dòng`,
        },
      });
  }
  await resetSequences(tx);
  await setUserTriggers(tx, tables, true);
  await addForeignKeys(tx, keys);
  const rows = [...rowsLoaded.values()].reduce((sum, n) => sum + n, 0);
  return { manifest, tables: manifest.tables.length, rows, files };
}

async function moveStagedFiles(staging: string, dataDir: string, manifest: BackupManifest) {
  for (const entry of manifest.entries) {
    const file = fileOfEntry(entry.path);
    if (file === null) continue;
    const from = join(staging, ...file.split("/"));
    const to = join(dataDir, ...file.split("/"));
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  }
  await rm(staging, { recursive: true, force: true });
}
