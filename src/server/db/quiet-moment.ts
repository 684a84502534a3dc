import { setTimeout as sleep } from "node:timers/promises";
import type { LaneQueue } from "./pglite-lanes.ts";

/**
 * A quiet moment on the embedded database: no request has asked for its one connection in the
 * last second (`LaneQueue.requestTurnsLastSecond`; jobs do not count). Upkeep that holds the
 * connection long in one statement — ANALYZE of a large table (0.5–3 s at a million dossiers),
 * a checkpoint — waits for one, so that nobody waits for it. PostgreSQL (no lanes) is always quiet:
 * it has more than one connection.
 */
export function isQuiet(lanes: LaneQueue | undefined): boolean {
  return !lanes || lanes.requestTurnsLastSecond() === 0;
}

/** How often `quietMoment` looks again. */
export const QUIET_POLL_MS = 250;

export type QuietOutcome = "quiet" | "waited" | "aborted";

/**
 * Resolves at the first quiet moment ("quiet"); after `maxWaitMs` of requests without one
 * ("waited": the upkeep runs then whatever, or it would never run on a server that is never quiet);
 * or as soon as `signal` aborts ("aborted": the job is being stopped).
 */
export async function quietMoment(
  lanes: LaneQueue | undefined,
  options: {
    maxWaitMs: number;
    signal?: AbortSignal;
    pollMs?: number;
    /** The clock and the pause between looks (tests give their own). */
    now?: () => number;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  },
): Promise<QuietOutcome> {
  const now = options.now ?? (() => performance.now());
  const wait = options.sleep ?? pause;
  const pollMs = options.pollMs ?? QUIET_POLL_MS;
  const until = now() + options.maxWaitMs;
  for (;;) {
    if (options.signal?.aborted) return "aborted";
    if (isQuiet(lanes)) return "quiet";
    if (now() >= until) return "waited";
    await wait(pollMs, options.signal);
  }
}

/** Waits `ms`, or until `signal` aborts (the loop then sees it). */
const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch(() => undefined);
