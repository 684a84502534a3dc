import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { sessions } from "../schema.ts";

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(exec: Executor, values: typeof sessions.$inferInsert) {
  await exec.insert(sessions).values(values);
}

export async function findLiveSession(exec: Executor, tokenHash: string, now: Date) {
  const rows = await exec
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return rows[0] ?? null;
}

export async function deleteSession(exec: Executor, tokenHash: string) {
  await exec.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(exec: Executor, userId: string) {
  await exec.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(exec: Executor, now: Date) {
  await exec.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Ends every session of the user but the one given (after a password change). */
export async function deleteOtherSessionsOfUser(
  exec: Executor,
  userId: string,
  keepTokenHash: string,
) {
  await exec
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)));
}
