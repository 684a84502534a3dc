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
import { messages, parse, PGlite, protocol, TransactionAbortedError } from "@electric-sql/pglite";
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

const COPY = /^\s*copy\b/i;

/** Protocol messages as one buffer: PGlite runs them in one call. */
function joined(/** @type {Uint8Array[]} */ parts) {
  const all = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
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
    // The array types PGlite parses (its parsers of every type's array, made from this list):
    // the server's thread decodes the rows `rawQuery` answers with the same (pglite-rows.ts).
    const arrays = await pglite.query(
      `select b.oid::int as element, b.typarray::int as array from pg_catalog.pg_type a
        join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A'
        group by b.oid, b.typarray`,
      [],
      { rowMode: "array" },
    );
    port.postMessage({ ready: true, arrayTypes: arrays.rows });
  } catch (error) {
    port.postMessage({ ready: false, error: sentError(error) });
    port.close();
  }

  /** Open transactions: PGlite's own transaction object, and how to end its callback. */
  /** @type {Map<number, { tx: import("@electric-sql/pglite").Transaction, end: (commit: boolean) => void, endId: number | null }>} */
  const transactions = new Map();
  let nextTransaction = 1;
  const ROLLBACK = Symbol("rollback");

  const { serialize } = protocol;
  /**
   * The statements kept by name on this connection (pglite-client.ts, `keepStatement`): the name
   * the caller gave, the name PostgreSQL knows it by now and its parameters' types.
   * @type {Map<string, { prepared: string; types: number[] }>}
   */
  const kept = new Map();
  /** How many times a kept statement was made (its name's suffix: a failed one may linger). */
  let made = 0;
  /**
   * The texts run unnamed lately, their parameters' types as PostgreSQL described them: each
   * value is serialized by its type (PGlite's serializers) without asking again.
   * @type {Map<string, { prepared: ""; types: number[] }>}
   */
  const described = new Map();
  const DESCRIBED_TEXTS = 500;

  /**
   * The statement to bind `text`'s values to (`name`'s, parsed the first time; the unnamed one,
   * parsed with each call) and its parameters' types, PostgreSQL asked the first time.
   */
  const statementOf = async (
    /** @type {string} */ text,
    /** @type {number[] | undefined} */ paramTypes,
    /** @type {string | undefined} */ name,
  ) => {
    const key = paramTypes ? `${JSON.stringify(paramTypes)} ${text}` : text;
    const known = name ? kept.get(name) : described.get(key);
    if (known) return known;
    const prepared = name ? `${name}_${(made += 1)}` : "";
    const answer = await pglite.execProtocol(
      joined([
        serialize.parse({ name: prepared, text, types: paramTypes }),
        serialize.describe({ type: "S", name: prepared }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const types = parse.parseDescribeStatementResults(answer.messages);
    const statement = { prepared, types };
    if (name) kept.set(name, statement);
    else {
      if (described.size >= DESCRIBED_TEXTS) described.delete(described.keys().next().value);
      described.set(key, statement);
    }
    return statement;
  };

  /**
   * plan_cache_mode as the connection has it now. A statement kept by name is planned generically
   * from its first run: left to PostgreSQL, a page for a rare state or for overdue dossiers was
   * planned again on every run (its custom plan estimated cheaper than its generic one), 1.7 and
   * 2.3 ms in the worker a page against 0.55 and 0.8 (1 M dossiers). Every other statement is
   * planned as PostgreSQL chooses ("auto"), which is what the connection has outside `rawQuery`
   * when anything else runs (`planAsChosen`).
   */
  let planMode = "auto";
  const setPlanMode = async (/** @type {"auto" | "force_generic_plan"} */ mode) => {
    if (planMode === mode) return;
    await pglite.execProtocol(serialize.query(`set plan_cache_mode = ${mode}`), {
      syncToFs: false,
    });
    planMode = mode;
  };
  /** Sets plan_cache_mode back to "auto" (if needed) before a statement not run by `rawQuery`. */
  const planAsChosen = () =>
    planMode === "auto" ? Promise.resolve() : pglite.runExclusive(() => setPlanMode("auto"));

  /** Whether PostgreSQL's answer (its protocol's messages) holds an ErrorResponse. */
  const failed = (/** @type {Uint8Array} */ bytes) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at + 5 <= bytes.length; at += 1 + view.getInt32(at + 1)) {
      if (bytes[at] === 0x45) return true;
    }
    return false;
  };

  /**
   * A statement run outside a transaction, answered as PostgreSQL's bytes: its rows are decoded
   * by the server's thread (pglite-rows.ts), not here. PGlite's `query` parses every message of
   * its answer in JavaScript while it holds the one connection: 2.5 of the 3.2 ms a ward's first
   * page took (1 M dossiers; its bytes alone, 0.7 ms). Parse (when unnamed), Bind, Describe,
   * Execute and Sync go in one call; a statement kept by name (`keepStatement`) is parsed once and
   * its values bound to it, so PostgreSQL may keep one plan for it. On an error the statement is
   * run again by PGlite's `query`, which fails as it always does (outside a transaction a failed
   * statement changed nothing), and a kept one is made anew next time: what failed may be its plan.
   * @param {string | undefined} name
   * @param {string} text
   * @param {unknown[]} params
   * @param {import("@electric-sql/pglite").QueryOptions | undefined} options
   * @returns {Promise<{ raw: ArrayBuffer } | null>} null: it failed, run it as PGlite does
   */
  const rawQuery = (name, text, params, options) =>
    pglite._runExclusiveTransaction(() =>
      pglite.runExclusive(async () => {
        try {
          const { prepared, types } = await statementOf(text, options?.paramTypes, name);
          await setPlanMode(name ? "force_generic_plan" : "auto");
          const values = params.map((value, index) => {
            if (value === null || value === undefined) return null;
            const serializer = pglite.serializers[/** @type {number} */ (types[index])];
            return serializer ? serializer(value) : String(value);
          });
          /** @type {Uint8Array[]} */
          const chunks = [];
          await pglite.execProtocolRawStream(
            joined([
              ...(name ? [] : [serialize.parse({ text, types: options?.paramTypes })]),
              serialize.bind({ statement: prepared, values }),
              serialize.describe({ type: "P" }),
              serialize.execute({}),
              serialize.sync(),
            ]),
            { onRawData: (chunk) => void chunks.push(chunk.slice()) },
          );
          const bytes = joined(chunks);
          if (!failed(bytes)) return { raw: bytes.buffer };
        } catch {
          // A failed Parse or Describe: PGlite's `query` says why.
        }
        const lost = name && kept.get(name);
        if (lost) {
          kept.delete(/** @type {string} */ (name));
          await pglite
            .execProtocol(
              joined([serialize.close({ type: "S", name: lost.prepared }), serialize.sync()]),
              { syncToFs: false, throwOnError: false },
            )
            .catch(() => undefined);
        }
        return null;
      }),
    );

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
            // Outside a transaction (and while none is open: PGlite's `query` would wait for it
            // to end, and so does `rawQuery`), answered as PostgreSQL's bytes; not a COPY, whose
            // data PGlite's `query` moves through its /dev/blob.
            const raw =
              !message.tx && transactions.size === 0 && !options?.blob && !COPY.test(message.text)
                ? await rawQuery(message.statement, message.text, message.params ?? [], options)
                : null;
            if (!raw && !message.tx) await planAsChosen();
            const { value, transfer } = raw
              ? { value: raw, transfer: [raw.raw] }
              : await sendable(await target.query(message.text, message.params, options));
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
          await planAsChosen();
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
  /**
   * Statements outside a transaction waiting here: the lanes give the worker a few at once
   * (pglite-lanes.ts, STATEMENTS_IN_FLIGHT), run one at a time, the best (lowest) rank first and
   * in arrival order within a rank, so a light statement waits for the one running only.
   * @type {import("./pglite-client.ts").ToWorker[]}
   */
  const waiting = [];
  let pumping = false;
  const rankOf = (/** @type {import("./pglite-client.ts").ToWorker} */ message) =>
    "rank" in message && message.rank !== undefined ? message.rank : Infinity;
  const pump = async () => {
    pumping = true;
    while (waiting.length > 0) {
      // The first of the best rank: arrival order within a rank.
      const ranks = waiting.map((message) => rankOf(message));
      const [message] = waiting.splice(ranks.indexOf(Math.min(...ranks)), 1);
      if (message) await run(message);
      // The messages that arrived meanwhile are taken in before the next is chosen.
      await new Promise((resolve) => setImmediate(resolve));
    }
    pumping = false;
  };
  port.on("message", (/** @type {import("./pglite-client.ts").ToWorker} */ message) => {
    if ((message.op !== "query" && message.op !== "exec") || message.tx) return void run(message);
    waiting.push(message);
    if (!pumping) void pump();
  });
}
