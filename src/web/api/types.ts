/**
 * Request and response types of the HTTP API, written from the contract.
 * Kept in this one file so they can later be replaced by types inferred from the server's zod
 * schemas without touching the pages.
 */

/** Success envelope: `{ data, can? }`. */
export interface ApiSuccess<T, C = undefined> {
  data: T;
  can: C;
}

export interface ApiErrorDetail {
  path?: string;
  message: string;
  /** 1-based data row of an imported file (unit import). */
  row?: number;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: ApiErrorDetail[];
  };
}

// ----- auth ------------------------------------------------------------------------------------

export const ROLE_NAMES = [
  "admin",
  "leader",
  "focal_officer",
  "agency_officer",
  "clerk",
  "reviewer",
  "viewer",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export interface RoleAssignment {
  role: RoleName;
  unitId: string | null;
  unitName: string | null;
  agencyId: string | null;
  agencyName: string | null;
}

export const UNIT_LEVELS = ["province", "district", "commune"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_KINDS = ["xa", "phuong", "thi_tran", "dac_khu"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Me {
  id: string;
  username: string;
  fullName: string;
  unit: { id: string; name: string; level: UnitLevel; kind: UnitKind | null };
  agency: { id: string; name: string } | null;
  roles: RoleAssignment[];
  can: { admin: boolean; viewAudit: boolean };
}

export interface SignInRequest {
  username: string;
  password: string;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

// ----- units -----------------------------------------------------------------------------------

export interface Unit {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind | null;
  parentId: string | null;
  parentName: string | null;
  /** `YYYY-MM-DD` */
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
  mergedIntoName: string | null;
  isActive: boolean;
  can: { update: boolean };
}

export interface UnitDetail extends Unit {
  agencyCount: number;
  childCount: number;
}

export interface UnitListQuery {
  q?: string;
  level?: UnitLevel;
  includeInactive?: boolean;
}

export interface UnitListCan {
  create: boolean;
  import: boolean;
}

export interface UnitDetailCan {
  update: boolean;
  createAgency: boolean;
}

export interface UnitInput {
  code: string;
  name: string;
  level: UnitLevel;
  kind?: UnitKind | null;
  parentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  mergedIntoId?: string | null;
}

export interface UnitImportResult {
  created: number;
  updated: number;
  total: number;
}

// ----- agencies --------------------------------------------------------------------------------

export const AGENCY_KINDS = ["office", "department", "one_stop", "mass_org", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  unitId: string;
  unitName: string;
  code: string | null;
  name: string;
  kind: AgencyKind;
  isActive: boolean;
  can: { update: boolean };
}

export interface AgencyCreateInput {
  unitId: string;
  name: string;
  code?: string | null;
  kind: AgencyKind;
}

export interface AgencyUpdateInput {
  name?: string;
  code?: string | null;
  kind?: AgencyKind;
  isActive?: boolean;
}

// ----- users -----------------------------------------------------------------------------------

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  agencyId: string | null;
  agencyName: string | null;
  isActive: boolean;
  roles: RoleAssignment[];
  /** ISO timestamp */
  lastSignInAt: string | null;
  can: { update: boolean };
}

export interface RoleInput {
  role: RoleName;
  /** null: a global role (only sensible for `admin`). */
  unitId: string | null;
  agencyId?: string | null;
}

export interface UserCreateInput {
  username: string;
  fullName: string;
  email?: string | null;
  password: string;
  unitId: string;
  agencyId?: string | null;
  roles: RoleInput[];
}

export interface UserUpdateInput {
  fullName?: string;
  email?: string | null;
  isActive?: boolean;
  password?: string;
  agencyId?: string | null;
  roles?: RoleInput[];
}

// ----- audit -----------------------------------------------------------------------------------

export interface AuditEvent {
  id: number;
  /** ISO timestamp */
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary: string | null;
  prevHash?: string;
  hash: string;
}

export interface AuditQuery {
  actorId?: string;
  entityType?: string;
  action?: string;
  /** ISO instants, inclusive (the page sends whole Vietnamese days). */
  from?: string;
  to?: string;
  limit?: number;
  /** Return events with an id lower than this (keyset pagination). */
  before?: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

// ----- health ----------------------------------------------------------------------------------

export interface Health {
  status: "ok";
  database: "pglite" | "postgresql";
}
