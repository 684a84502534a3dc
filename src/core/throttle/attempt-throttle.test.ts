import { describe, expect, it } from "vitest";
import {
  PUBLIC_LOOKUP_POLICY,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_ADDRESS_POLICY,
  decideAttempt,
  formatWait,
  leakedScore,
  maxScore,
  waitAfterScore,
  type ThrottlePolicy,
  type ThrottleState,
} from "./index.ts";

const start = new Date("2026-03-02T08:00:00Z");
const after = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** Attempts at the given second offsets; returns each decision (refused ones are not charged). */
function run(policy: ThrottlePolicy, offsets: number[], initial: ThrottleState | null = null) {
  let state = initial;
  const decisions = offsets.map((offset) => {
    const decision = decideAttempt(policy, state, after(offset));
    if (decision.allowed) state = decision.next;
    return decision;
  });
  return { decisions, state };
}

describe("attempt throttle", () => {
  it("waits 0, 0, 0, 1, 2, 4, 8 … seconds per account, at most 5 minutes", () => {
    const waits = Array.from({ length: 14 }, (_, score) =>
      waitAfterScore(SIGN_IN_ACCOUNT_POLICY, score),
    );
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    expect(maxScore(SIGN_IN_ACCOUNT_POLICY)).toBe(12);
    expect(waitAfterScore(SIGN_IN_ADDRESS_POLICY, 9)).toBe(0);
    expect(waitAfterScore(SIGN_IN_ADDRESS_POLICY, 10)).toBe(1);
    expect(waitAfterScore(SIGN_IN_ADDRESS_POLICY, 40)).toBe(60);
    expect(waitAfterScore(PUBLIC_LOOKUP_POLICY, 4)).toBe(0);
    expect(waitAfterScore(PUBLIC_LOOKUP_POLICY, 5)).toBe(15 * 60);
    expect(waitAfterScore(PUBLIC_LOOKUP_POLICY, 7)).toBe(60 * 60);
  });

  it("refuses attempts during the wait without charging them, and tells the seconds left", () => {
    const { decisions, state } = run(SIGN_IN_ACCOUNT_POLICY, [0, 0, 0, 0, 0.5, 1]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false, true]);
    expect(decisions[3]).toEqual({ allowed: false, waitSeconds: 1 });
    expect(state!.score).toBeCloseTo(4, 2);
    // The refused attempts did not move the wait: the next one is due 2 s after the last charge.
    expect(decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, after(2.5))).toEqual({
      allowed: false,
      waitSeconds: 1,
    });
    expect(decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, after(3)).allowed).toBe(true);
  });

  it("lets a burst of parallel guesses through only up to the free attempts", () => {
    const { decisions } = run(PUBLIC_LOOKUP_POLICY, Array(20).fill(0));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions[5]).toEqual({ allowed: false, waitSeconds: 15 * 60 });
  });

  it("never asks more than the longest wait, however long the attack went on", () => {
    let state: ThrottleState | null = null;
    let at = 0;
    for (let i = 0; i < 200; i++) {
      const decision = decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, after(at));
      if (decision.allowed) state = decision.next;
      else at += decision.waitSeconds;
    }
    expect(state!.score).toBeLessThanOrEqual(maxScore(SIGN_IN_ACCOUNT_POLICY));
    const refused = decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, state!.lastAttemptAt);
    expect(refused).toEqual({ allowed: false, waitSeconds: 300 });
    const lastAt = state!.lastAttemptAt.getTime();
    expect(decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, new Date(lastAt + 300_000)).allowed).toBe(
      true,
    );
  });

  it("forgets one point per leak period", () => {
    const state = { score: 5, lastAttemptAt: start };
    expect(leakedScore(SIGN_IN_ACCOUNT_POLICY, state, after(30 * 60))).toBeCloseTo(2);
    expect(leakedScore(SIGN_IN_ACCOUNT_POLICY, state, after(24 * 3600))).toBe(0);
    const decision = decideAttempt(SIGN_IN_ACCOUNT_POLICY, state, after(30 * 60));
    expect(decision.allowed && decision.next.score).toBeCloseTo(3);
  });

  it("writes the wait in Vietnamese", () => {
    expect(formatWait(1)).toBe("1 giây");
    expect(formatWait(45)).toBe("45 giây");
    expect(formatWait(60)).toBe("1 phút");
    expect(formatWait(15 * 60)).toBe("15 phút");
    expect(formatWait(301)).toBe("6 phút");
  });
});
