/**
 * The rules of background jobs, pure: their states, when a failed attempt is tried again, and when
 * a job held by a worker counts as abandoned. The runner (`src/server/jobs/`) applies them.
 */

/** queued: waiting for its time; running: held by a worker; done / failed: finished for good. */
export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: "Đang chờ",
  running: "Đang chạy",
  done: "Hoàn thành",
  failed: "Thất bại",
};

export interface RetryPolicy {
  /** Attempts in all, the first included (≥ 1). */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait doubles it. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
};

/** The wait after failed attempt number `attempt` (1 for the first): base · 2^(attempt−1), capped. */
export function retryDelayMs(
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  attempt: number,
): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

export type AttemptOutcome = { state: "queued"; runAt: Date } | { state: "failed"; runAt: null };

/**
 * What follows a failed attempt: another one after the backoff while attempts remain, unless the
 * error is permanent (retrying cannot help: a file that cannot be read).
 */
export function afterFailure(
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  attempt: number,
  maxAttempts: number,
  permanent: boolean,
  now: Date,
): AttemptOutcome {
  if (permanent || attempt >= maxAttempts) return { state: "failed", runAt: null };
  return { state: "queued", runAt: new Date(now.getTime() + retryDelayMs(policy, attempt)) };
}
