import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { attemptThrottles } from "../schema.ts";

export type ThrottleRow = typeof attemptThrottles.$inferSelect;

const byKey = (kind: string, keyHash: string) =>
  and(eq(attemptThrottles.kind, kind), eq(attemptThrottles.keyHash, keyHash));

export async function findThrottle(
  exec: Executor,
  kind: string,
  keyHash: string,
): Promise<ThrottleRow | null> {
  const rows = await exec.select().from(attemptThrottles).where(byKey(kind, keyHash));
  return rows[0] ?? null;
}

/** Inserts the first charge of a key; false when another request inserted it first. */
export async function insertThrottle(
  exec: Executor,
  values: { kind: string; keyHash: string; score: number; lastAttemptAt: Date },
): Promise<boolean> {
  const rows = await exec
    .insert(attemptThrottles)
    .values({ ...values, version: 0 })
    .onConflictDoNothing()
    .returning({ kind: attemptThrottles.kind });
  return rows.length === 1;
}

/** Compare-and-set: stores the new charge only if nobody changed the row since it was read. */
export async function updateThrottleIfUnchanged(
  exec: Executor,
  row: { kind: string; keyHash: string; version: number },
  values: { score: number; lastAttemptAt: Date },
): Promise<boolean> {
  const rows = await exec
    .update(attemptThrottles)
    .set({ ...values, version: row.version + 1 })
    .where(and(byKey(row.kind, row.keyHash), eq(attemptThrottles.version, row.version)))
    .returning({ kind: attemptThrottles.kind });
  return rows.length === 1;
}

/** Puts back the row as it was before a charge, if nobody charged it since; false otherwise. */
export async function restoreThrottleIfUnchanged(
  exec: Executor,
  row: { kind: string; keyHash: string; version: number },
  previous: { score: number; lastAttemptAt: Date } | null,
): Promise<boolean> {
  const where = and(byKey(row.kind, row.keyHash), eq(attemptThrottles.version, row.version));
  const rows = previous
    ? await exec
        .update(attemptThrottles)
        .set({ ...previous, version: row.version + 1 })
        .where(where)
        .returning({ kind: attemptThrottles.kind })
    : await exec.delete(attemptThrottles).where(where).returning({ kind: attemptThrottles.kind });
  return rows.length === 1;
}

/** Gives `points` back (never below zero); the time of the last attempt stays. */
export async function lowerThrottleScore(
  exec: Executor,
  kind: string,
  keyHash: string,
  points: number,
) {
  await exec
    .update(attemptThrottles)
    .set({
      score: sql`greatest(${attemptThrottles.score} - ${points}, 0)`,
      version: sql`${attemptThrottles.version} + 1`,
    })
    .where(byKey(kind, keyHash));
}

export async function deleteThrottle(exec: Executor, kind: string, keyHash: string) {
  await exec.delete(attemptThrottles).where(byKey(kind, keyHash));
}

/** Drops rows whose last attempt is older than `before` (their score has leaked away). */
export async function deleteThrottlesOlderThan(exec: Executor, before: Date) {
  await exec.delete(attemptThrottles).where(lt(attemptThrottles.lastAttemptAt, before));
}
