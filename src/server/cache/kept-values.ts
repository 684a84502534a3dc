import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Values read from the database kept a few seconds in this process (resolved sessions, register
 * totals), and the changes that make them wrong.
 *
 * `KeptValues`: entries live `ttlMs` at most, at most `maxEntries` of them (the oldest leave
 * first); concurrent reads of one key share one load; a load that was under way when a change
 * arrived is never kept (the generation), so a value read before a write cannot outlive it.
 *
 * `ChangeChannel`: writes announce their changes (`announce`), every listening cache forgets what
 * they concern at once, and again when the surrounding transaction ends (`replayChangesAfter`): a read
 * between the write and the commit saw the old rows and may have kept them. Another process
 * writing to the same database is not heard: there a value is trusted for at most `ttlMs`.
 */
interface Entry<V, Tag> {
  value: V;
  tag: Tag;
  storedAt: number;
}

export class KeptValues<V, Tag> {
  readonly #entries = new Map<string, Entry<V, Tag>>();
  readonly #loading = new Map<string, { generation: number; value: Promise<V> }>();
  #generation = 0;
  /** Loads this cache let through: how tests see whether a value was read again. */
  loads = 0;

  constructor(
    readonly ttlMs: number,
    private readonly clock: () => number,
    readonly maxEntries: number,
  ) {}

  /**
   * The kept value for `key`, or the one `load` reads, kept (with `tagOf` its tag, what changes
   * are matched against) when `keep` says so and no change came meanwhile.
   */
  async get(
    key: string,
    load: () => Promise<V>,
    tagOf: (value: V) => Tag,
    keep: (value: V) => boolean = () => true,
  ): Promise<V> {
    const now = this.clock();
    const entry = this.#entries.get(key);
    if (entry) {
      const age = now - entry.storedAt;
      if (age >= 0 && age < this.ttlMs) return entry.value;
      this.#entries.delete(key);
    }
    const generation = this.#generation;
    const pending = this.#loading.get(key);
    if (pending && pending.generation === generation) return pending.value;
    this.loads += 1;
    const value = load();
    this.#loading.set(key, { generation, value });
    try {
      const loaded = await value;
      if (keep(loaded) && this.#generation === generation) {
        this.#entries.delete(key);
        this.#entries.set(key, { value: loaded, tag: tagOf(loaded), storedAt: now });
        while (this.#entries.size > this.maxEntries) {
          this.#entries.delete(this.#entries.keys().next().value!);
        }
      }
      return loaded;
    } finally {
      if (this.#loading.get(key)?.value === value) this.#loading.delete(key);
    }
  }

  /** A change came: loads under way are not kept, and the entries `concerns` matches go. */
  forget(concerns: (key: string, tag: Tag) => boolean) {
    this.#generation += 1;
    this.#loading.clear();
    for (const [key, entry] of this.#entries) {
      if (concerns(key, entry.tag)) this.#entries.delete(key);
    }
  }

  clear() {
    this.#entries.clear();
    this.#loading.clear();
  }
}

export interface ChangeListener<C> {
  forget(change: C): void;
}

/** The replays of the changes announced in the running transaction, of every channel. */
const replaysOfTransaction = new AsyncLocalStorage<(() => void)[]>();

export class ChangeChannel<C> {
  readonly #listeners = new Set<ChangeListener<C>>();

  listen(listener: ChangeListener<C>) {
    this.#listeners.add(listener);
  }

  unlisten(listener: ChangeListener<C>) {
    this.#listeners.delete(listener);
  }

  /**
   * A write changed what `change` names: every listener forgets it now, and again when the
   * surrounding transaction ends (`replayChangesAfter`).
   */
  announce(change: C) {
    this.#apply(change);
    replaysOfTransaction.getStore()?.push(() => this.#apply(change));
  }

  #apply(change: C) {
    for (const listener of this.#listeners) listener.forget(change);
  }
}

/**
 * Runs a transaction and, once it has ended (committed or rolled back), announces again the
 * changes its writes announced on every channel: a value read between a write and its commit saw
 * the old rows and may have been kept.
 */
export async function replayChangesAfter<T>(work: () => Promise<T>): Promise<T> {
  // A transaction inside another: the outer one replays when it ends (its commit counts).
  if (replaysOfTransaction.getStore()) return work();
  const replays: (() => void)[] = [];
  try {
    return await replaysOfTransaction.run(replays, work);
  } finally {
    for (const replay of replays) replay();
  }
}

/** A cache's lifetime in seconds from `env[name]` (a number ≥ 0; 0 turns it off), else `fallback`. */
export function cacheSecondsFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
): number {
  const parsed = Number.parseFloat(env[name] ?? "");
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}
