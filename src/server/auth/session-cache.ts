import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A short-lived cache of resolved sessions in front of the session query, one per server (app).
 * Entries are keyed by the session token's SHA-256 (never the token), live `ttlMs` at most, and
 * the cache holds at most `maxEntries` of them (the oldest leave first).
 *
 * Every write that changes what a session resolves to says so here (`forgetSession…`): the
 * repositories of sessions, users, roles, units and agencies call these after their statement,
 * so sign-out, a revoked session, a password change or reset, a role or agency change, a disabled
 * account and a unit change count from the very next request in this process. In a transaction
 * (`runUseCase`) the same changes are applied once more when it ends (`replaySessionChanges`):
 * a request that read the session between the write and the commit saw the old row and may have
 * kept it. A read that was under way when a change arrived is never kept (the generation).
 *
 * Another process writing to the same database (a second server, the CLI) is not heard: there an
 * entry is trusted for at most `ttlMs` (CCHC_SESSION_CACHE_SECONDS; 0 turns the cache off).
 * The session's own expiry is checked by the caller against the stored expiry on every hit.
 */
export type SessionChange = { tokenHash: string } | { userId: string } | "all";

interface Entry<T> {
  value: T;
  userId: string;
  storedAt: number;
}

const caches = new Set<SessionCache<unknown>>();
const changesOfTransaction = new AsyncLocalStorage<SessionChange[]>();

export const DEFAULT_SESSION_CACHE_SECONDS = 5;
const DEFAULT_MAX_ENTRIES = 10_000;

export class SessionCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  /** Reads under way, shared by concurrent requests with the same token (same generation only). */
  readonly #loading = new Map<string, { generation: number; value: Promise<T | null> }>();
  #generation = 0;
  /** Session queries this cache let through: how tests see that the cache is used. */
  loads = 0;

  constructor(
    readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {
    if (ttlMs > 0) caches.add(this as SessionCache<unknown>);
  }

  /** The cached value for the token hash, or the one `load` reads (kept unless a change came). */
  async get(
    tokenHash: string,
    load: () => Promise<T | null>,
    userIdOf: (value: T) => string,
  ): Promise<T | null> {
    if (this.ttlMs <= 0) {
      this.loads += 1;
      return load();
    }
    const now = this.clock();
    const entry = this.#entries.get(tokenHash);
    if (entry) {
      const age = now - entry.storedAt;
      if (age >= 0 && age < this.ttlMs) return entry.value;
      this.#entries.delete(tokenHash);
    }
    const generation = this.#generation;
    const pending = this.#loading.get(tokenHash);
    if (pending && pending.generation === generation) return pending.value;
    this.loads += 1;
    const value = load();
    this.#loading.set(tokenHash, { generation, value });
    try {
      const loaded = await value;
      if (loaded !== null && this.#generation === generation) {
        this.#entries.delete(tokenHash);
        this.#entries.set(tokenHash, { value: loaded, userId: userIdOf(loaded), storedAt: now });
        while (this.#entries.size > this.maxEntries) {
          this.#entries.delete(this.#entries.keys().next().value!);
        }
      }
      return loaded;
    } finally {
      if (this.#loading.get(tokenHash)?.value === value) this.#loading.delete(tokenHash);
    }
  }

  forget(change: SessionChange) {
    this.#generation += 1;
    this.#loading.clear();
    if (change === "all") {
      this.#entries.clear();
    } else if ("tokenHash" in change) {
      this.#entries.delete(change.tokenHash);
    } else {
      for (const [key, entry] of this.#entries) {
        if (entry.userId === change.userId) this.#entries.delete(key);
      }
    }
  }

  /** The server closes: the cache no longer hears changes. */
  close() {
    caches.delete(this as SessionCache<unknown>);
    this.#entries.clear();
    this.#loading.clear();
  }
}

function apply(change: SessionChange) {
  for (const cache of caches) cache.forget(change);
}

/**
 * A write changed what sessions resolve to: every cache of this process forgets what it concerns
 * now, and again when the surrounding transaction ends (see `replaySessionChanges`).
 */
export function forgetSessions(change: SessionChange) {
  apply(change);
  changesOfTransaction.getStore()?.push(change);
}

/**
 * Runs a transaction and, once it has ended (committed or rolled back), applies again the session
 * changes its writes announced: a session read between a write and its commit is not kept.
 */
export async function replaySessionChanges<T>(work: () => Promise<T>): Promise<T> {
  // A transaction inside another: the outer one replays when it ends (its commit counts).
  if (changesOfTransaction.getStore()) return work();
  const changes: SessionChange[] = [];
  try {
    return await changesOfTransaction.run(changes, work);
  } finally {
    for (const change of changes) apply(change);
  }
}

/** CCHC_SESSION_CACHE_SECONDS (default 5; 0 turns the cache off). */
export function sessionCacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseFloat(env.CCHC_SESSION_CACHE_SECONDS ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_SESSION_CACHE_SECONDS;
}
