/**
 * The embedded database in a worker thread.
 *
 * PGlite's WASM runs each statement synchronously on the thread that owns it: on the server's own
 * thread, a long search or an import batch held every request, `/api/health` included (issue 11).
 * The PGlite instance lives in a worker thread instead (pglite.worker.mjs), and this client gives
 * the server's thread the part of PGlite's API CCHC uses — `query`, `exec`, `transaction`,
 * `close`, `waitReady` — each call one message to the worker and one answer back.
 *
 * - A statement outside a transaction comes back as PostgreSQL's own bytes (its protocol's
 *   messages), decoded here with PGlite's parsers and the caller's (pglite-rows.ts): decoding them
 *   in the worker held the one connection longer than running the statement. A statement kept by
 *   name (`keepStatement`) is parsed once there and planned once for any values.
 * - Otherwise Drizzle's parsers (functions keyed by type OID) cannot cross threads: the worker
 *   returns those types as PostgreSQL's text and the parsers run here, on the answer's `fields`.
 * - A COPY's `blob` crosses as bytes (a transferred ArrayBuffer) and becomes a Blob there.
 * - PGlite's errors come back as PGlite's own DatabaseError (TransactionAbortedError) with the
 *   same fields (code, detail, constraint, …), the query, its parameters and options put back.
 * - A transaction is PGlite's own in the worker, its statements sent here one by one; the lanes
 *   (pglite-lanes.ts) give it one turn for its whole length, so nothing else runs in between.
 * - If the worker ends (a crash, or the database closed), every pending call fails with
 *   `PgliteWorkerGoneError` (SQLSTATE 08006), which the HTTP layer answers with 503
 *   DATABASE_UNAVAILABLE (database-errors.ts); nothing waits forever. A data folder's worker that
 *   ends unexpectedly is replaced by a new one on the same folder (pglite-restart.ts: later calls
 *   wait for it a bounded time); an in-memory database's, or a closed one's, is not: every later
 *   call fails too.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  DEFAULT_RESTART_POLICY,
  restartDelayMs,
  type RestartPolicy,
  type WorkerLifecycleEvent,
} from "./pglite-restart.ts";
import {
  messages,
  TransactionAbortedError,
  type ParserOptions,
  type QueryOptions,
  type Results,
} from "@electric-sql/pglite";
import { decodeResults, defaultParsers } from "./pglite-rows.ts";

export interface PgliteWorkerData {
  dataDir: string;
  postgresqlconf: string[];
  /** Create the cluster (initdb) and end: the throwaway first start of a new folder. */
  initialiseOnly: boolean;
  /** PGlite's and initdb's WASM compiled once per process (`compiledPglite`), for every worker. */
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

type CompiledPglite = Pick<PgliteWorkerData, "pgliteWasmModule" | "initdbWasmModule">;
let compiled: Promise<CompiledPglite> | null = null;

/**
 * PGlite's WASM compiled once in this process: a worker given the modules skips compiling their
 * code (≈ 1 s of CPU each time), which made every open after the first one as slow as it.
 */
function compiledPglite(): Promise<CompiledPglite> {
  compiled ??= (async () => {
    const folder = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const compile = async (file: string) => WebAssembly.compile(await readFile(join(folder, file)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      compile("pglite.wasm"),
      compile("initdb.wasm"),
    ]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  return compiled;
}

/** Query options as sent: what can cross threads. */
export interface SentOptions {
  rowMode?: "array" | "object";
  paramTypes?: number[];
  /** Types the caller parses itself (its `parsers`): answered as text. */
  rawTypes?: number[];
  blob?: ArrayBuffer;
}

export type ToWorker =
  | {
      id: number;
      op: "query";
      text: string;
      params?: unknown[];
      options?: SentOptions;
      tx?: number;
      /** Kept by this name on the connection (`keepStatement`): parsed and planned once. */
      statement?: string;
      /** Outside a transaction: the worker runs the waiting statements best (lowest) rank first. */
      rank?: number;
    }
  | { id: number; op: "exec"; text: string; options?: SentOptions; tx?: number; rank?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "rollback"; tx: number }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "close" };

export type SentResults = Omit<Results, "blob"> & { blob?: ArrayBuffer };

/** A statement's answer as PostgreSQL's protocol messages (the worker's `rawQuery`). */
export interface SentBytes {
  raw: ArrayBuffer;
}

export interface SentError {
  kind: "database" | "transaction-aborted" | "error";
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean | null>;
}

type FromWorker =
  | { ready: true; arrayTypes?: [element: number, array: number][] }
  | { ready: false; error: SentError }
  | { id: number; ok: true; value: unknown; ms?: number }
  | { id: number; ok: false; error: SentError };

/** The worker thread of the embedded database ended: every call fails with this. */
export class PgliteWorkerGoneError extends Error {
  /** connection_failure: what PostgreSQL's drivers report when the server went away. */
  readonly code = "08006";
  readonly severity = "FATAL";
  constructor(reason: string) {
    super(`the embedded database is not available: ${reason}`);
    this.name = "PgliteWorkerGoneError";
  }
}

/** The transaction object a `transaction` callback gets, as PGlite's. */
export interface PgliteWorkerTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

// Plain JavaScript, started without tsx (see the file for why).
const entry = new URL("./pglite.worker.mjs", import.meta.url);

function received(
  sent: SentError,
  context: { query?: string; params?: unknown[]; options?: unknown },
) {
  const error =
    sent.kind === "transaction-aborted"
      ? new TransactionAbortedError()
      : sent.kind === "database"
        ? new messages.DatabaseError(sent.message, 0, "error")
        : new Error(sent.message);
  Object.assign(error, sent.fields);
  if (sent.kind !== "error") {
    const target = error as unknown as Record<string, unknown>;
    target.query = context.query;
    target.params = context.params;
    target.queryOptions = context.options;
  }
  // The worker's stack says where PGlite failed; this thread's says who asked.
  error.stack = `${sent.stack ?? `${error.name}: ${error.message}`}\n    --- in the database worker, asked from:\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`;
  return error;
}

/** Statements kept by name on the embedded database's connection, by their SQL (`keepStatement`). */
const keptStatements = new Map<string, string>();

/**
 * Keeps the statement `text` by `name` on every embedded database's connection from now on, as a
 * PostgreSQL driver keeps a named statement: the worker parses it once (`Parse` with the name) and
 * binds each call's values to it, planned once for any values: generically from its first run
 * (plan_cache_mode set for it, pglite.worker.mjs). A register page's statement was planned
 * for each page: 1.7 ms of the 4.3 its turn held the one connection (1 M dossiers, a ward's first
 * page). The caller bounds how many texts it keeps (each costs the connection its plan's memory).
 */
export function keepStatement(text: string, name: string): void {
  keptStatements.set(text, name);
}

/**
 * A statement's result: its rows decoded from PostgreSQL's bytes, or the caller's parsers applied
 * to the values the worker left as text.
 */
function parse(
  result: SentResults | SentBytes,
  options: QueryOptions | undefined,
  byType: ParserOptions,
): Results {
  if ("raw" in result) return decodeResults(new Uint8Array(result.raw), byType, options);
  const { blob, ...rest } = result;
  const out: Results = blob ? { ...rest, blob: new Blob([blob]) } : rest;
  const parsers = options?.parsers;
  if (!options || !parsers) return out;
  out.fields.forEach((field, index) => {
    const parser = parsers[field.dataTypeID];
    if (!parser) return;
    for (const row of out.rows as Record<string | number, unknown>[]) {
      const key = options.rowMode === "array" ? index : field.name;
      const value = row[key];
      if (value !== null && value !== undefined)
        row[key] = (parser as (text: string, type: number) => unknown)(
          value as string,
          field.dataTypeID,
        );
    }
  });
  return out;
}

/** One worker thread and the calls waiting for its answers. */
class WorkerRun {
  readonly worker: Worker;
  /** Resolves when PGlite is open in the worker; rejects when it failed to open, or the worker ended first. */
  readonly ready: Promise<void>;
  /** PGlite is open in this worker (it answered ready). */
  started = false;
  /** The parsers PGlite has by type in this worker: what its rows sent as bytes are decoded by. */
  parsers: ParserOptions = defaultParsers([]);
  /** Set when the worker has ended: every pending and later call on it fails with this. */
  gone: PgliteWorkerGoneError | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; context: object }
  >();
  private nextId = 1;
  private hasExited = false;
  /** Waiting for the worker to end (closing): it holds the process open until then. */
  private ending = false;
  /** Why the worker failed, when it did before it ended. */
  private failure: string | null = null;

  constructor(
    data: PgliteWorkerData,
    closing: () => boolean,
    onExit: (run: WorkerRun, reason: string) => void,
  ) {
    this.worker = new Worker(entry, { workerData: data });
    let ready!: () => void;
    let failed!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    this.ready.catch(() => undefined);
    let startError: Error | null = null;
    // The worker keeps the process alive only while a call waits for it (see `settle`).
    this.worker.on("message", (message: FromWorker) => {
      if ("ready" in message) {
        if (message.ready) {
          this.started = true;
          this.parsers = defaultParsers(message.arrayTypes ?? []);
          ready();
        } else {
          // PGlite did not open (a damaged folder, say): this worker is of no use.
          startError = received(message.error, {});
          this.failure = `it failed to open the database (${startError.message})`;
          failed(startError);
          void this.worker.terminate();
        }
        this.settle();
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) {
        if (message.ms !== undefined) (waiter.context as { ms?: number }).ms = message.ms;
        waiter.resolve(message.value);
      } else waiter.reject(received(message.error, waiter.context));
      this.settle();
    });
    // An error in the worker (PGlite's WASM aborting, say) ends it: never the server.
    this.worker.on("error", (error) => {
      this.failure = `its thread failed (${error.message})`;
      this.end(this.failure);
    });
    this.worker.on("exit", (code) => {
      this.hasExited = true;
      const reason = closing()
        ? "it was closed"
        : (this.failure ?? `its thread ended (exit code ${code})`);
      this.end(reason);
      failed(startError ?? this.gone!);
      onExit(this, reason);
    });
  }

  send(
    message: DistributiveOmit<ToWorker, "id">,
    context: object,
    transfer: ArrayBuffer[] = [],
  ): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, context });
      this.settle();
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Ends a worker that has not opened PGlite yet, as failed for `reason`. */
  abandonOpen(reason: string) {
    if (this.started || this.hasExited || this.failure) return;
    this.failure = reason;
    void this.worker.terminate();
  }

  /** Resolves when the worker has ended; the process stays open until then. */
  exited(): Promise<void> {
    if (this.hasExited) return Promise.resolve();
    this.ending = true;
    this.worker.ref();
    return new Promise((resolve) => this.worker.once("exit", () => resolve()));
  }

  /** Holds the process open while a call waits for the worker, not when it is idle. */
  private settle() {
    if (this.pending.size > 0 || this.ending) this.worker.ref();
    else this.worker.unref();
  }

  private end(reason: string) {
    if (this.gone) return;
    this.gone = new PgliteWorkerGoneError(reason);
    for (const waiter of this.pending.values()) waiter.reject(this.gone);
    this.pending.clear();
  }
}

/** After a death: since when, until when calls wait, and the new worker's arrival. */
interface Outage {
  since: number;
  waitUntil: number;
  back: Promise<void>;
  arrived: () => void;
  lost: (error: PgliteWorkerGoneError) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * The embedded database, running in its own worker thread; with a restart policy (a data folder
 * on disk), a worker that ends unexpectedly is replaced by a new one on the same folder
 * (pglite-restart.ts).
 */
export class PgliteWorkerClient {
  readonly waitReady: Promise<void>;
  private run: WorkerRun;
  /** Set when the database will not answer again (closed, or not restarted). */
  private down: PgliteWorkerGoneError | null = null;
  private closing: Promise<void> | null = null;
  private isClosing = false;
  private outage: Outage | null = null;
  /** When the restarts within the policy's window were decided. */
  private restarts: number[] = [];
  private readonly listeners = new Set<(event: WorkerLifecycleEvent) => void>();
  /** Events emitted while nobody listened, for the first listener (MAX_UNHEARD_EVENTS). */
  private readonly unheard: WorkerLifecycleEvent[] = [];
  /**
   * Told of every statement that succeeded, with how long it ran in the worker (ms), in the
   * caller's async context: the lanes' slow-turn log (pglite-lanes.ts). Never its parameters.
   */
  onStatement: ((ms: number, text: string) => void) | null = null;
  /**
   * The rank of a statement outside a transaction, read in the caller's async context: the
   * worker runs the statements waiting there best rank (lowest) first, in order within a rank
   * (the lanes', pglite-lanes.ts `currentTurnRank`). Unranked: last.
   */
  rankOf: (() => number | undefined) | null = null;

  private constructor(
    private readonly data: PgliteWorkerData,
    private readonly restart: RestartPolicy | null,
  ) {
    this.run = this.startWorker();
    this.waitReady = this.run.ready;
  }

  /**
   * Opens the PGlite folder `dataDir` (or `memory://…`) in a new worker. A new folder is created
   * (initdb) in a throwaway worker first: initdb grows the WASM heap to ≈ 800 MB, which WASM never
   * gives back, and that worker's heap goes with it. With `restart`, a worker that ends
   * unexpectedly after it opened is replaced (pglite-restart.ts); without, the database stays down.
   */
  static async open(
    dataDir: string,
    postgresqlconf: string[],
    options: { initialise: boolean; restart?: RestartPolicy | null },
  ): Promise<PgliteWorkerClient> {
    const modules = await compiledPglite();
    if (options.initialise) {
      const initialiser = new PgliteWorkerClient(
        { dataDir, postgresqlconf, initialiseOnly: true, ...modules },
        null,
      );
      const exited = initialiser.run.exited();
      await initialiser.waitReady;
      await exited;
    }
    const client = new PgliteWorkerClient(
      { dataDir, postgresqlconf, initialiseOnly: false, ...modules },
      options.restart ?? null,
    );
    await client.waitReady;
    return client;
  }

  async query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.statement("query", text, params, options) as Promise<Results<T>>;
  }

  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this.statement("exec", text, undefined, options) as Promise<Results[]>;
  }

  /**
   * Runs `callback` in a transaction: committed when it resolves, rolled back when it throws (or
   * when it calls `tx.rollback()`), as PGlite's `transaction`. It lives in one worker: if that
   * worker ends, its statements and its commit fail (08006), even once a new worker is up.
   */
  async transaction<T>(callback: (tx: PgliteWorkerTransaction) => Promise<T>): Promise<T> {
    const run = await this.current();
    const txId = (await run.send({ op: "begin" }, {})) as number;
    let closed = false;
    const open = () => {
      if (closed) throw new Error("Transaction is closed");
    };
    const tx: PgliteWorkerTransaction = {
      query: async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
        open();
        return this.statement("query", text, params, options, txId, run) as Promise<Results<R>>;
      },
      exec: async (text: string, options?: QueryOptions) => {
        open();
        return this.statement("exec", text, undefined, options, txId, run) as Promise<Results[]>;
      },
      rollback: async () => {
        open();
        await run.send({ op: "rollback", tx: txId }, {});
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      closed = true;
      // Rolled back in the worker; if the worker is gone, so is the transaction.
      await run.send({ op: "end", tx: txId, commit: false }, {}).catch(() => undefined);
      throw error;
    }
    closed = true;
    await run.send({ op: "end", tx: txId, commit: true }, {});
    return result;
  }

  /**
   * Closes the database and ends the worker; later calls fail with PgliteWorkerGoneError. Never
   * restarts it: a restart planned is called off, a new worker starting is closed once open.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.isClosing = true;
      const closed = new PgliteWorkerGoneError("it was closed");
      const outage = this.outage;
      if (outage) {
        if (outage.timer) clearTimeout(outage.timer);
        this.outage = null;
        outage.lost(closed);
      }
      if (this.down) return;
      const run = this.run;
      // Ending a worker while PGlite opens (recovering from its log) would be one more crash.
      await run.ready.catch(() => undefined);
      if (run.gone) {
        this.down ??= closed;
        return;
      }
      const exited = run.exited();
      try {
        await run.send({ op: "close" }, {});
      } catch (error) {
        // Gone already (a crash): nothing left to close.
        if (error instanceof PgliteWorkerGoneError) return;
        throw error;
      }
      await exited;
    })();
    return this.closing;
  }

  /**
   * Ends the worker at once, without closing the database: what a crashed worker looks like to
   * the server (tests).
   */
  async terminate(): Promise<void> {
    await this.run.worker.terminate();
  }

  /** Closed, or down for good (the worker ended and was not restarted). */
  get closed(): boolean {
    return this.down !== null;
  }

  /** Whether calls go through now: false while a new worker is awaited, and once down. */
  get available(): boolean {
    return this.down === null && this.outage === null;
  }

  /**
   * Tells `listener` of the worker's deaths and restarts; returns how to stop. The first listener
   * is first told those that came while nobody listened (`unheard`).
   */
  onLifecycle(listener: (event: WorkerLifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    for (const event of this.unheard.splice(0)) tell(listener, event);
    return () => this.listeners.delete(listener);
  }

  private async statement(
    op: "query" | "exec",
    text: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
    tx?: number,
    run?: WorkerRun,
  ): Promise<Results | Results[]> {
    const sent: SentOptions = {};
    const transfer: ArrayBuffer[] = [];
    if (options) {
      const { rowMode, paramTypes, parsers, blob, serializers, onNotice } = options;
      if (serializers || onNotice)
        throw new TypeError("the embedded database's worker takes no serializers nor onNotice");
      if (rowMode) sent.rowMode = rowMode;
      if (paramTypes) sent.paramTypes = paramTypes;
      if (parsers) sent.rawTypes = Object.keys(parsers).map(Number);
      if (blob) {
        sent.blob = await blob.arrayBuffer();
        transfer.push(sent.blob);
      }
    }
    const statement = op === "query" && !sent.blob ? keptStatements.get(text) : undefined;
    const rank = tx === undefined ? this.rankOf?.() : undefined;
    const ranked = rank === undefined ? {} : { rank };
    const message =
      op === "query"
        ? { op, text, params, options: sent, tx, ...ranked, ...(statement ? { statement } : {}) }
        : { op, text, options: sent, tx, ...ranked };
    const context: { query: string; params?: unknown[]; options?: unknown; ms?: number } = {
      query: text,
      params,
      options,
    };
    // The running worker at once when it is up: the lanes hand the next turn over as an answer
    // arrives, and the worker should have the next statement before this thread goes on with
    // the answer (pglite-lanes.ts).
    const target = run ?? (this.down || this.outage ? await this.current() : this.run);
    const value = await target.send(message, context, transfer);
    this.onStatement?.(context.ms ?? 0, text);
    return op === "query"
      ? parse(value as SentResults | SentBytes, options, target.parsers)
      : (value as SentResults[]).map((one) => parse(one, options, target.parsers));
  }

  /**
   * The worker to send a call to: the running one, or, while it restarts, the new one once open
   * (waiting until the policy's `waitMs` after the death at most). Fails with 08006 when down.
   */
  private async current(): Promise<WorkerRun> {
    if (this.down) throw this.down;
    const outage = this.outage;
    if (outage) {
      const left = outage.waitUntil - Date.now();
      if (left <= 0) throw new PgliteWorkerGoneError("it is being restarted");
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          outage.back,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new PgliteWorkerGoneError("it is being restarted")),
              left,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      if (this.down) throw this.down;
    }
    return this.run;
  }

  private startWorker(): WorkerRun {
    return new WorkerRun(
      this.data,
      () => this.isClosing,
      (run, reason) => this.ended(run, reason),
    );
  }

  /** A worker ended: down for good, or a restart planned (pglite-restart.ts). */
  private ended(run: WorkerRun, reason: string) {
    if (run !== this.run || this.down) return;
    const gone = run.gone ?? new PgliteWorkerGoneError(reason);
    const policy = this.restart;
    // Closed; or the first start failed (open() throws it); or nothing to come back to.
    if (this.isClosing || (!run.started && !this.outage) || !policy) {
      this.down = gone;
      if (!this.isClosing && run.started)
        this.emit({
          kind: "died",
          reason,
          restartInMs: null,
          attempt: 0,
          staysDown: "an in-memory database ends with its worker",
        });
      return;
    }
    const kind = this.outage ? "restart-failed" : "died";
    const now = Date.now();
    let outage = this.outage;
    if (!outage) {
      let arrived!: () => void;
      let lost!: (error: PgliteWorkerGoneError) => void;
      const back = new Promise<void>((resolve, reject) => {
        arrived = resolve;
        lost = reject;
      });
      back.catch(() => undefined);
      outage = { since: now, waitUntil: now + policy.waitMs, back, arrived, lost, timer: null };
      this.outage = outage;
    }
    this.restarts = this.restarts.filter((at) => now - at < policy.windowMs);
    if (this.restarts.length >= policy.limit) {
      const staysDown = `${policy.limit} restarts within ${policy.windowMs / 1000} s`;
      this.down = new PgliteWorkerGoneError(`${reason}; not restarted after ${staysDown}`);
      this.outage = null;
      outage.lost(this.down);
      this.emit({ kind, reason, restartInMs: null, attempt: this.restarts.length, staysDown });
      return;
    }
    const delay = restartDelayMs(policy, this.restarts.length);
    this.restarts.push(now);
    const attempt = this.restarts.length;
    const current = outage;
    current.timer = setTimeout(() => void this.restartWorker(current, attempt), delay);
    // The server (or a call waiting for the database) keeps the process alive, not this.
    current.timer.unref();
    this.emit({ kind, reason, restartInMs: delay, attempt });
  }

  private async restartWorker(outage: Outage, attempt: number) {
    outage.timer = null;
    await this.restart?.beforeRestart?.();
    if (this.isClosing || this.down || this.outage !== outage) return;
    // The same folder and the same compiled WASM; PGlite recovers from its write-ahead log.
    const run = this.startWorker();
    this.run = run;
    this.emit({ kind: "restarting", attempt });
    const openMs = this.restart?.openMs ?? DEFAULT_RESTART_POLICY.openMs;
    const deadline = setTimeout(
      () => run.abandonOpen(`it did not open the database within ${openMs / 1000} s`),
      openMs,
    );
    deadline.unref();
    run.ready.finally(() => clearTimeout(deadline)).catch(() => undefined);
    run.ready.then(
      () => {
        if (this.run !== run || this.isClosing || this.outage !== outage) return;
        this.outage = null;
        outage.arrived();
        this.emit({ kind: "restarted", attempt, downMs: Date.now() - outage.since });
      },
      // Failed to open: its end plans the next attempt (`ended`).
      () => undefined,
    );
  }

  private emit(event: WorkerLifecycleEvent) {
    if (this.listeners.size === 0) {
      this.unheard.push(event);
      if (this.unheard.length > MAX_UNHEARD_EVENTS) this.unheard.shift();
    }
    for (const listener of this.listeners) tell(listener, event);
  }
}

/**
 * The lifecycle events kept for the first listener, the latest: a worker that died while the
 * server started (migrations, the demo's data) was restarted before the server's log listened,
 * and no line said so.
 */
const MAX_UNHEARD_EVENTS = 20;

function tell(listener: (event: WorkerLifecycleEvent) => void, event: WorkerLifecycleEvent) {
  try {
    listener(event);
  } catch {
    // A listener's failure is not the database's.
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
