import { AsyncLocalStorage } from "node:async_hooks";
import type { PgliteWorkerClient } from "./pglite-client.ts";

/**
 * Priority lanes in front of the embedded database.
 *
 * PGlite is one connection (in its worker thread, pglite-client.ts): every statement queues behind
 * the one running (and a transaction holds the connection until it ends). In arrival order, a public
 * lookup or a session check waits behind every search and import batch queued before it. The
 * lanes hand the connection to the waiting work in this order instead:
 * - `light`: session resolution and the public pages' reads — short, indexed, one row or a few;
 * - `normal`: every other request (the default);
 * - `background`: the job runner's jobs (imports, retention, backups, ANALYZE); a background
 *   waiter that has waited `BACKGROUND_PATIENCE_MS` goes before normal work, so a job advances
 *   however busy the server is.
 * Within a lane, first come first served. A statement already running is never interrupted
 * (PGlite does not honour statement_timeout): what bounds the wait is that no statement runs
 * long (pages, indexes, imports in small batches).
 *
 * Two single statements may be given to the worker at once (STATEMENTS_IN_FLIGHT), and a light
 * one beside them: the worker runs them one at a time, the best rank first (`currentTurnRank`,
 * pglite.worker.mjs), so light work waits there for the statement running only, as here. A job's
 * statement runs alone, as a transaction does.
 */
export type Lane = "light" | "normal" | "background";

const RANK: Record<Lane, number> = { light: 0, normal: 1, background: 2 };
const REQUEST_RATE_WINDOW_MS = 1_000;
export const BACKGROUND_PATIENCE_MS = 200;

const lanes = new AsyncLocalStorage<Lane>();
/** The turn whose work is running (its statements' rank in the worker; their times noted to it). */
const turns = new AsyncLocalStorage<Turn>();

/** Runs `work` (and every query it makes, however deep) in `lane`. */
export function inLane<T>(lane: Lane, work: () => T): T {
  return lanes.run(lane, work);
}

export function currentLane(): Lane {
  return lanes.getStore() ?? "normal";
}

/**
 * The rank of the turn running this code (0 light, 1 normal, 2 background; a background turn
 * that waited its patience out ranks as normal): what the worker takes its waiting statements by.
 */
export function currentTurnRank(): number | undefined {
  return turns.getStore()?.rank;
}

interface Waiter {
  lane: Lane;
  kind: TurnKind;
  since: number;
  start: (rank: number) => void;
}

export interface LaneStats {
  /** Turns given, by lane. */
  granted: Record<Lane, number>;
  /** The longest time one turn (a statement, or a whole transaction) held the connection, ms. */
  longestHoldMs: number;
}

/** What a turn was: one statement (`query`, `exec`) or a whole transaction. */
export type TurnKind = "query" | "exec" | "transaction" | "other";

/**
 * Single statements given to the worker at once, besides a light one: the next waits there while
 * the one before runs, so the connection is not idle while this thread, busy with other answers,
 * takes in an answer and hands the turn over (a ward's name page at 50 clients: each thread 50–65 %
 * busy, one statement at a time). A transaction, or any turn of several statements, runs alone.
 */
export const STATEMENTS_IN_FLIGHT = 2;

/** A turn that may share the worker: a request's single statement (a job's goes alone). */
const shareable = ({ kind, lane }: { kind: TurnKind; lane: Lane }) =>
  (kind === "query" || kind === "exec") && lane !== "background";

/** A turn that held the connection at least the slow-turn threshold (CCHC_PGLITE_SLOW_MS). */
export interface SlowTurn {
  lane: Lane;
  kind: TurnKind;
  /**
   * How long the turn held the connection, ms (a transaction: from its begin to its end; a
   * statement given the worker beside another: its wait there too).
   */
  holdMs: number;
  /** Statements that ran in the turn (a transaction's every statement; one otherwise). */
  statements: number;
  /** The turn's longest statement as the worker measured it, ms, and its SQL (`sqlForLog`). */
  slowestMs: number;
  sql: string;
}

const SQL_LOG_LENGTH = 300;

/** CCHC_PGLITE_SLOW_MS's default: a turn holding the connection a second is logged. */
export const DEFAULT_PGLITE_SLOW_MS = 1_000;

/** The slow-turn threshold from CCHC_PGLITE_SLOW_MS (ms ≥ 0; 0 turns the log off). */
export function pgliteSlowMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseFloat(env.CCHC_PGLITE_SLOW_MS ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_PGLITE_SLOW_MS;
}

/**
 * A statement's text as the slow log shows it: whitespace collapsed, every quoted literal
 * replaced by '…' (a literal may hold a citizen's data; parameters are never logged at all), cut
 * at 300 characters.
 */
export function sqlForLog(text: string): string {
  const bare = text
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\s+/g, " ")
    .trim();
  return bare.length > SQL_LOG_LENGTH ? `${bare.slice(0, SQL_LOG_LENGTH)}…` : bare;
}

/** A turn holding the connection now. */
interface Turn {
  lane: Lane;
  kind: TurnKind;
  rank: number;
  began: number;
  statements: number;
  slowestMs: number;
  slowestSql: string;
}

const lanesOfDatabase = new WeakMap<object, LaneQueue>();

/** Ties a database handle to the lanes its connection goes through (database.ts, openPglite). */
export function attachLanes(db: object, queue: LaneQueue): void {
  lanesOfDatabase.set(db, queue);
}

/** The lanes of a database handle from openPglite; undefined for PostgreSQL or a transaction. */
export function lanesOf(db: object): LaneQueue | undefined {
  return lanesOfDatabase.get(db);
}

/**
 * One connection handed out one turn at a time (or single statements a few at a time:
 * STATEMENTS_IN_FLIGHT), the waiting work taken by lane.
 */
export class LaneQueue {
  private readonly waiting: Waiter[] = [];
  readonly stats: LaneStats = {
    granted: { light: 0, normal: 0, background: 0 },
    longestHoldMs: 0,
  };

  /** The turns given the connection: one, or single statements a few at a time. */
  private readonly running: Turn[] = [];
  private slow: { thresholdMs: number; report: (turn: SlowTurn) => void } | null = null;
  /** When requests' turns (light and normal lanes) were asked for, oldest first, the last second. */
  private readonly requestTurns: number[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Reports every turn that held the connection `thresholdMs` or longer (the server logs it: the
   * statement that made the public lookup wait). 0 turns it off.
   */
  reportSlowTurns(thresholdMs: number, report: (turn: SlowTurn) => void): void {
    this.slow = thresholdMs > 0 ? { thresholdMs, report } : null;
  }

  /** A statement of the current turn ran `ms` in the worker (pglite-client.ts's onStatement). */
  noteStatement(ms: number, text: string): void {
    const turn = turns.getStore();
    if (!turn) return;
    turn.statements += 1;
    if (ms >= turn.slowestMs) {
      turn.slowestMs = ms;
      turn.slowestSql = text;
    }
  }

  /** Runs `work` when its lane's turn comes; the connection is held until it settles. */
  run<T>(lane: Lane, work: () => Promise<T>, kind: TurnKind = "other"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (rank: number) => {
        this.stats.granted[lane] += 1;
        const began = this.now();
        const turn: Turn = { lane, kind, rank, began, statements: 0, slowestMs: 0, slowestSql: "" };
        this.running.push(turn);
        let result: Promise<T>;
        try {
          result = turns.run(turn, work);
        } catch (error) {
          result = Promise.reject(error);
        }
        // The next turn is handed over before the caller hears of this one: its statement then
        // reaches the worker before this thread goes on with the answer (mapping its rows,
        // answering the request), not after, the connection idle meanwhile.
        const settle = () => {
          const holdMs = this.now() - began;
          this.stats.longestHoldMs = Math.max(this.stats.longestHoldMs, holdMs);
          this.running.splice(this.running.indexOf(turn), 1);
          if (this.slow && holdMs >= this.slow.thresholdMs) {
            this.slow.report({
              lane,
              kind,
              holdMs,
              statements: turn.statements,
              slowestMs: turn.slowestMs,
              sql: sqlForLog(turn.slowestSql),
            });
          }
          this.next();
        };
        const settleThen = (tell: () => void) => {
          try {
            settle();
          } finally {
            tell();
          }
        };
        result.then(
          (value) => settleThen(() => resolve(value)),
          (error: unknown) => settleThen(() => reject(error)),
        );
      };
      const since = this.now();
      if (lane !== "background") this.noteRequestTurn(since);
      this.waiting.push({ lane, kind, since, start });
      this.next();
    });
  }

  /**
   * How many turns requests asked for in the last second (not the jobs'): what tells a bulk job
   * whether people are using the database now (statement-budget.ts, importBatchBudget).
   */
  requestTurnsLastSecond(): number {
    this.forgetRequestTurnsBefore(this.now() - REQUEST_RATE_WINDOW_MS);
    return this.requestTurns.length;
  }

  private noteRequestTurn(at: number) {
    this.forgetRequestTurnsBefore(at - REQUEST_RATE_WINDOW_MS);
    this.requestTurns.push(at);
  }

  private forgetRequestTurnsBefore(cutoff: number) {
    let old = 0;
    while (old < this.requestTurns.length && this.requestTurns[old]! < cutoff) old += 1;
    if (old > 0) this.requestTurns.splice(0, old);
  }

  /** Work waiting for the connection, by lane (tests, diagnostics). */
  get queued(): Record<Lane, number> {
    const counts = { light: 0, normal: 0, background: 0 };
    for (const waiter of this.waiting) counts[waiter.lane] += 1;
    return counts;
  }

  private next() {
    while (this.waiting.length > 0) {
      const now = this.now();
      const rank = (w: Waiter) =>
        w.lane === "background" && now - w.since >= BACKGROUND_PATIENCE_MS
          ? RANK.normal
          : RANK[w.lane];
      let best = 0;
      for (let i = 1; i < this.waiting.length; i += 1) {
        const w = this.waiting[i]!;
        const b = this.waiting[best]!;
        // Strictly better lane, or an overdue background waiter older than a normal one.
        if (rank(w) < rank(b) || (rank(w) === rank(b) && w.since < b.since)) best = i;
      }
      // The best waiter, or none: a waiter is never passed over for one that fits.
      const chosen = this.waiting[best]!;
      const room = STATEMENTS_IN_FLIGHT + (chosen.lane === "light" ? 1 : 0);
      // A job's statement goes alone: beside a request's, it was run next whatever came after
      // (an import batch holds the worker ≈ 30 ms), and the import took more of the connection.
      const fits =
        this.running.length === 0 ||
        (this.running.length < room && shareable(chosen) && this.running.every(shareable));
      if (!fits) return;
      this.waiting.splice(best, 1);
      chosen.start(rank(chosen));
    }
  }
}

/**
 * The PGlite client as Drizzle sees it, with `query`, `exec` and `transaction` taking their turn
 * through `queue` in the caller's lane. A transaction takes one turn for its whole length (its
 * statements go through the transaction object, not through here). Everything else is the
 * client's own method, bound to the client (its private fields need the real instance).
 */
export function lanedPglite<C extends Pick<PgliteWorkerClient, "query" | "exec" | "transaction">>(
  client: C,
  queue: LaneQueue,
): C {
  const through =
    (method: "query" | "exec" | "transaction") =>
    (...args: unknown[]) =>
      queue.run(
        currentLane(),
        () => (client[method] as (...a: unknown[]) => Promise<unknown>).apply(client, args),
        method,
      );
  const wrapped = {
    query: through("query"),
    exec: through("exec"),
    transaction: through("transaction"),
  } as Record<string | symbol, unknown>;
  return new Proxy(client, {
    get(target, property) {
      if (typeof property === "string" && Object.hasOwn(wrapped, property))
        return wrapped[property];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}
