import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = "pglite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  db: Executor;
  close(): Promise<void>;
}

/**
 * PostgreSQL settings for the embedded database: keep the write-ahead log small, and the buffer
 * cache at 32 MB instead of 128 MB. The buffers live in the WASM heap, which never shrinks: a
 * bulk import touched them all and the server stayed ≈ 120 MB larger for good; the file system
 * cache below serves the rest.
 */
const PGLITE_CONFIG = [
  "shared_buffers = 32MB",
  "max_wal_size = 64MB",
  "min_wal_size = 32MB",
  "wal_keep_size = 0",
];

export async function openPglite(dataDir: string): Promise<Database> {
  // Creating a new cluster (initdb) grows the WASM heap to ≈ 800 MB, which WASM never gives back;
  // initialising in a throwaway instance and reopening leaves the running server at ≈ 300–450 MB.
  if (!dataDir.startsWith("memory://") && !existsSync(join(dataDir, "PG_VERSION"))) {
    const initialiser = new PGlite({ dataDir, postgresqlconf: PGLITE_CONFIG });
    await initialiser.waitReady;
    await initialiser.close();
  }
  const client = new PGlite({ dataDir, postgresqlconf: PGLITE_CONFIG });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Executor;
  return { kind: "pglite", db, close: () => client.close() };
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Executor;
  return { kind: "postgresql", db, close: () => pool.end() };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
