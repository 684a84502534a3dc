import { z } from "zod";
import { ROLES } from "../../core/access/role-policy.ts";
import { COMMUNE_KINDS, UNIT_LEVELS } from "../../core/organization/unit-rules.ts";
import { AGENCY_KINDS } from "../services/agency.service.ts";

/** Response shapes shared by the organisation routes (units, agencies, users, session). */
export const unitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(COMMUNE_KINDS).nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  mergedIntoName: z.string().nullable(),
  isActive: z.boolean(),
  can: z.object({ update: z.boolean() }),
});

export const agencyView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  isActive: z.boolean(),
  can: z.object({ update: z.boolean() }),
});

export const roleView = z.object({
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
});

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleView),
  lastSignInAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});

export const meView = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  unit: z.object({
    id: z.string(),
    name: z.string(),
    level: z.enum(UNIT_LEVELS),
    kind: z.enum(COMMUNE_KINDS).nullable(),
  }),
  agency: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(roleView),
  /** Until the user sets a new password, only that, `me` and sign-out answer. */
  mustChangePassword: z.boolean(),
  can: z.object({
    admin: z.boolean(),
    viewAudit: z.boolean(),
    /** Manages the installation-wide retention of personal data (an installation administrator). */
    manageRetention: z.boolean(),
  }),
});

export const auditEventView = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  summary: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
