import type { Role } from "../../../core/access/role-policy.ts";
import { eq, inArray, sql } from "drizzle-orm";
import { forgetSessions } from "../../auth/session-cache.ts";
import type { Executor } from "../database.ts";
import { agencies, units, userRoles, users } from "../schema.ts";

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;
export type UserRoleRow = typeof userRoles.$inferSelect;

export interface RoleWithNames {
  role: string;
  unitId: string | null;
  unitName: string | null;
  agencyId: string | null;
  agencyName: string | null;
}

export interface UserListRow extends Omit<UserRow, "passwordHash"> {
  unitName: string;
  agencyName: string | null;
}

const publicColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  email: users.email,
  unitId: users.unitId,
  agencyId: users.agencyId,
  isActive: users.isActive,
  mustChangePassword: users.mustChangePassword,
  failedSignInCount: users.failedSignInCount,
  lockedUntil: users.lockedUntil,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  unitName: units.name,
  agencyName: agencies.name,
};

function selectUsers(exec: Executor) {
  return exec
    .select(publicColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId));
}

export async function listUsersOfUnits(
  exec: Executor,
  unitIds: string[] | null,
): Promise<UserListRow[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  const query = selectUsers(exec);
  return unitIds === null ? query : query.where(inArray(users.unitId, unitIds));
}

export async function findUserById(exec: Executor, id: string): Promise<UserListRow | null> {
  const rows = await selectUsers(exec).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function findUserForSignIn(exec: Executor, username: string): Promise<UserRow | null> {
  const rows = await exec.select().from(users).where(eq(users.username, username));
  return rows[0] ?? null;
}

export async function unitIdsOfUsers(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(inArray(users.id, ids));
}

export async function rolesOfUsers(exec: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return exec
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      unitId: userRoles.unitId,
      unitName: units.name,
      agencyId: userRoles.agencyId,
      agencyName: agencies.name,
    })
    .from(userRoles)
    .leftJoin(units, eq(units.id, userRoles.unitId))
    .leftJoin(agencies, eq(agencies.id, userRoles.agencyId))
    .where(inArray(userRoles.userId, userIds));
}

export async function insertUser(exec: Executor, values: UserInsert): Promise<UserRow> {
  const [row] = await exec.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(exec: Executor, id: string, values: Partial<UserInsert>) {
  const [row] = await exec
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  // Name, active state, agency, password flag: what the user's sessions resolve to.
  forgetSessions({ userId: id });
  return row!;
}

export async function replaceUserRoles(
  exec: Executor,
  userId: string,
  roles: { role: Role; unitId: string | null; agencyId: string | null }[],
) {
  await exec.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length > 0) {
    await exec.insert(userRoles).values(roles.map((role) => ({ ...role, userId })));
  }
  forgetSessions({ userId });
}

export async function countUsers(exec: Executor): Promise<number> {
  const [row] = await exec.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}
