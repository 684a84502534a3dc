/*
 * The embedded database's worker thread (see pglite-client.ts): owns the PGlite instance and runs
 * the statements the server's thread sends, one message each, so PGlite's WASM never holds the
 * server's event loop. Imports PGlite only: this thread loads nothing else of the server.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  messages,
  PGlite,
  TransactionAbortedError,
  type QueryOptions,
  type Results,
  type Transaction,
} from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type {
  PgliteWorkerData,
  SentError,
  SentOptions,
  SentResults,
  ToWorker,
} from "./pglite-client.ts";

const port = parentPort!;
const { dataDir, postgresqlconf, initialiseOnly } = workerData as PgliteWorkerData;

/** A caller's parsers are functions, which cannot cross threads: their types come back as text. */
const asText = (value: string) => value;

function queryOptions(options: SentOptions | undefined): QueryOptions | undefined {
  if (!options) return undefined;
  const { rawTypes, blob, ...rest } = options;
  return {
    ...rest,
    ...(rawTypes ? { parsers: Object.fromEntries(rawTypes.map((oid) => [oid, asText])) } : {}),
    ...(blob ? { blob: new Blob([blob]) } : {}),
  };
}

async function sendable(result: Results): Promise<{ value: SentResults; transfer: ArrayBuffer[] }> {
  const { blob, ...rest } = result;
  if (!blob) return { value: rest, transfer: [] };
  const bytes = await blob.arrayBuffer();
  return { value: { ...rest, blob: bytes }, transfer: [bytes] };
}

function sentError(error: unknown): SentError {
  if (!(error instanceof Error)) return { kind: "error", message: String(error), fields: {} };
  // The error's own fields that are plain values (code, detail, constraint, …); the caller puts
  // back the query, its parameters and options (functions among them) on its side.
  const fields: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(error)) {
    if (["string", "number", "boolean"].includes(typeof value) || value === null)
      fields[key] = value as string | number | boolean | null;
  }
  return {
    kind:
      error instanceof TransactionAbortedError
        ? "transaction-aborted"
        : error instanceof messages.DatabaseError
          ? "database"
          : "error",
    message: error.message,
    stack: error.stack,
    fields,
  };
}

// Creating a new cluster (initdb) grows the WASM heap to ≈ 800 MB, which WASM never gives back:
// the server's thread initialises a new folder in a throwaway worker first (pglite-client.ts).
if (initialiseOnly) {
  const initialiser = new PGlite({ dataDir, postgresqlconf });
  await initialiser.waitReady;
  await initialiser.close();
  port.postMessage({ ready: true });
  port.close();
} else {
  // pg_trgm: the trigram index of the dossier register's name search (migration 0019).
  const pglite = new PGlite({ dataDir, postgresqlconf, extensions: { pg_trgm } });
  try {
    await pglite.waitReady;
    port.postMessage({ ready: true });
  } catch (error) {
    port.postMessage({ ready: false, error: sentError(error) });
    port.close();
  }

  /** Open transactions: PGlite's own transaction object, and how to end its callback. */
  const transactions = new Map<
    number,
    { tx: Transaction; end: (commit: boolean) => void; endId: number | null }
  >();
  let nextTransaction = 1;
  const ROLLBACK = Symbol("rollback");

  const answer = (id: number, value: unknown, transfer: ArrayBuffer[] = []) =>
    port.postMessage({ id, ok: true, value }, transfer);
  const fail = (id: number, error: unknown) =>
    port.postMessage({ id, ok: false, error: sentError(error) });

  /** Starts a transaction (PGlite's, so COMMIT of an aborted one fails as it does there). */
  const begin = (id: number) => {
    const txId = nextTransaction++;
    let started = false;
    const done = pglite.transaction(async (tx) => {
      started = true;
      const commit = await new Promise<boolean>((end) => {
        transactions.set(txId, { tx, end, endId: null });
        answer(id, txId);
      });
      if (!commit) throw ROLLBACK;
    });
    const settle = (error: unknown) => {
      const open = transactions.get(txId);
      transactions.delete(txId);
      if (!started) fail(id, error);
      else if (open?.endId != null) {
        if (error === null || error === ROLLBACK) answer(open.endId, null);
        else fail(open.endId, error);
      }
    };
    done.then(
      () => settle(null),
      (error: unknown) => settle(error),
    );
  };

  const run = async (message: ToWorker) => {
    const { id } = message;
    try {
      switch (message.op) {
        case "query":
        case "exec": {
          const target = message.tx ? transactions.get(message.tx)?.tx : pglite;
          if (!target) throw new Error("Transaction is closed");
          const options = queryOptions(message.options);
          if (message.op === "query") {
            const { value, transfer } = await sendable(
              await target.query(message.text, message.params, options),
            );
            answer(id, value, transfer);
          } else {
            const all = await Promise.all(
              (await target.exec(message.text, options)).map((result) => sendable(result)),
            );
            answer(
              id,
              all.map((one) => one.value),
              all.flatMap((one) => one.transfer),
            );
          }
          return;
        }
        case "begin":
          begin(id);
          return;
        case "rollback": {
          const open = transactions.get(message.tx);
          if (!open) throw new Error("Transaction is closed");
          await open.tx.rollback();
          answer(id, null);
          return;
        }
        case "end": {
          const open = transactions.get(message.tx);
          if (!open) throw new Error("Transaction is closed");
          // Answered when PGlite has committed (or rolled back) the transaction.
          open.endId = id;
          open.end(message.commit);
          return;
        }
        case "close":
          await pglite.close();
          answer(id, null);
          port.close();
          return;
      }
    } catch (error) {
      fail(id, error);
    }
  };
  port.on("message", (message: ToWorker) => void run(message));
}
