import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Executor } from "./database.ts";

/*
 * Bulk writes through PostgreSQL's COPY, on both drivers, inside a Drizzle transaction.
 *
 * Drizzle has no COPY, so this reaches the transaction's driver client (`session.client`: a
 * node-postgres PoolClient, or the PGlite client's transaction object, pglite-client.ts: its
 * blob crosses to PGlite's worker thread as bytes). The integration tests run the
 * dossier import on both drivers, so a Drizzle upgrade that moves the client fails there.
 */

const COPY_MESSAGE_BYTES = 64 * 1024;

interface PgliteTransaction {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function driverClient(tx: Executor): pg.ClientBase | PgliteTransaction {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Pool || client === undefined || client === null)
    throw new Error("copyRows needs an open transaction");
  if (client instanceof pg.Client) return client;
  if (typeof (client as PgliteTransaction).query === "function") return client as PgliteTransaction;
  throw new Error("copyRows: unknown database driver");
}

/**
 * Copies rows (COPY text format, see CopyBuffer) into `table`. Runs in the caller's
 * transaction; an error (a unique violation, say) leaves the transaction failed as any statement
 * would, so callers wrap it in a savepoint when they want to recover.
 */
export async function copyRows(
  tx: Executor,
  table: string,
  columns: readonly string[],
  data: Uint8Array,
): Promise<void> {
  const client = driverClient(tx);
  const statement = `copy ${table} (${columns.join(", ")}) from`;
  if (client instanceof pg.Client) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`${statement} stdin`));
      stream.on("finish", resolve);
      stream.on("error", reject);
      // In 64 KB messages: one message of megabytes measurably slows the server's COPY.
      for (let at = 0; at < data.length; at += COPY_MESSAGE_BYTES)
        stream.write(data.subarray(at, at + COPY_MESSAGE_BYTES));
      stream.end();
    });
  } else {
    await client.query(`${statement} '/dev/blob'`, [], {
      blob: new Blob([data as Uint8Array<ArrayBuffer>]),
    });
  }
}
