/**
 * When the embedded database's worker thread ends unexpectedly (a crash, PGlite's WASM aborting,
 * out of memory), the client (pglite-client.ts) starts a new worker on the same data folder:
 * PGlite recovers from its write-ahead log as a crashed PostgreSQL does. This file holds the
 * policy (how soon, how often) and what the server logs of it.
 *
 * - The calls running when the worker died fail with SQLSTATE 08006 (their transaction is lost
 *   with the worker; nothing is replayed); the HTTP layer answers them 503 DATABASE_UNAVAILABLE.
 * - Calls that come while it restarts wait for the new worker, up to `waitMs` after the death,
 *   then fail with 08006 at once until it is back.
 * - The n-th restart within `windowMs` comes after `firstDelayMs`·2ⁿ (at most `maxDelayMs`); after
 *   `limit` restarts within `windowMs` (a worker that fails to start counts too), the database stays
 *   down until CCHC is restarted, and says so.
 * - A new worker that has not opened the folder within `openMs` (recovery that hangs) is ended
 *   and counts as a failed start: the next attempt follows the same rule.
 * - An in-memory database (`memory://`) is never restarted: its data ended with the worker.
 */

export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  limit: number;
  windowMs: number;
  waitMs: number;
  /** How long a new worker may take to open the folder (recover from its log) before it is ended. */
  openMs: number;
  /** Tests: a restart waits for this before it starts the new worker. */
  beforeRestart?: () => Promise<void>;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  limit: 5,
  windowMs: 10 * 60_000,
  waitMs: 15_000,
  // Opening a folder of 1 M dossiers after a crash took seconds; minutes means it hangs.
  openMs: 120_000,
};

/** The delay before a restart when `recent` restarts happened within the window. */
export function restartDelayMs(policy: RestartPolicy, recent: number): number {
  return Math.min(policy.firstDelayMs * 2 ** recent, policy.maxDelayMs);
}

/** What happens to the worker, as the server's log and `/api/health` hear of it. */
export type WorkerLifecycleEvent =
  /**
   * The worker ended unexpectedly, or a new one failed to start: restart `attempt` comes in
   * `restartInMs`, or none (`restartInMs` null, `staysDown` says why).
   */
  | {
      kind: "died" | "restart-failed";
      reason: string;
      restartInMs: number | null;
      attempt: number;
      staysDown?: string;
    }
  /** A new worker is starting on the folder (after the delay announced). */
  | { kind: "restarting"; attempt: number }
  /** The new worker is up: calls go through again. */
  | { kind: "restarted"; attempt: number; downMs: number };

export interface LifecycleLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** Writes an event in the server's log (pino's `app.log`). */
export function logLifecycleEvent(log: LifecycleLog, event: WorkerLifecycleEvent): void {
  const fields = { event: `pglite.${event.kind}`, ...event };
  switch (event.kind) {
    case "died":
    case "restart-failed": {
      const what =
        event.kind === "died"
          ? "The embedded database's worker ended"
          : "The embedded database's worker failed to restart";
      log.error(
        fields,
        event.restartInMs === null
          ? `${what} (${event.reason}); not restarted (${event.staysDown ?? "no restart"}): the database stays unavailable until CCHC is restarted.`
          : `${what} (${event.reason}); restart ${event.attempt} in ${event.restartInMs} ms.`,
      );
      return;
    }
    case "restarting":
      log.warn(
        fields,
        `Starting a new worker for the embedded database (restart ${event.attempt}).`,
      );
      return;
    case "restarted":
      log.warn(
        fields,
        `The embedded database's worker restarted (restart ${event.attempt}, unavailable for ${event.downMs} ms).`,
      );
      return;
  }
}
