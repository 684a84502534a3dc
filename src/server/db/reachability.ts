import { sql } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { inLane } from "./pglite-lanes.ts";

/** A probe answer younger than this is given as it is; an older one starts a new probe. */
export const PROBE_FRESH_MS = 1_000;
/** A probe still unanswered after this long counts as unreachable. */
export const PROBE_TIMEOUT_MS = 5_000;
/** Up to this age the last answer is still given while the new probe runs; beyond, it is awaited. */
export const PROBE_STALE_MS = 10_000;

export interface Reachability {
  reachable: boolean;
  /** When the database last answered (or failed to), in ms on the clock given. */
  checkedAt: number;
}

/**
 * Whether the database answers, for `/api/health`, without a query per request: `select 1` at most
 * once a second however often health is asked. A request never waits for the probe while the last
 * answer is under `PROBE_STALE_MS` old (a stalled database shows once its probe fails); a health
 * request after a quiet spell waits for a fresh one.
 */
export class DatabaseReachability {
  #last: Reachability | null = null;
  #running: Promise<Reachability> | null = null;
  /** Bumped by `markDown`/`forget`: a probe started before answers its callers, not the cache. */
  #epoch = 0;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * `available`: the embedded database's own word (false while its worker restarts): the probe
   * fails at once then, rather than wait for the new worker.
   */
  static of(db: Executor, available?: () => boolean) {
    // The light lane: on the embedded database, before queued heavy statements.
    return new DatabaseReachability(async () => {
      if (available?.() === false) throw new Error("the database is restarting");
      return inLane("light", () => db.execute(sql`select 1`));
    });
  }

  /** The database is known to be down now (its worker died): unreachable until probed again. */
  markDown() {
    this.#epoch += 1;
    this.#running = null;
    this.#last = { reachable: false, checkedAt: this.clock() };
  }

  /** The database is known to be back: the next request probes it instead of the last answer. */
  forget() {
    this.#epoch += 1;
    this.#running = null;
    this.#last = null;
  }

  /** The last answer while it is fresh (under `PROBE_FRESH_MS` old), else null: starts nothing. */
  fresh(): Reachability | null {
    const last = this.#last;
    if (!last) return null;
    const age = this.clock() - last.checkedAt;
    return age >= 0 && age < PROBE_FRESH_MS ? last : null;
  }

  async current(): Promise<Reachability> {
    const last = this.#last;
    const age = last ? this.clock() - last.checkedAt : Infinity;
    if (last && age >= 0 && age < PROBE_FRESH_MS) return last;
    const running = this.#running ?? this.#start();
    if (last && age >= 0 && age < PROBE_STALE_MS) return last;
    return running;
  }

  #start() {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("probe timed out")), PROBE_TIMEOUT_MS);
      timer.unref();
    });
    const running = Promise.race([this.probe(), timedOut]).then(
      () => true,
      () => false,
    );
    void running.finally(() => clearTimeout(timer));
    const epoch = this.#epoch;
    const answer = running.then((reachable) => {
      const result = { reachable, checkedAt: this.clock() };
      if (epoch !== this.#epoch) return result;
      this.#last = result;
      this.#running = null;
      return result;
    });
    this.#running = answer;
    return answer;
  }
}
