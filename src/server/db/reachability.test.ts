import { describe, expect, it } from "vitest";
import { DatabaseReachability, PROBE_FRESH_MS, PROBE_STALE_MS } from "./reachability.ts";

function probed(answers: (() => Promise<unknown>)[]) {
  let now = 0;
  let probes = 0;
  const reachability = new DatabaseReachability(
    () => answers[probes++]!(),
    () => now,
  );
  return {
    reachability,
    probes: () => probes,
    advance: (ms: number) => (now += ms),
  };
}

const up = () => Promise.resolve();
const down = () => Promise.reject(new Error("ECONNREFUSED"));

describe("DatabaseReachability", () => {
  it("probes once however often it is asked within a second", async () => {
    const p = probed([up, up]);
    expect((await p.reachability.current()).reachable).toBe(true);
    for (let i = 0; i < 5; i += 1) await p.reachability.current();
    p.advance(PROBE_FRESH_MS - 1);
    await p.reachability.current();
    expect(p.probes()).toBe(1);
  });

  it("answers from the last probe while the next one runs, then from the new one", async () => {
    const p = probed([up, down]);
    await p.reachability.current();
    p.advance(PROBE_FRESH_MS);
    expect((await p.reachability.current()).reachable).toBe(true);
    expect(p.probes()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await p.reachability.current()).reachable).toBe(false);
  });

  it("waits for a fresh probe when the last one is too old", async () => {
    const p = probed([up, down]);
    await p.reachability.current();
    p.advance(PROBE_STALE_MS);
    expect((await p.reachability.current()).reachable).toBe(false);
  });

  it("shares one probe among the requests waiting for it", async () => {
    const p = probed([up]);
    const answers = await Promise.all([1, 2, 3].map(() => p.reachability.current()));
    expect(answers.every((a) => a.reachable)).toBe(true);
    expect(p.probes()).toBe(1);
  });

  it("is told the database went down and came back, ahead of its cached answer", async () => {
    let release!: () => void;
    const slow = () => new Promise<void>((resolve) => (release = resolve));
    const p = probed([up, slow, up]);
    expect((await p.reachability.current()).reachable).toBe(true);
    p.reachability.markDown();
    expect(p.reachability.fresh()?.reachable).toBe(false);
    expect((await p.reachability.current()).reachable).toBe(false);
    // A probe started while down, answering after the database came back, is not kept.
    p.advance(PROBE_FRESH_MS);
    expect((await p.reachability.current()).reachable).toBe(false);
    expect(p.probes()).toBe(2);
    p.reachability.forget();
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(p.reachability.fresh()).toBeNull();
    expect((await p.reachability.current()).reachable).toBe(true);
    expect(p.probes()).toBe(3);
  });
});
