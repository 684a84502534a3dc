import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import { forgetSessions } from "../../auth/session-cache.ts";
import type { Executor } from "../database.ts";
import { agencies, sessions, units, users } from "../schema.ts";

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

export interface SessionRoleRow {
  role: string;
  unitId: string | null;
  unitName: string | null;
  agencyId: string | null;
  agencyName: string | null;
}

/**
 * A live session with everything a request needs about its user, in one query: the account, its
 * unit and agency, and its roles (each with its unit's and agency's name). Every request that
 * carries a session cookie runs it (unless the session cache answers, auth/session-cache.ts); it
 * replaced six queries.
 */
export async function findLiveSessionWithUser(exec: Executor, tokenHash: string, now: Date) {
  const rows = await exec
    .select({
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      isActive: users.isActive,
      mustChangePassword: users.mustChangePassword,
      unit: { id: units.id, name: units.name, level: units.level, kind: units.kind },
      agencyId: agencies.id,
      agencyName: agencies.name,
      roles: sql<SessionRoleRow[]>`coalesce((
        select json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitName', ru.name,
          'agencyId', r.agency_id, 'agencyName', ra.name))
        from user_roles r
        left join units ru on ru.id = r.unit_id
        left join agencies ra on ra.id = r.agency_id
        where r.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return rows[0] ?? null;
}

export async function deleteSession(exec: Executor, tokenHash: string) {
  await exec.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  forgetSessions({ tokenHash });
}

export async function deleteSessionsOfUser(exec: Executor, userId: string) {
  await exec.delete(sessions).where(eq(sessions.userId, userId));
  forgetSessions({ userId });
}

/** Nothing to forget: a cached session is checked against its stored expiry on every request. */
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
  forgetSessions({ userId });
}
