import { describe, expect, it } from "vitest";
import { afterFailure, DEFAULT_RETRY, retryDelayMs } from "./job-rules.ts";

const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000 };
const now = new Date("2026-03-02T01:00:00Z");

describe("job retry rules", () => {
  it("doubles the wait after each failed attempt, up to the cap", () => {
    expect([1, 2, 3, 4, 40].map((n) => retryDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect(retryDelayMs(DEFAULT_RETRY, 1)).toBe(30_000);
  });

  it("tries again while attempts remain, then fails for good", () => {
    expect(afterFailure(policy, 1, 3, false, now)).toEqual({
      state: "queued",
      runAt: new Date("2026-03-02T01:00:01Z"),
    });
    expect(afterFailure(policy, 2, 3, false, now).runAt).toEqual(new Date("2026-03-02T01:00:02Z"));
    expect(afterFailure(policy, 3, 3, false, now)).toEqual({ state: "failed", runAt: null });
  });

  it("never retries a permanent error", () => {
    expect(afterFailure(policy, 1, 3, true, now)).toEqual({ state: "failed", runAt: null });
  });
});
