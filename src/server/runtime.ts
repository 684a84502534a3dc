import type { Config } from "./config.ts";
import { openPglite, openPostgres, type Database } from "./db/database.ts";
import { acquireDataFolderLock, type DataFolderLock } from "./db/data-folder-lock.ts";
import { runMigrations } from "./db/migrate.ts";

export interface OpenedDatabase {
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, after taking the folder's exclusive lock. Migrations run on open.
 */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  options: { migrate?: boolean } = {},
): Promise<OpenedDatabase> {
  let lock: DataFolderLock | null = null;
  let database: Database;
  if (config.databaseUrl) {
    database = await openPostgres(config.databaseUrl);
  } else {
    lock = acquireDataFolderLock(config.dataDir);
    try {
      database = await openPglite(`${config.dataDir}/pglite`);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  try {
    if (options.migrate !== false) await runMigrations(database);
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  return {
    database,
    async close() {
      await database.close();
      lock?.release();
    },
  };
}
