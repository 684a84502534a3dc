import { afterEach, describe, expect, it } from "vitest";
import { replayChangesAfter } from "../cache/kept-values.ts";
import type { Executor } from "./database.ts";
import {
  enableRegisterTotalCache,
  forgetRegisterTotals,
  registerTotalCacheOf,
  registerTotalCacheSeconds,
  type RegisterTotalCache,
} from "./register-total-cache.ts";

let now = 0;
const open: RegisterTotalCache[] = [];
/** A cache for a stand-in database handle (the cache only keys on its identity). */
function cache(seconds = 5) {
  const db = {} as Executor;
  const made = enableRegisterTotalCache(db, seconds, () => now);
  if (made) open.push(made);
  return { db, made };
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  now = 0;
});

const count = (c: RegisterTotalCache, key: string, units: string[] | null, n: number) =>
  c.get("dossier", key, units, async () => n);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("RegisterTotalCache", () => {
  it("keeps a total for the TTL, then counts again", async () => {
    const { made: c } = cache();
    expect(await count(c!, "k", ["w1"], 10)).toBe(10);
    expect(await count(c!, "k", ["w1"], 11)).toBe(10);
    now += 4_999;
    expect(await count(c!, "k", ["w1"], 11)).toBe(10);
    now += 1;
    expect(await count(c!, "k", ["w1"], 11)).toBe(11);
    expect(c!.loads).toBe(2);
  });

  it("is only kept for the handle it was enabled on, and not at all with 0 seconds", () => {
    const { db, made } = cache();
    expect(registerTotalCacheOf(db)).toBe(made);
    expect(registerTotalCacheOf({} as Executor)).toBeUndefined();
    const off = cache(0);
    expect(off.made).toBeNull();
    expect(registerTotalCacheOf(off.db)).toBeUndefined();
    made!.close();
    expect(registerTotalCacheOf(db)).toBeUndefined();
  });

  it("forgets the totals whose reach holds the unit written, the province's, or all of a register", async () => {
    const { made: c } = cache();
    await count(c!, "ward1", ["w1"], 1);
    await count(c!, "ward2", ["w2"], 2);
    await count(c!, "both", ["w1", "w2"], 3);
    await count(c!, "province", null, 4);
    await c!.get("feedback", "ward1", ["w1"], async () => 5);
    forgetRegisterTotals({ register: "dossier", unitId: "w1" });
    expect(await count(c!, "ward1", ["w1"], 10)).toBe(10);
    expect(await count(c!, "both", ["w1", "w2"], 30)).toBe(30);
    expect(await count(c!, "province", null, 40)).toBe(40);
    // Another unit's total and another register's are kept.
    expect(await count(c!, "ward2", ["w2"], 20)).toBe(2);
    expect(await c!.get("feedback", "ward1", ["w1"], async () => 50)).toBe(5);
    forgetRegisterTotals({ register: "dossier" });
    expect(await count(c!, "ward2", ["w2"], 21)).toBe(21);
    expect(await c!.get("feedback", "ward1", ["w1"], async () => 51)).toBe(5);
  });

  it("does not keep a count that was under way when a change arrived", async () => {
    const { made: c } = cache();
    const slow = deferred<number>();
    const pending = c!.get("dossier", "k", ["w1"], () => slow.promise);
    forgetRegisterTotals({ register: "dossier", unitId: "w1" });
    slow.resolve(7);
    expect(await pending).toBe(7);
    expect(await count(c!, "k", ["w1"], 8)).toBe(8);
  });

  it("shares one count between concurrent pages with the same key", async () => {
    const { made: c } = cache();
    const slow = deferred<number>();
    const first = c!.get("dossier", "k", null, () => slow.promise);
    const second = c!.get("dossier", "k", null, async () => 99);
    slow.resolve(3);
    expect([await first, await second]).toEqual([3, 3]);
    expect(c!.loads).toBe(1);
  });

  it("forgets again when the transaction that wrote ends: a total counted before its commit is not kept", async () => {
    const { made: c } = cache();
    await replayChangesAfter(async () => {
      forgetRegisterTotals({ register: "dossier", unitId: "w1" });
      // A page read after the write but before the commit counts the old rows.
      expect(await count(c!, "k", ["w1"], 5)).toBe(5);
    });
    expect(await count(c!, "k", ["w1"], 6)).toBe(6);
    // Also when the transaction failed (nothing written, counting again is harmless).
    await expect(
      replayChangesAfter(async () => {
        forgetRegisterTotals({ register: "dossier", unitId: "w1" });
        await count(c!, "k", ["w1"], 7);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await count(c!, "k", ["w1"], 8)).toBe(8);
  });

  it("reads CCHC_REGISTER_TOTAL_CACHE_SECONDS (default 5, 0 turns it off)", () => {
    expect(registerTotalCacheSeconds({})).toBe(5);
    expect(registerTotalCacheSeconds({ CCHC_REGISTER_TOTAL_CACHE_SECONDS: "0" })).toBe(0);
    expect(registerTotalCacheSeconds({ CCHC_REGISTER_TOTAL_CACHE_SECONDS: "2.5" })).toBe(2.5);
    expect(registerTotalCacheSeconds({ CCHC_REGISTER_TOTAL_CACHE_SECONDS: "x" })).toBe(5);
  });
});
