import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

import { ROLES, type Role } from "../../core/access/role-policy.ts";
import {
  AGENCY_KINDS,
  COMMUNE_KINDS,
  UNIT_LEVELS,
  type AgencyKind,
  type CommuneKind,
  type UnitLevel,
} from "../../core/organization/unit-rules.ts";
import { nullOrOneOf, oneOf } from "./closed-values.ts";

/** Standard audit columns, shared by every schema file. */
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Administrative unit: province, district (historical since 07/2025) or commune. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level").$type<UnitLevel>().notNull(),
    kind: text("kind").$type<CommuneKind>(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => units.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("units_code_key").on(t.code),
    index("units_parent_idx").on(t.parentId),
    check("units_level_check", oneOf(t.level, UNIT_LEVELS)),
    check("units_kind_check", nullOrOneOf(t.kind, COMMUNE_KINDS)),
    check(
      "units_validity_check",
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

/** A department, post or mass organisation inside a unit. */
export const agencies = pgTable(
  "agencies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    code: text("code"),
    name: text("name").notNull(),
    kind: text("kind").$type<AgencyKind>().notNull().default("department"),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("agencies_unit_name_key").on(t.unitId, t.name),
    check("agencies_kind_check", oneOf(t.kind, AGENCY_KINDS)),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    fullName: text("full_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    agencyId: uuid("agency_id").references(() => agencies.id),
    isActive: boolean("is_active").notNull().default(true),
    /** Set for demo accounts outside development and after an administrator's reset. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    failedSignInCount: integer("failed_sign_in_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_username_key").on(t.username), index("users_unit_idx").on(t.unitId)],
);

/** A role held by a user, scoped to a unit (and optionally an agency). A null unit means global. */
export const userRoles = pgTable(
  "user_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    agencyId: uuid("agency_id").references(() => agencies.id),
  },
  (t) => [
    index("user_roles_user_idx").on(t.userId),
    check("user_roles_role_check", oneOf(t.role, ROLES)),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Append-only, hash-chained record of every write. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    unitId: uuid("unit_id"),
    beforeDigest: text("before_digest"),
    afterDigest: text("after_digest"),
    summary: text("summary").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId),
  ],
);

/** Key/value facts about this installation (e.g. when demo data was loaded). */
export const systemSettings = pgTable("system_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

/**
 * Attempt throttles (src/core/throttle): one row per throttled thing — a sign-in account or
 * address, a public lookup code — keyed by its kind and the SHA-256 of its value, so typed
 * usernames (sometimes a password) and addresses are not stored. `version` makes each charge a
 * compare-and-set, so parallel attempts are all counted.
 */
export const attemptThrottles = pgTable(
  "attempt_throttles",
  {
    kind: text("kind").notNull(),
    keyHash: text("key_hash").notNull(),
    score: doublePrecision("score").notNull(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, precision: 3 }).notNull(),
    version: integer("version").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.keyHash] }),
    index("attempt_throttles_last_attempt_idx").on(t.lastAttemptAt),
  ],
);

/**
 * Browsers where a user signed in successfully (the `cchc_device` cookie holds the token, only
 * its SHA-256 is kept). Sign-in from such a browser is throttled on its own, not with the
 * account's and the address's failures, so an attacker slowing an account down does not keep
 * its owner out.
 */
export const signInDevices = pgTable(
  "sign_in_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("sign_in_devices_user_idx").on(t.userId, t.createdAt)],
);
