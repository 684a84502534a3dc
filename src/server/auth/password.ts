import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from "../../core/access/password-policy.ts";
import { AppError } from "../errors.ts";

/** argon2id with explicit parameters (OWASP's second recommended set): 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Throws PASSWORD_TOO_WEAK naming the broken rule; every place that sets a password calls it. */
export function assertAcceptablePassword(
  password: string,
  account: { username: string; fullName?: string | null },
): void {
  const problem = passwordProblem(password, account);
  if (problem === null) return;
  const reason = PASSWORD_PROBLEM_MESSAGES[problem];
  throw new AppError("PASSWORD_TOO_WEAK", {
    params: { reason },
    details: [{ path: "password", message: reason }],
  });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so unknown usernames can't be told apart by timing. */
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("cchc-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
