import { cacheSecondsFromEnv, ChangeChannel, KeptValues } from "../cache/kept-values.ts";
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
 * that insert, update, void, import or anonymise dossiers (and add apology letters), and those
 * that register, change or anonymise feedback, call it after their statement, naming the unit
 * written (or the whole register), so the entries whose reach holds that unit are forgotten and
 * the next page counts again. In a transaction (`runUseCase`,
 * an import batch) the same changes are applied once more when it ends
 * (`replayChangesAfter`, cache/kept-values.ts): a page read between the write and the commit counted the old
 * rows and may have kept its total. A count that was under way when a change arrived is not kept.
 *
 * The dossier register also keeps here, under keys of their own, whether a search is a code's
 * beginning in the reader's reach (`keptCodeMatch`, dossier.repository.ts): the same reach, the
 * same forgetting.
 *
 * Another process writing to the same database (a second server, the CLI) is not heard: there a
 * total may be up to `ttlMs` old (CCHC_REGISTER_TOTAL_CACHE_SECONDS; 0 turns the cache off).
 */
export type RegisterTotalChange = { register: CaseRegister; unitId?: string };

/** The units the counted records belong to; null: every unit (the province's register). */
type CountedUnits = string[] | null;

export const DEFAULT_REGISTER_TOTAL_CACHE_SECONDS = 5;
const DEFAULT_MAX_ENTRIES = 2_000;

const totalChanges = new ChangeChannel<RegisterTotalChange>();
const byDatabase = new WeakMap<object, RegisterTotalCache>();

export class RegisterTotalCache {
  readonly #kept: KeptValues<number, CountedUnits>;
  #open = true;

  constructor(
    readonly ttlMs: number,
    clock: () => number = Date.now,
    readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {
    this.#kept = new KeptValues(ttlMs, clock, maxEntries);
  }

  /** Counts this cache let through: how tests see whether a total was counted again. */
  get loads() {
    return this.#kept.loads;
  }

  get isOpen() {
    return this.#open;
  }

  /** The kept total for `key`, or the one `count` makes (kept unless a change came meanwhile). */
  get(
    register: CaseRegister,
    key: string,
    units: readonly string[] | null,
    count: () => Promise<number>,
  ): Promise<number> {
    const counted: CountedUnits = units === null ? null : [...units];
    return this.#kept.get(`${register}\u0000${key}`, count, () => counted);
  }

  forget(change: RegisterTotalChange) {
    const prefix = `${change.register}\u0000`;
    this.#kept.forget(
      (key, units) =>
        key.startsWith(prefix) &&
        (change.unitId === undefined || units === null || units.includes(change.unitId)),
    );
  }

  /** The server closes: the cache no longer hears changes. */
  close() {
    this.#open = false;
    totalChanges.unlisten(this);
    this.#kept.clear();
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
  totalChanges.listen(cache);
  byDatabase.set(db, cache);
  return cache;
}

/** The cache of totals read through `exec`, if the server keeps one for it. */
export function registerTotalCacheOf(exec: Executor): RegisterTotalCache | undefined {
  const cache = byDatabase.get(exec);
  return cache?.isOpen ? cache : undefined;
}

/**
 * A write changed what a register's pages count: every cache of this process forgets the totals
 * it concerns now, and again when the surrounding transaction ends (`replayChangesAfter`, cache/kept-values.ts).
 */
export function forgetRegisterTotals(change: RegisterTotalChange) {
  totalChanges.announce(change);
}

/** CCHC_REGISTER_TOTAL_CACHE_SECONDS (default 5; 0 turns the cache off). */
export function registerTotalCacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return cacheSecondsFromEnv(
    env,
    "CCHC_REGISTER_TOTAL_CACHE_SECONDS",
    DEFAULT_REGISTER_TOTAL_CACHE_SECONDS,
  );
}
