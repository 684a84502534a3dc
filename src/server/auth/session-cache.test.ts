import { afterEach, describe, expect, it } from "vitest";
import { replayChangesAfter } from "../cache/kept-values.ts";
import { forgetSessions, SessionCache } from "./session-cache.ts";

interface Row {
  userId: string;
  name: string;
}

let now = 0;
const open: SessionCache<Row>[] = [];
function cache(ttlMs = 5_000, maxEntries?: number) {
  const made = new SessionCache<Row>(ttlMs, () => now, maxEntries);
  open.push(made);
  return made;
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  now = 0;
});

const userIdOf = (row: Row) => row.userId;
const read = (c: SessionCache<Row>, hash: string, row: Row | null) =>
  c.get(hash, async () => row, userIdOf);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("SessionCache", () => {
  it("keeps a row for the TTL, then reads again", async () => {
    const c = cache();
    await read(c, "h1", { userId: "u1", name: "A" });
    expect(await read(c, "h1", { userId: "u1", name: "B" })).toEqual({ userId: "u1", name: "A" });
    now += 4_999;
    expect((await read(c, "h1", { userId: "u1", name: "B" }))!.name).toBe("A");
    now += 1;
    expect((await read(c, "h1", { userId: "u1", name: "B" }))!.name).toBe("B");
    expect(c.loads).toBe(2);
  });

  it("keeps nothing with a TTL of 0, and never keeps an unknown session", async () => {
    const off = cache(0);
    await read(off, "h1", { userId: "u1", name: "A" });
    expect((await read(off, "h1", { userId: "u1", name: "B" }))!.name).toBe("B");
    const on = cache();
    expect(await read(on, "h2", null)).toBeNull();
    expect((await read(on, "h2", { userId: "u2", name: "C" }))!.name).toBe("C");
  });

  it("forgets one token, a user's tokens, or everything, in every cache of the process", async () => {
    const a = cache();
    const b = cache();
    for (const c of [a, b]) {
      await read(c, "t1", { userId: "u1", name: "old" });
      await read(c, "t2", { userId: "u1", name: "old" });
      await read(c, "t3", { userId: "u2", name: "old" });
    }
    forgetSessions({ tokenHash: "t1" });
    expect((await read(a, "t1", { userId: "u1", name: "new" }))!.name).toBe("new");
    expect((await read(b, "t2", { userId: "u1", name: "new" }))!.name).toBe("old");
    forgetSessions({ userId: "u1" });
    expect((await read(b, "t2", { userId: "u1", name: "new" }))!.name).toBe("new");
    expect((await read(b, "t3", { userId: "u2", name: "new" }))!.name).toBe("old");
    forgetSessions("all");
    expect((await read(a, "t3", { userId: "u2", name: "new" }))!.name).toBe("new");
  });

  it("does not keep a read that a change overtook, nor let a later request join it", async () => {
    const c = cache();
    const slow = deferred<Row | null>();
    const first = c.get("h1", () => slow.promise, userIdOf);
    forgetSessions({ userId: "u1" });
    // A request after the change reads again instead of sharing the read under way.
    expect((await read(c, "h1", { userId: "u1", name: "after" }))!.name).toBe("after");
    slow.resolve({ userId: "u1", name: "before" });
    expect((await first)!.name).toBe("before");
    forgetSessions({ tokenHash: "h1" });
    expect((await read(c, "h1", { userId: "u1", name: "fresh" }))!.name).toBe("fresh");
  });

  it("shares one read among concurrent requests of the same token", async () => {
    const c = cache();
    const slow = deferred<Row | null>();
    const reads = [1, 2, 3].map(() => c.get("h1", () => slow.promise, userIdOf));
    slow.resolve({ userId: "u1", name: "A" });
    expect((await Promise.all(reads)).map((r) => r!.name)).toEqual(["A", "A", "A"]);
    expect(c.loads).toBe(1);
  });

  it("applies a transaction's changes again when it ends", async () => {
    const c = cache();
    await replayChangesAfter(async () => {
      forgetSessions({ userId: "u1" });
      // Read between the write and the commit: the old row, kept for now …
      await read(c, "h1", { userId: "u1", name: "before commit" });
      expect((await read(c, "h1", { userId: "u1", name: "x" }))!.name).toBe("before commit");
    });
    // … and forgotten once the transaction has ended.
    expect((await read(c, "h1", { userId: "u1", name: "committed" }))!.name).toBe("committed");
  });

  it("replays when the transaction fails too, and nested ones with the outer one", async () => {
    const c = cache();
    await expect(
      replayChangesAfter(async () => {
        await replayChangesAfter(async () => forgetSessions({ userId: "u1" }));
        await read(c, "h1", { userId: "u1", name: "inside" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await read(c, "h1", { userId: "u1", name: "after" }))!.name).toBe("after");
  });

  it("holds at most maxEntries, the oldest leaving first", async () => {
    const c = cache(5_000, 2);
    for (const h of ["h1", "h2", "h3"]) await read(c, h, { userId: h, name: "kept" });
    expect((await read(c, "h1", { userId: "h1", name: "again" }))!.name).toBe("again");
    expect((await read(c, "h3", { userId: "h3", name: "again" }))!.name).toBe("kept");
  });
});
