import { ROLES, scopeIncludes, type Role } from "../../core/access/role-policy.ts";
import { canGrantRole } from "../../core/access/user-management.ts";
import { compareVietnamese, matchesSearch } from "../../core/text/vietnamese-text.ts";
import { assertAcceptablePassword, hashPassword } from "../auth/password.ts";
import type { Executor } from "../db/database.ts";
import { findAgencyById } from "../db/repositories/agency.repository.ts";
import { deleteSessionsOfUser } from "../db/repositories/session.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import * as userRepository from "../db/repositories/user.repository.ts";
import type { UserListRow } from "../db/repositories/user.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export interface RoleInput {
  role: Role;
  unitId: string | null;
  agencyId?: string | null;
}

export interface UserInput {
  username: string;
  fullName: string;
  email?: string | null;
  password: string;
  unitId: string;
  agencyId?: string | null;
  roles: RoleInput[];
}

export type UserUpdate = Partial<Omit<UserInput, "username" | "unitId">> & { isActive?: boolean };

async function withRoles(exec: Executor, rows: UserListRow[]) {
  const roles = await userRepository.rolesOfUsers(
    exec,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const { failedSignInCount: _f, lockedUntil: _l, createdAt: _c, updatedAt: _u, ...rest } = row;
    // (mustChangePassword stays: the admin list shows who has not yet set their own password.)
    return {
      ...rest,
      lastSignInAt: rest.lastSignInAt?.toISOString() ?? null,
      roles: roles
        .filter((role) => role.userId === row.id)
        .map(({ userId: _id, ...role }) => role)
        .sort((a, b) => ROLES.indexOf(a.role as Role) - ROLES.indexOf(b.role as Role)),
    };
  });
}

export async function listUsers(
  db: Executor,
  actor: Actor,
  filter: { unitId?: string; q?: string },
) {
  const readScope = await access.unitScope(db, actor, "user.read");
  const writeScope = await access.unitScope(db, actor, "user.write");
  let unitIds = access.scopeToIds(readScope);
  if (filter.unitId) {
    if (!scopeIncludes(readScope, filter.unitId)) throw new AppError("UNIT_NOT_FOUND");
    unitIds = [filter.unitId];
  }
  const rows = (await userRepository.listUsersOfUnits(db, unitIds)).filter(
    (row) =>
      !filter.q || matchesSearch(`${row.fullName} ${row.username} ${row.email ?? ""}`, filter.q),
  );
  const users = await withRoles(db, rows);
  const manageable = await access.check(
    db,
    actor,
    "user.write",
    "user",
    users.map((user) => user.id),
  );
  return {
    data: users
      .map((user) => ({ ...user, can: { update: manageable.has(user.id) } }))
      .sort((a, b) => compareVietnamese(a.fullName, b.fullName)),
    can: { create: writeScope.kind === "all" || writeScope.unitIds.size > 0 },
  };
}

export async function getUser(db: Executor, actor: Actor, id: string) {
  const allowed = await access.checkEach(db, actor, ["user.read", "user.write"], "user", [id]);
  const row = allowed["user.read"].has(id) ? await userRepository.findUserById(db, id) : null;
  if (!row) throw new AppError("USER_NOT_FOUND");
  const [user] = await withRoles(db, [row]);
  const canUpdate = allowed["user.write"].has(id);
  return { data: { ...user!, can: { update: canUpdate } }, can: { update: canUpdate } };
}

async function checkAgencyInUnit(
  tx: Executor,
  agencyId: string | null | undefined,
  unitId: string | null,
) {
  if (!agencyId) return;
  const agency = await findAgencyById(tx, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  if (unitId !== null && agency.unitId !== unitId) throw new AppError("USER_AGENCY_MISMATCH");
}

/** Every role granted must lie inside the granting administrator's own reach. */
async function checkRoles(tx: Executor, actor: Actor, roles: RoleInput[]) {
  const writeScope = await access.unitScope(tx, actor, "user.write");
  for (const role of roles) {
    if (role.unitId === null) {
      if (!canGrantRole(writeScope, role)) throw new AppError("FORBIDDEN");
      continue;
    }
    if (!(await findUnitById(tx, role.unitId))) throw new AppError("UNIT_NOT_FOUND");
    if (!canGrantRole(writeScope, role)) throw new AppError("FORBIDDEN");
    await checkAgencyInUnit(tx, role.agencyId, role.unitId);
  }
}

export async function createUser(db: Executor, actor: Actor, input: UserInput) {
  assertAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "unit.read", "unit", [input.unitId]);
    if (!readable.has(input.unitId) || !(await findUnitById(tx, input.unitId))) {
      throw new AppError("UNIT_NOT_FOUND");
    }
    await access.require(tx, actor, "user.write", "unit", input.unitId);
    await checkAgencyInUnit(tx, input.agencyId, input.unitId);
    await checkRoles(tx, actor, input.roles);
    const username = input.username.trim().toLowerCase();
    if (await userRepository.findUserForSignIn(tx, username)) {
      throw new AppError("USERNAME_TAKEN", { params: { username } });
    }
    const row = await userRepository.insertUser(tx, {
      username,
      fullName: input.fullName.trim(),
      email: input.email?.trim() || null,
      passwordHash,
      unitId: input.unitId,
      agencyId: input.agencyId ?? null,
    });
    const roles = input.roles.map((r) => ({
      role: r.role,
      unitId: r.unitId,
      agencyId: r.agencyId ?? null,
    }));
    await userRepository.replaceUserRoles(tx, row.id, roles);
    const { passwordHash: _h, ...safe } = row;
    await audit({
      action: "user.create",
      entityId: row.id,
      unitId: row.unitId,
      after: { ...safe, roles },
      summary: `Tạo tài khoản ${row.username} (${row.fullName})`,
    });
    const [user] = await withRoles(tx, [(await userRepository.findUserById(tx, row.id))!]);
    return { data: { ...user!, can: { update: true } } };
  });
}

/** The account, when the actor may read it (else USER_NOT_FOUND) and change it (else FORBIDDEN). */
async function manageableUser(exec: Executor, actor: Actor, id: string) {
  await access.requireRecord(exec, actor, "user", id, {
    read: "user.read",
    act: "user.write",
    notFound: "USER_NOT_FOUND",
  });
  const before = await userRepository.findUserById(exec, id);
  if (!before) throw new AppError("USER_NOT_FOUND");
  const [beforeView] = await withRoles(exec, [before]);
  return { before, beforeView: beforeView! };
}

/**
 * Changes an account: profile, roles, active state, or a password reset. The administrator's scope
 * must cover the account's home unit and every unit its roles cover (`canManageUser`), and every
 * role granted must lie in that scope. A reset by someone else makes the user choose a new password
 * at the next sign-in; a reset or a deactivation ends the user's open sessions.
 */
export async function updateUser(db: Executor, actor: Actor, id: string, input: UserUpdate) {
  let passwordHash: string | undefined;
  if (input.password) {
    // Checked and hashed before the transaction (argon2 takes a while); permission comes first.
    const { before } = await manageableUser(db, actor, id);
    assertAcceptablePassword(input.password, {
      username: before.username,
      fullName: input.fullName ?? before.fullName,
    });
    passwordHash = await hashPassword(input.password);
  }
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { before, beforeView } = await manageableUser(tx, actor, id);
    if (input.agencyId !== undefined) await checkAgencyInUnit(tx, input.agencyId, before.unitId);
    if (input.roles !== undefined) await checkRoles(tx, actor, input.roles);
    const resetBySomeoneElse = passwordHash !== undefined && actor.userId !== id;
    const row = await userRepository.updateUser(tx, id, {
      ...(input.fullName !== undefined ? { fullName: input.fullName.trim() } : {}),
      ...(input.email !== undefined ? { email: input.email?.trim() || null } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      ...(input.agencyId !== undefined ? { agencyId: input.agencyId } : {}),
      ...(passwordHash
        ? {
            passwordHash,
            failedSignInCount: 0,
            lockedUntil: null,
            mustChangePassword: resetBySomeoneElse,
          }
        : {}),
    });
    if (input.roles !== undefined) {
      await userRepository.replaceUserRoles(
        tx,
        id,
        input.roles.map((r) => ({ role: r.role, unitId: r.unitId, agencyId: r.agencyId ?? null })),
      );
    }
    // A password reset or deactivation ends the user's open sessions.
    if (passwordHash || input.isActive === false) await deleteSessionsOfUser(tx, id);
    const [after] = await withRoles(tx, [(await userRepository.findUserById(tx, id))!]);
    await audit({
      action: "user.update",
      entityId: id,
      unitId: row.unitId,
      before: beforeView,
      after: { ...after, passwordChanged: Boolean(passwordHash) },
      summary: `Cập nhật tài khoản ${row.username}${passwordHash ? " (đặt lại mật khẩu)" : ""}`,
    });
    const canUpdate = (await access.check(tx, actor, "user.write", "user", [id])).has(id);
    return { data: { ...after!, can: { update: canUpdate } } };
  });
}
