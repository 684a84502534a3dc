import { describe, expect, it } from "vitest";
import { LaneQueue } from "./pglite-lanes.ts";
import { isQuiet, quietMoment } from "./quiet-moment.ts";

/** Lanes on a clock the test moves; `sleep` moves it and may run requests meanwhile. */
function world() {
  let clock = 10_000;
  const lanes = new LaneQueue(() => clock);
  const request = () => lanes.run("light", async () => undefined);
  return {
    lanes,
    request,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** Waits for a quiet moment on `w`'s clock, looking every 250 ms; `between` runs at each pause. */
const waitOn = (w: ReturnType<typeof world>, maxWaitMs: number, between: () => Promise<void>) =>
  quietMoment(w.lanes, {
    maxWaitMs,
    pollMs: 250,
    now: w.now,
    sleep: async (ms) => {
      w.advance(ms);
      await between();
    },
  });

describe("a quiet moment on the embedded database", () => {
  it("is one where no request asked for the connection in the last second; jobs do not count", async () => {
    const w = world();
    expect(isQuiet(w.lanes)).toBe(true);
    await w.lanes.run("background", async () => undefined);
    expect(isQuiet(w.lanes)).toBe(true);
    await w.request();
    expect(isQuiet(w.lanes)).toBe(false);
    w.advance(999);
    expect(isQuiet(w.lanes)).toBe(false);
    w.advance(2);
    expect(isQuiet(w.lanes)).toBe(true);
    // PostgreSQL: no lanes, always quiet.
    expect(isQuiet(undefined)).toBe(true);
  });

  it("comes a second after the last request", async () => {
    const w = world();
    await w.request();
    let requests = 5;
    let lastRequest = w.now();
    const outcome = await waitOn(w, 60_000, async () => {
      if (requests > 0) {
        requests -= 1;
        await w.request();
        lastRequest = w.now();
      }
    });
    expect(outcome).toBe("quiet");
    expect(requests).toBe(0);
    // The first look a whole second after the last request.
    expect(w.now() - lastRequest).toBeGreaterThan(1_000);
    expect(w.now() - lastRequest).toBeLessThanOrEqual(1_250);
  });

  it("does not wait longer than its bound on a database that is never quiet", async () => {
    const w = world();
    await w.request();
    const began = w.now();
    const outcome = await waitOn(w, 5_000, w.request);
    expect(outcome).toBe("waited");
    expect(w.now() - began).toBe(5_000);
  });

  it("ends when its job is stopped", async () => {
    const w = world();
    await w.request();
    const stop = new AbortController();
    const waiting = quietMoment(w.lanes, { maxWaitMs: 3_600_000, signal: stop.signal, pollMs: 5 });
    stop.abort();
    expect(await waiting).toBe("aborted");
  });
});
