/*
 * The embedded database's worker thread (see pglite-client.ts): owns the PGlite instance and runs
 * the statements the server's thread sends, one message each, so PGlite's WASM never holds the
 * server's event loop. Imports PGlite only: this thread loads nothing else of the server.
 *
 * Plain JavaScript, not TypeScript through tsx as the parse worker: registering tsx in this thread
 * starts its own module-hooks thread, which cost the server 70–80 MB of RSS for good (measured
 * with the 100,000-dossier import: idle 478–509 MB with tsx here, 397 MB without, main 381–414 MB).
 * The messages' types are in pglite-client.ts (ToWorker, SentOptions, SentResults, SentError);
 * the integration tests (test/integration/pglite-worker.test.ts and every PGlite run) hold it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { messages, PGlite, TransactionAbortedError } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @type {import("./pglite-client.ts").PgliteWorkerData} */
const { dataDir, postgresqlconf, initialiseOnly, pgliteWasmModule, initdbWasmModule } = workerData;

/** A caller's parsers are functions, which cannot cross threads: their types come back as text. */
const asText = (/** @type {string} */ value) => value;

/** @param {import("./pglite-client.ts").SentOptions | undefined} options */
function queryOptions(options) {
  if (!options) return undefined;
  const { rawTypes, blob, ...rest } = options;
  return {
    ...rest,
    ...(rawTypes ? { parsers: Object.fromEntries(rawTypes.map((oid) => [oid, asText])) } : {}),
    ...(blob ? { blob: new Blob([blob]) } : {}),
  };
}

/** A result as sent: its blob (COPY … TO '/dev/blob') as bytes, transferred. */
async function sendable(/** @type {import("@electric-sql/pglite").Results} */ result) {
  const { blob, ...rest } = result;
  if (!blob) return { value: rest, transfer: /** @type {ArrayBuffer[]} */ ([]) };
  const bytes = await blob.arrayBuffer();
  return { value: { ...rest, blob: bytes }, transfer: [bytes] };
}

/** @returns {import("./pglite-client.ts").SentError} */
function sentError(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return { kind: "error", message: String(error), fields: {} };
  // The error's own fields that are plain values (code, detail, constraint, …); the caller puts
  // back the query, its parameters and options (functions among them) on its side.
  /** @type {Record<string, string | number | boolean | null>} */
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (["string", "number", "boolean"].includes(typeof value) || value === null)
      fields[key] = value;
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
  const initialiser = new PGlite({ dataDir, postgresqlconf, pgliteWasmModule, initdbWasmModule });
  await initialiser.waitReady;
  await initialiser.close();
  port.postMessage({ ready: true });
  port.close();
} else {
  // pg_trgm: the trigram index of the dossier register's name search (migration 0019).
  const pglite = new PGlite({
    dataDir,
    postgresqlconf,
    pgliteWasmModule,
    initdbWasmModule,
    extensions: { pg_trgm },
  });
  try {
    await pglite.waitReady;
    port.postMessage({ ready: true });
  } catch (error) {
    port.postMessage({ ready: false, error: sentError(error) });
    port.close();
  }

  /** Open transactions: PGlite's own transaction object, and how to end its callback. */
  /** @type {Map<number, { tx: import("@electric-sql/pglite").Transaction, end: (commit: boolean) => void, endId: number | null }>} */
  const transactions = new Map();
  let nextTransaction = 1;
  const ROLLBACK = Symbol("rollback");

  /** `ms`: how long a statement ran here (the server's slow-statement log, pglite-lanes.ts). */
  /** @type {(id: number, value: unknown, transfer?: ArrayBuffer[], ms?: number) => void} */
  const answer = (id, value, transfer = [], ms = undefined) =>
    port.postMessage({ id, ok: true, value, ms }, transfer);
  /** @type {(id: number, error: unknown) => void} */
  const fail = (id, error) => port.postMessage({ id, ok: false, error: sentError(error) });

  /** Starts a transaction (PGlite's, so COMMIT of an aborted one fails as it does there). */
  const begin = (/** @type {number} */ id) => {
    const txId = nextTransaction++;
    let started = false;
    const done = pglite.transaction(async (tx) => {
      started = true;
      const commit = await new Promise((end) => {
        transactions.set(txId, { tx, end, endId: null });
        answer(id, txId);
      });
      if (!commit) throw ROLLBACK;
    });
    const settle = (/** @type {unknown} */ error) => {
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
      (error) => settle(error),
    );
  };

  const run = async (/** @type {import("./pglite-client.ts").ToWorker} */ message) => {
    const { id } = message;
    try {
      switch (message.op) {
        case "query":
        case "exec": {
          const target = message.tx ? transactions.get(message.tx)?.tx : pglite;
          if (!target) throw new Error("Transaction is closed");
          const options = queryOptions(message.options);
          const began = performance.now();
          if (message.op === "query") {
            const { value, transfer } = await sendable(
              await target.query(message.text, message.params, options),
            );
            answer(id, value, transfer, performance.now() - began);
          } else {
            const all = await Promise.all(
              (await target.exec(message.text, options)).map((result) => sendable(result)),
            );
            answer(
              id,
              all.map((one) => one.value),
              all.flatMap((one) => one.transfer),
              performance.now() - began,
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
  port.on("message", (message) => void run(message));
}
