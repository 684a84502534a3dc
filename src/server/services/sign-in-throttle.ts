import { randomBytes } from "node:crypto";
import type { Executor } from "../db/database.ts";
import * as deviceRepository from "../db/repositories/sign-in-device.repository.ts";
import { claimAttempt, clearAttempts, refundAttempt, waitError } from "./attempt-throttle.ts";
import { sha256 } from "./use-case.ts";

/** Browsers remembered per user (the oldest are forgotten). */
const DEVICES_PER_USER = 20;

export interface SignInAttempt {
  /** The password was right: the account's count starts again, the address gets its charge back. */
  succeeded(): Promise<void>;
}

/**
 * Charges a sign-in attempt before the password is checked, and throws AUTH_RATE_LIMITED with the
 * wait when it must wait:
 * - from a browser where this account signed in before (its `cchc_device` token), to that
 *   browser alone — an attacker slowing the account or the office's address down does not
 *   keep the owner out;
 * - otherwise to the typed username, known or not (the same way, so the answers do not tell
 *   which exist), and to the client's address. A success only gives the address its charge back:
 *   signing in to one's own account does not wipe one's guesses at others.
 */
export async function claimSignInAttempt(
  db: Executor,
  input: { username: string; address: string; deviceToken: string | null; now: Date },
): Promise<SignInAttempt> {
  const { username, address, deviceToken, now } = input;
  const deviceHash = deviceToken ? sha256(deviceToken) : null;
  if (deviceHash && (await deviceRepository.findDeviceOfUsername(db, deviceHash, username))) {
    const byDevice = await claimAttempt(db, "sign_in_device", deviceHash, now);
    if (!byDevice.allowed) throw waitError("AUTH_RATE_LIMITED", byDevice.waitSeconds);
    return { succeeded: () => clearAttempts(db, byDevice.charge) };
  }
  const byAddress = await claimAttempt(db, "sign_in_address", address, now);
  if (!byAddress.allowed) throw waitError("AUTH_RATE_LIMITED", byAddress.waitSeconds);
  const byAccount = await claimAttempt(db, "sign_in_account", username, now);
  if (!byAccount.allowed) {
    await refundAttempt(db, byAddress.charge);
    throw waitError("AUTH_RATE_LIMITED", byAccount.waitSeconds);
  }
  return {
    async succeeded() {
      await clearAttempts(db, byAccount.charge);
      await refundAttempt(db, byAddress.charge);
    },
  };
}

/**
 * After a successful sign-in: the browser's token if it already belongs to the user (null), or a
 * new one to set in its `cchc_device` cookie.
 */
export async function rememberDevice(
  db: Executor,
  userId: string,
  presentedToken: string | null,
  now: Date,
): Promise<string | null> {
  if (presentedToken && (await deviceRepository.isDeviceOfUser(db, sha256(presentedToken), userId)))
    return null;
  const token = randomBytes(32).toString("base64url");
  await deviceRepository.insertDevice(
    db,
    { tokenHash: sha256(token), userId, createdAt: now },
    DEVICES_PER_USER,
  );
  return token;
}
