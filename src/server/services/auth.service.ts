import { randomBytes } from "node:crypto";
import { reachOf, type Role, type RoleGrant } from "../../core/access/role-policy.ts";
import type { CommuneKind, UnitLevel } from "../../core/organization/unit-rules.ts";
import {
  assertAcceptablePassword,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from "../auth/password.ts";
import { SessionCache } from "../auth/session-cache.ts";
import type { Executor } from "../db/database.ts";
import { findAgencyById } from "../db/repositories/agency.repository.ts";
import * as sessionRepository from "../db/repositories/session.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import * as userRepository from "../db/repositories/user.repository.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { claimSignInAttempt } from "./sign-in-throttle.ts";
import { runUseCase, sha256 } from "./use-case.ts";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  me: Awaited<ReturnType<typeof describeUser>>;
}

async function describeUser(exec: Executor, userId: string) {
  const user = (await userRepository.findUserById(exec, userId))!;
  const roles = (await userRepository.rolesOfUsers(exec, [userId])).map(
    ({ userId: _u, ...r }) => r,
  );
  const unit = (await findUnitById(exec, user.unitId))!;
  const agency = user.agencyId ? await findAgencyById(exec, user.agencyId) : null;
  return meOf({
    ...user,
    unit,
    agency: agency ? { id: agency.id, name: agency.name } : null,
    roles,
  });
}

/** The signed-in user as the API describes it (`GET /api/auth/me`) and the session holds it. */
function meOf(user: {
  id: string;
  username: string;
  fullName: string;
  unit: { id: string; name: string; level: UnitLevel; kind: CommuneKind | null };
  agency: { id: string; name: string } | null;
  roles: {
    role: Role;
    unitId: string | null;
    unitName: string | null;
    agencyId: string | null;
    agencyName: string | null;
  }[];
  mustChangePassword: boolean;
}) {
  const isAdmin = user.roles.some((r) => r.role === "admin");
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    unit: { id: user.unit.id, name: user.unit.name, level: user.unit.level, kind: user.unit.kind },
    agency: user.agency,
    roles: user.roles,
    mustChangePassword: user.mustChangePassword,
    can: {
      admin: isAdmin,
      viewAudit: isAdmin,
      // As the retention routes decide: `personal_data.manage` over the whole installation.
      manageRetention: user.roles.some(
        (r) => r.unitId === null && reachOf(r.role, "personal_data.manage") !== "none",
      ),
    },
  };
}

function grantsOf(me: {
  roles: { role: string; unitId: string | null; agencyId: string | null }[];
}): RoleGrant[] {
  return me.roles.map((r) => ({ role: r.role as Role, unitId: r.unitId, agencyId: r.agencyId }));
}

/**
 * Signs in. Failures slow the next attempts down (sign-in-throttle.ts): per typed username and
 * per client address, or per browser where the account signed in before. An unknown username is
 * throttled, checked against a dummy hash and refused exactly like a known one, so neither the
 * answer nor its time tells whether it exists.
 */
export async function signIn(
  db: Executor,
  input: {
    username: string;
    password: string;
    ip: string;
    userAgent: string | null;
    /** The browser's `cchc_device` token, if it has one. */
    deviceToken?: string | null;
    now?: Date;
  },
) {
  const username = input.username.trim().toLowerCase();
  const now = input.now ?? new Date();
  const attempt = await claimSignInAttempt(db, {
    username,
    address: input.ip,
    deviceToken: input.deviceToken ?? null,
    now,
  });
  const user = await userRepository.findUserForSignIn(db, username);
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user) await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await runUseCase(
      db,
      { userId: null, name: username || "(trống)", grants: [] },
      async ({ audit }) => {
        await audit({
          action: "auth.sign_in_failed",
          entityId: user?.id ?? null,
          unitId: user?.unitId ?? null,
          summary: `Đăng nhập không thành công: ${username} từ ${input.ip}`,
        });
      },
    );
    throw new AppError("AUTH_INVALID_CREDENTIALS");
  }
  await attempt.succeeded();
  if (!user.isActive) throw new AppError("AUTH_ACCOUNT_DISABLED");

  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const me = await describeUser(db, user.id);
  await runUseCase(
    db,
    { userId: user.id, name: user.fullName, grants: grantsOf(me) },
    async ({ tx, audit }) => {
      await sessionRepository.deleteExpiredSessions(tx, now);
      await sessionRepository.insertSession(tx, {
        tokenHash: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await userRepository.updateUser(tx, user.id, {
        failedSignInCount: 0,
        lockedUntil: null,
        lastSignInAt: now,
      });
      await audit({
        action: "auth.sign_in",
        entityId: user.id,
        unitId: user.unitId,
        summary: `Đăng nhập: ${user.username} từ ${input.ip}`,
      });
    },
  );
  return { token, csrfToken, me };
}

type LiveSessionRow = NonNullable<
  Awaited<ReturnType<typeof sessionRepository.findLiveSessionWithUser>>
>;

/** The server's cache of resolved sessions (auth/session-cache.ts); `ttlMs` 0 turns it off. */
export function sessionCache(ttlMs: number, clock?: () => number) {
  return new SessionCache<LiveSessionRow>(ttlMs, clock);
}

/**
 * The session the token opens, with its user, or null. Through the cache when given: a cached
 * session still ends at its stored expiry, to the millisecond.
 */
export async function resolveSession(
  db: Executor,
  token: string,
  cache?: SessionCache<LiveSessionRow>,
): Promise<SessionInfo | null> {
  const tokenHash = sha256(token);
  const now = new Date();
  const load = () => sessionRepository.findLiveSessionWithUser(db, tokenHash, now);
  const row = cache ? await cache.get(tokenHash, load, (r) => r.userId) : await load();
  if (!row?.isActive || row.expiresAt.getTime() <= now.getTime()) return null;
  // A cached row is the same object until the cache forgets it: its session is built once.
  const built = sessionsBuilt.get(row);
  if (built) return built;
  const session = sessionOf(row, tokenHash);
  sessionsBuilt.set(row, session);
  return session;
}

/** What a session row resolves to, kept as long as the row object (the session cache's entry). */
const sessionsBuilt = new WeakMap<LiveSessionRow, SessionInfo>();

function sessionOf(row: LiveSessionRow, tokenHash: string): SessionInfo {
  const me = meOf({
    id: row.userId,
    username: row.username,
    fullName: row.fullName,
    unit: row.unit,
    agency: row.agencyId ? { id: row.agencyId, name: row.agencyName! } : null,
    roles: row.roles.map((r) => ({ ...r, role: r.role as Role })),
    mustChangePassword: row.mustChangePassword,
  });
  return {
    actor: { userId: me.id, name: me.fullName, grants: grantsOf(me) },
    csrfToken: row.csrfToken,
    tokenHash,
    me,
  };
}

export async function signOut(db: Executor, session: SessionInfo) {
  await runUseCase(db, session.actor, async ({ tx, audit }) => {
    await sessionRepository.deleteSession(tx, session.tokenHash);
    await audit({
      action: "auth.sign_out",
      entityId: session.me.id,
      unitId: session.me.unit.id,
      summary: `Đăng xuất: ${session.me.username}`,
    });
  });
}

/**
 * The signed-in user sets a new password, proving the current one. Every other session of the user
 * ends (a thief who knew the old password is signed out); the current one stays and the
 * must-change flag is cleared.
 */
export async function changeOwnPassword(
  db: Executor,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await userRepository.findUserForSignIn(db, session.me.username);
  if (!user || user.id !== session.me.id) throw new AppError("AUTH_REQUIRED");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("PASSWORD_CURRENT_WRONG", {
      details: [{ path: "currentPassword", message: "Mật khẩu hiện tại không đúng." }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError("PASSWORD_UNCHANGED", {
      details: [{ path: "newPassword", message: "Mật khẩu mới phải khác mật khẩu hiện tại." }],
    });
  }
  assertAcceptablePassword(input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  await runUseCase(db, session.actor, async ({ tx, audit }) => {
    await userRepository.updateUser(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      failedSignInCount: 0,
      lockedUntil: null,
    });
    await sessionRepository.deleteOtherSessionsOfUser(tx, user.id, session.tokenHash);
    await audit({
      action: "auth.password_changed",
      entityId: user.id,
      unitId: user.unitId,
      summary: `Đổi mật khẩu: ${user.username}`,
    });
  });
  return { me: await describeUser(db, user.id), csrfToken: session.csrfToken };
}
