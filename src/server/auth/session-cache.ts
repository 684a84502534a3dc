import { cacheSecondsFromEnv, ChangeChannel, KeptValues } from "../cache/kept-values.ts";

/**
 * A short-lived cache of resolved sessions in front of the session query, one per server (app).
 * Entries are keyed by the session token's SHA-256 (never the token), live `ttlMs` at most, and
 * the cache holds at most `maxEntries` of them (the oldest leave first).
 *
 * Every write that changes what a session resolves to says so here (`forgetSession…`): the
 * repositories of sessions, users, roles, units and agencies call these after their statement,
 * so sign-out, a revoked session, a password change or reset, a role or agency change, a disabled
 * account and a unit change count from the very next request in this process. In a transaction
 * (`runUseCase`) the same changes are applied once more when it ends (`replayChangesAfter`, cache/kept-values.ts):
 * a request that read the session between the write and the commit saw the old row and may have
 * kept it. A read that was under way when a change arrived is never kept (the generation).
 *
 * Another process writing to the same database (a second server, the CLI) is not heard: there an
 * entry is trusted for at most `ttlMs` (CCHC_SESSION_CACHE_SECONDS; 0 turns the cache off).
 * The session's own expiry is checked by the caller against the stored expiry on every hit.
 */
export type SessionChange = { tokenHash: string } | { userId: string } | "all";

const sessionChanges = new ChangeChannel<SessionChange>();

export const DEFAULT_SESSION_CACHE_SECONDS = 5;
const DEFAULT_MAX_ENTRIES = 10_000;

export class SessionCache<T> {
  readonly #kept: KeptValues<T | null, string>;

  constructor(
    readonly ttlMs: number,
    clock: () => number = Date.now,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {
    this.#kept = new KeptValues(ttlMs, clock, maxEntries);
    if (ttlMs > 0) sessionChanges.listen(this);
  }

  /** Session queries this cache let through: how tests see that the cache is used. */
  get loads() {
    return this.#kept.loads;
  }

  /** The cached value for the token hash, or the one `load` reads (kept unless a change came). */
  async get(
    tokenHash: string,
    load: () => Promise<T | null>,
    userIdOf: (value: T) => string,
  ): Promise<T | null> {
    if (this.ttlMs <= 0) {
      this.#kept.loads += 1;
      return load();
    }
    return this.#kept.get(
      tokenHash,
      load,
      (value) => (value === null ? "" : userIdOf(value)),
      (value) => value !== null,
    );
  }

  forget(change: SessionChange) {
    this.#kept.forget((tokenHash, userId) =>
      change === "all"
        ? true
        : "tokenHash" in change
          ? tokenHash === change.tokenHash
          : userId === change.userId,
    );
  }

  /** The server closes: the cache no longer hears changes. */
  close() {
    sessionChanges.unlisten(this);
    this.#kept.clear();
  }
}

/**
 * A write changed what sessions resolve to: every cache of this process forgets what it concerns
 * now, and again when the surrounding transaction ends (`replayChangesAfter`).
 */
export function forgetSessions(change: SessionChange) {
  sessionChanges.announce(change);
}

/** CCHC_SESSION_CACHE_SECONDS (default 5; 0 turns the cache off). */
export function sessionCacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return cacheSecondsFromEnv(env, "CCHC_SESSION_CACHE_SECONDS", DEFAULT_SESSION_CACHE_SECONDS);
}
