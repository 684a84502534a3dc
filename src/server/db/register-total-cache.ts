import { AsyncLocalStorage } from "node:async_hooks";
import type { CaseRegister } from "../../core/case-register/index.ts";
import type { Executor } from "./database.ts";

/**
 * The capped totals of register pages (`casePageQueries`' count: up to 10,001 index entries read
 * on every page) kept a few seconds in this process, one cache per database handle the server
 * reads through (`enableRegisterTotalCache`; reads in a transaction are never cached: they may
 * see their own writes). An entry is keyed by the register, the reader's reach and the filter
 * (everything but the cursor and the page size, so the pages after a cursor reuse the first
 * page's total), lives `ttlMs` at most, and the cache holds at most `maxEntries` of them.
 *
 * Every write of a register's records says so here (`forgetRegisterTotals`): the repositories
 * that insert, update, void, import or anonymise dossiers (and add apology letters) call it after
 * their statement, naming the unit written (or the whole register), so the entries whose reach
 * holds that unit are forgotten and the next page counts again. In a transaction (`runUseCase`,
 * an import batch) the same changes are applied once more when it ends
 * (`replayRegisterTotalChanges`): a page read between the write and the commit counted the old
 * rows and may have kept its total. A count that was under way when a change arrived is not kept.
 *
 * Another process writing to the same database (a second server, the CLI) is not heard: there a
 * total may be up to `ttlMs` old (CCHC_REGISTER_TOTAL_CACHE_SECONDS; 0 turns the cache off).
 */
export type RegisterTotalChange = { register: CaseRegister; unitId?: string };

interface Entry {
  n: number;
  register: CaseRegister;
  /** The units the counted records belong to; null: every unit (the province's register). */
  units: string[] | null;
  storedAt: number;
}

export const DEFAULT_REGISTER_TOTAL_CACHE_SECONDS = 5;
const DEFAULT_MAX_ENTRIES = 2_000;

const caches = new Set<RegisterTotalCache>();
const byDatabase = new WeakMap<object, RegisterTotalCache>();
const changesOfTransaction = new AsyncLocalStorage<RegisterTotalChange[]>();

export class RegisterTotalCache {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, { generation: number; value: Promise<number> }>();
  #generation = 0;
  /** Counts this cache let through: how tests see whether a total was counted again. */
  loads = 0;

  constructor(
    readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  /** The kept total for `key`, or the one `count` makes (kept unless a change came meanwhile). */
  async get(
    register: CaseRegister,
    key: string,
    units: readonly string[] | null,
    count: () => Promise<number>,
  ): Promise<number> {
    const fullKey = `${register}\u0000${key}`;
    const now = this.clock();
    const entry = this.#entries.get(fullKey);
    if (entry) {
      const age = now - entry.storedAt;
      if (age >= 0 && age < this.ttlMs) return entry.n;
      this.#entries.delete(fullKey);
    }
    const generation = this.#generation;
    const pending = this.#loading.get(fullKey);
    if (pending && pending.generation === generation) return pending.value;
    this.loads += 1;
    const value = count();
    this.#loading.set(fullKey, { generation, value });
    try {
      const n = await value;
      if (this.#generation === generation) {
        this.#entries.set(fullKey, {
          n,
          register,
          units: units === null ? null : [...units],
          storedAt: now,
        });
        while (this.#entries.size > this.maxEntries) {
          this.#entries.delete(this.#entries.keys().next().value!);
        }
      }
      return n;
    } finally {
      if (this.#loading.get(fullKey)?.value === value) this.#loading.delete(fullKey);
    }
  }

  forget(change: RegisterTotalChange) {
    this.#generation += 1;
    this.#loading.clear();
    for (const [key, entry] of this.#entries) {
      if (entry.register !== change.register) continue;
      if (
        change.unitId === undefined ||
        entry.units === null ||
        entry.units.includes(change.unitId)
      )
        this.#entries.delete(key);
    }
  }

  /** The server closes: the cache no longer hears changes. */
  close() {
    caches.delete(this);
    this.#entries.clear();
    this.#loading.clear();
  }
}

/**
 * Keeps the register totals read through `db` (the server's handle, never a transaction's) for
 * `seconds` (0: no cache); the cache is closed with the server.
 */
export function enableRegisterTotalCache(
  db: Executor,
  seconds: number,
  clock?: () => number,
): RegisterTotalCache | null {
  if (!(seconds > 0)) return null;
  const cache = new RegisterTotalCache(seconds * 1000, clock);
  caches.add(cache);
  byDatabase.set(db, cache);
  return cache;
}

/** The cache of totals read through `exec`, if the server keeps one for it. */
export function registerTotalCacheOf(exec: Executor): RegisterTotalCache | undefined {
  const cache = byDatabase.get(exec);
  return cache && caches.has(cache) ? cache : undefined;
}

function apply(change: RegisterTotalChange) {
  for (const cache of caches) cache.forget(change);
}

/**
 * A write changed what a register's pages count: every cache of this process forgets the totals
 * it concerns now, and again when the surrounding transaction ends (`replayRegisterTotalChanges`).
 */
export function forgetRegisterTotals(change: RegisterTotalChange) {
  apply(change);
  changesOfTransaction.getStore()?.push(change);
}

/**
 * Runs a transaction and, once it has ended (committed or rolled back), applies again the total
 * changes its writes announced: a total counted between a write and its commit is not kept.
 */
export async function replayRegisterTotalChanges<T>(work: () => Promise<T>): Promise<T> {
  if (changesOfTransaction.getStore()) return work();
  const changes: RegisterTotalChange[] = [];
  try {
    return await changesOfTransaction.run(changes, work);
  } finally {
    for (const change of changes) apply(change);
  }
}

/** CCHC_REGISTER_TOTAL_CACHE_SECONDS (default 5; 0 turns the cache off). */
export function registerTotalCacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = Number.parseFloat(env.CCHC_REGISTER_TOTAL_CACHE_SECONDS ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_REGISTER_TOTAL_CACHE_SECONDS;
}
