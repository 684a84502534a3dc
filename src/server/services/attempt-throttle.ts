import {
  PUBLIC_LOOKUP_POLICY,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_ADDRESS_POLICY,
  SIPAS_ADDRESS_POLICY,
  SIPAS_DEVICE_POLICY,
  decideAttempt,
  formatWait,
  type ThrottlePolicy,
  type ThrottleState,
} from "../../core/throttle/index.ts";
import type { Executor } from "../db/database.ts";
import * as throttleRepository from "../db/repositories/throttle.repository.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { sha256 } from "./use-case.ts";

/*
 * Attempt throttles stored in the database (they survive a restart and hold across processes on
 * PostgreSQL). The rules are in src/core/throttle; here each attempt is charged with a
 * compare-and-set on its row before it is evaluated, and given back when it was right.
 */

const POLICIES = {
  sign_in_account: SIGN_IN_ACCOUNT_POLICY,
  sign_in_address: SIGN_IN_ADDRESS_POLICY,
  sign_in_device: SIGN_IN_ACCOUNT_POLICY,
  dossier_lookup: PUBLIC_LOOKUP_POLICY,
  feedback_lookup: PUBLIC_LOOKUP_POLICY,
  sipas_device: SIPAS_DEVICE_POLICY,
  sipas_address: SIPAS_ADDRESS_POLICY,
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleKind = keyof typeof POLICIES;

/** Rows untouched this long have leaked to nothing under every policy; they are dropped. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_CONTENDED_TRIES = 8;

/** A charged attempt: what its row was before, to give the charge back when it was right. */
export interface Charge {
  kind: ThrottleKind;
  keyHash: string;
  version: number;
  previous: ThrottleState | null;
}

export type ClaimResult =
  { allowed: true; charge: Charge } | { allowed: false; waitSeconds: number };

const keyHashOf = (kind: ThrottleKind, key: string) => sha256(`${kind}:${key}`);

/** Charges one attempt to `key` if its wait is over; otherwise says how long is left. */
export async function claimAttempt(
  db: Executor,
  kind: ThrottleKind,
  key: string,
  now: Date,
): Promise<ClaimResult> {
  const keyHash = keyHashOf(kind, key);
  for (let i = 0; i < MAX_CONTENDED_TRIES; i++) {
    const row = await throttleRepository.findThrottle(db, kind, keyHash);
    const decision = decideAttempt(POLICIES[kind], row, now);
    if (!decision.allowed) return decision;
    const stored = row
      ? await throttleRepository.updateThrottleIfUnchanged(db, row, decision.next)
      : await throttleRepository.insertThrottle(db, { kind, keyHash, ...decision.next });
    if (stored) {
      if (!row) {
        await throttleRepository.deleteThrottlesOlderThan(
          db,
          new Date(now.getTime() - FORGET_AFTER_MS),
        );
      }
      const previous = row ? { score: row.score, lastAttemptAt: row.lastAttemptAt } : null;
      return {
        allowed: true,
        charge: { kind, keyHash, version: row ? row.version + 1 : 0, previous },
      };
    }
  }
  // Many parallel attempts on the same key: refuse this one rather than let it through uncounted.
  return { allowed: false, waitSeconds: 1 };
}

/**
 * Gives back the charge of a right attempt: the row as it was before, so the next attempt waits
 * no longer than it would have without this one; if other attempts were charged meanwhile, one
 * point less.
 */
export async function refundAttempt(db: Executor, charge: Charge) {
  const restored = await throttleRepository.restoreThrottleIfUnchanged(db, charge, charge.previous);
  if (!restored) await throttleRepository.lowerThrottleScore(db, charge.kind, charge.keyHash, 1);
}

/** Forgets every past attempt of the charged key. */
export function clearAttempts(db: Executor, charge: Charge) {
  return throttleRepository.deleteThrottle(db, charge.kind, charge.keyHash);
}

export function waitError(code: ErrorCode, waitSeconds: number) {
  return new AppError(code, {
    params: { wait: formatWait(waitSeconds), retryAfterSeconds: waitSeconds },
  });
}

/**
 * Runs a public lookup (code + last four phone digits) under the code's throttle. `code` is the
 * normalised code, or null for one that cannot exist (it fails without being counted). An error
 * for which `isWrongAnswer` holds keeps the attempt charged; anything else gives it back. The
 * refusal does not depend on whether the code exists, so codes cannot be probed through it.
 */
export async function throttledLookup<T>(
  db: Executor,
  kind: "dossier_lookup" | "feedback_lookup",
  code: string | null,
  now: Date,
  isWrongAnswer: (error: unknown) => boolean,
  lookup: () => Promise<T>,
): Promise<T> {
  if (code === null) return lookup();
  const claim = await claimAttempt(db, kind, code, now);
  if (!claim.allowed) throw waitError("PUBLIC_LOOKUP_LOCKED", claim.waitSeconds);
  let result: T;
  try {
    result = await lookup();
  } catch (error) {
    if (!isWrongAnswer(error)) await refundAttempt(db, claim.charge);
    throw error;
  }
  await refundAttempt(db, claim.charge);
  return result;
}
