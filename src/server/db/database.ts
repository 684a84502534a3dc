import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { LaneQueue, attachLanes, currentTurnRank, lanedPglite } from "./pglite-lanes.ts";
import { PgliteWorkerClient } from "./pglite-client.ts";
import {
  DEFAULT_RESTART_POLICY,
  type RestartPolicy,
  type WorkerLifecycleEvent,
} from "./pglite-restart.ts";
import { multiHostPoolOptions, parseDatabaseUrl } from "./multi-host.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = "pglite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  db: Executor;
  close(): Promise<void>;
  /** PGlite only: the lanes its one connection is handed out through (see pglite-lanes.ts). */
  lanes?: LaneQueue;
  /** PGlite only: whether calls go through now (false while its worker restarts, and once down). */
  available?: () => boolean;
  /** PGlite only: its worker's deaths and restarts (pglite-restart.ts); returns how to stop. */
  onLifecycle?: (listener: (event: WorkerLifecycleEvent) => void) => () => void;
}

/**
 * PostgreSQL settings for the embedded database: keep the write-ahead log small, the trigram
 * indexes' pending lists short, and the buffer cache at 32 MB instead of 128 MB. The buffers live
 * in the WASM heap, which never shrinks: a bulk import touched them all and the server stayed
 * ≈ 120 MB larger for good; the file system cache below serves the rest.
 */
const PGLITE_CONFIG = [
  "shared_buffers = 32MB",
  // A trigram index's new entries wait in its pending list until the list holds this much, then the
  // statement that overflows it moves them all into the index: with the 4 MB default, one import
  // batch or one receipt in about 3,000 held the connection 200–300 ms at a million dossiers.
  "gin_pending_list_limit = 256kB",
  "max_wal_size = 64MB",
  "min_wal_size = 32MB",
  "wal_keep_size = 0",
  // A new 16 MB segment of the write-ahead log is created, not zero-filled: filling it held the
  // connection ≈ 90 ms, paid by whichever commit crossed into it — every 4 to 5 s, most often the
  // public lookup's. The zeros reserve disk space for fsync's sake, and PGlite runs with fsync off.
  "wal_init_zero = off",
];

/**
 * The embedded database in the folder `dataDir` (or `memory://…`). PGlite runs in a worker thread
 * (pglite-client.ts), so no statement holds the server's event loop; everything that opens PGlite
 * (the server, the CLI, the tests, the benches) comes through here. A folder's worker that ends
 * unexpectedly is restarted on the same folder (pglite-restart.ts, `restart` changes the policy);
 * an in-memory database's is not (its data ended with it).
 */
export async function openPglite(
  dataDir: string,
  options: { restart?: Partial<RestartPolicy> } = {},
): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // A new folder is created (initdb) in a throwaway worker first: initdb grows the WASM heap to
  // ≈ 800 MB, which WASM never gives back; the running server stays at ≈ 300–450 MB.
  const client = await PgliteWorkerClient.open(dataDir, PGLITE_CONFIG, {
    initialise: !inMemory && !existsSync(join(dataDir, "PG_VERSION")),
    restart: inMemory ? null : { ...DEFAULT_RESTART_POLICY, ...options.restart },
  });
  // One connection: light work (sessions, public lookups) goes before queued heavy work, jobs
  // after both (pglite-lanes.ts).
  const lanes = new LaneQueue();
  client.onStatement = (ms, text) => lanes.noteStatement(ms, text);
  client.rankOf = currentTurnRank;
  const db = drizzlePglite(lanedPglite(client, lanes) as unknown as PGlite, {
    schema,
  }) as unknown as Executor;
  attachLanes(db, lanes);
  return {
    kind: "pglite",
    db,
    close: () => client.close(),
    lanes,
    available: () => client.available,
    onLifecycle: (listener) => client.onLifecycle(listener),
  };
}

/**
 * How long a request waits for a connection to PostgreSQL before it fails with
 * DATABASE_UNAVAILABLE (a refused connection fails at once; this bounds an unreachable host).
 */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openPostgres(
  connectionString: string,
  options: { onConnectionError?: (error: Error) => void } = {},
): Promise<Database> {
  // Several hosts (h1:p1,h2:p2) or target_session_attrs=read-write: connect to the writable one.
  const parsed = parseDatabaseUrl(connectionString);
  const hostChoice =
    parsed.hosts.length > 1 || parsed.readWrite
      ? multiHostPoolOptions(parsed, CONNECT_TIMEOUT_MS)
      : { connectionString };
  const pool = new pg.Pool({
    ...hostChoice,
    // No JIT compilation: CCHC's statements answer one page or one figure, where compiling
    // costs more than it saves (it was 12 of 22 s of a KPI query on a million dossiers), and a
    // statement that needs no transaction for `set local jit = off` is one round trip.
    options: "-c jit=off",
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle connection that PostgreSQL closes (restart, failover) is reported here; without a
  // listener Node would end the process. The pool drops that connection and opens a new one
  // for the next query, so the server resumes by itself once PostgreSQL is back.
  pool.on("error", (error) => options.onConnectionError?.(error));
  // A connection lent out (inside a transaction, between two queries) is not the pool's to watch:
  // its error would end the process too. The next query on it fails (DATABASE_UNAVAILABLE), the
  // transaction is lost on the server's side, and the pool discards the broken connection.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool, { schema }) as unknown as Executor;
  return { kind: "postgresql", db, close: () => pool.end() };
}

/** Which database an executor (a handle or an open transaction) talks to. */
export function executorKind(exec: Executor): DatabaseKind {
  const client = (exec as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Pool || client instanceof pg.Client ? "postgresql" : "pglite";
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
