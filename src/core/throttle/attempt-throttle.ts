/**
 * Attempt throttling: guesses (passwords, phone digits) slow down instead of locking for good.
 *
 * Each throttled thing (an account, an address, a public lookup code) keeps a score and the time
 * of its last attempt. An attempt is charged to the score before it is evaluated, so a burst of
 * parallel guesses cannot all slip through before the first failure is counted; a right answer
 * gives the charge back. The score leaks away with time (one point per `leakSeconds`), so the
 * occasional typo is forgotten, while a steady guesser stays at the longest wait.
 *
 * The wait needed after the last attempt grows with the score: none for the first
 * `freeAttempts`, then `firstWaitSeconds`, doubling with every further point, up to
 * `maxWaitSeconds`. An attempt during the wait is refused without being charged, so an attacker
 * cannot push the wait further than the cap: whoever knows the answer gets in after it.
 */
export interface ThrottlePolicy {
  freeAttempts: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** One point of the score is forgotten per this many seconds. */
  leakSeconds: number;
}

export interface ThrottleState {
  score: number;
  lastAttemptAt: Date;
}

export type ThrottleDecision =
  { allowed: true; next: ThrottleState } | { allowed: false; waitSeconds: number };

/** Sign-in, per account (known or not): 0, 0, 0, 1, 2, 4, 8 … s, at most 5 minutes. */
export const SIGN_IN_ACCOUNT_POLICY: ThrottlePolicy = {
  freeAttempts: 3,
  firstWaitSeconds: 1,
  maxWaitSeconds: 5 * 60,
  leakSeconds: 10 * 60,
};

/**
 * Sign-in, per client address: an office behind one address shares it, so ten free attempts, a
 * quick leak and at most one minute: one address cannot try many accounts quickly.
 */
export const SIGN_IN_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 10,
  firstWaitSeconds: 1,
  maxWaitSeconds: 60,
  leakSeconds: 60,
};

/**
 * Public lookup by code and the last four phone digits, per code: five tries, then the code's
 * lookup closes for 15 minutes, 30, then an hour per further wrong try (at most 24 tries a day
 * for 10 000 possible digits, whatever the number of addresses used).
 */
export const PUBLIC_LOOKUP_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  firstWaitSeconds: 15 * 60,
  maxWaitSeconds: 60 * 60,
  leakSeconds: 60 * 60,
};

/**
 * SIPAS responses from the public page and the kiosk, per device (its `cchc_device` cookie, or
 * the address for a client without one): five at once, then 20 s, doubling up to 5 minutes; one
 * forgotten per minute, so a kiosk at a desk answering about one citizen a minute never waits.
 */
export const SIPAS_DEVICE_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  firstWaitSeconds: 20,
  maxWaitSeconds: 5 * 60,
  leakSeconds: 60,
};

/**
 * SIPAS responses per client address: an office's Wi-Fi or a carrier's shared address carries
 * many people, so twenty at once and two a minute after that, at most 5 minutes' wait.
 */
export const SIPAS_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 20,
  firstWaitSeconds: 10,
  maxWaitSeconds: 5 * 60,
  leakSeconds: 30,
};

/**
 * Seconds to wait after the last attempt when the score then was `score` (rounded: a point
 * barely leaked still counts, one mostly leaked does not).
 */
export function waitAfterScore(policy: ThrottlePolicy, score: number): number {
  const points = Math.round(score);
  if (points < policy.freeAttempts) return 0;
  const doublings = points - policy.freeAttempts;
  if (doublings >= 30) return policy.maxWaitSeconds;
  return Math.min(policy.maxWaitSeconds, policy.firstWaitSeconds * 2 ** doublings);
}

/**
 * The highest score kept: the first one that already waits the longest. A long attack then
 * costs the real user no more than the longest wait once it stops.
 */
export function maxScore(policy: ThrottlePolicy): number {
  return (
    policy.freeAttempts + Math.ceil(Math.log2(policy.maxWaitSeconds / policy.firstWaitSeconds))
  );
}

/** The score at `now`, after leaking since the last attempt. */
export function leakedScore(policy: ThrottlePolicy, state: ThrottleState, now: Date): number {
  const elapsed = Math.max(0, (now.getTime() - state.lastAttemptAt.getTime()) / 1000);
  return Math.max(0, state.score - elapsed / policy.leakSeconds);
}

/** Whether an attempt may be evaluated now, and the state to store when it is (charged). */
export function decideAttempt(
  policy: ThrottlePolicy,
  state: ThrottleState | null,
  now: Date,
): ThrottleDecision {
  if (state) {
    const readyAt = state.lastAttemptAt.getTime() + waitAfterScore(policy, state.score) * 1000;
    if (now.getTime() < readyAt) {
      return { allowed: false, waitSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
    }
  }
  const score = state ? leakedScore(policy, state, now) : 0;
  return {
    allowed: true,
    next: { score: Math.min(maxScore(policy), score + 1), lastAttemptAt: now },
  };
}

/** The wait in Vietnamese for messages: "45 giây", "3 phút". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}
