/**
 * Request and response types of the HTTP API, inferred from the server's zod schemas (the same
 * schemas that validate the requests and generate the OpenAPI document).
 *
 * Only `import type` from `src/server`: the imports are erased when the SPA is built, so no
 * server code reaches the browser bundle. The enum lists the pages need at run time come from
 * the domain core, which is plain TypeScript without I/O.
 */
import type { z } from "zod";
import type { agencyBody } from "../../server/routes/agency.routes.ts";
import type { auditQuery, auditVerifyView } from "../../server/routes/audit.routes.ts";
import type {
  passwordChangeBody,
  sessionResponse,
  signInBody,
} from "../../server/routes/auth.routes.ts";
import type { errorResponse } from "../../server/routes/common.schemas.ts";
import type {
  agencyView,
  auditEventView,
  meView,
  roleView,
  unitView,
  userView,
} from "../../server/routes/organization.schemas.ts";
import type {
  unitBody,
  unitDetail,
  unitDetailCan,
  unitImportResult,
  unitListCan,
} from "../../server/routes/unit.routes.ts";
import type { roleBody, userBody, userUpdateBody } from "../../server/routes/user.routes.ts";

export { ROLES as ROLE_NAMES } from "../../core/access/role-policy.ts";
export {
  AGENCY_KINDS,
  COMMUNE_KINDS as UNIT_KINDS,
  UNIT_LEVELS,
} from "../../core/organization/unit-rules.ts";

/** Success envelope: `{ data, can? }`. */
export interface ApiSuccess<T, C = undefined> {
  data: T;
  can: C;
}

export type ApiErrorBody = z.infer<typeof errorResponse>;
export type ApiErrorDetail = NonNullable<ApiErrorBody["error"]["details"]>[number];

// ----- auth ------------------------------------------------------------------------------------

export type RoleAssignment = z.infer<typeof roleView>;
export type RoleName = RoleAssignment["role"];
export type Me = z.infer<typeof meView>;
export type UnitLevel = Me["unit"]["level"];
export type UnitKind = NonNullable<Me["unit"]["kind"]>;
export type SignInRequest = z.input<typeof signInBody>;
export type PasswordChangeRequest = z.input<typeof passwordChangeBody>;
export type SessionResponse = z.infer<typeof sessionResponse>["data"];

// ----- units -----------------------------------------------------------------------------------

export type Unit = z.infer<typeof unitView>;
export type UnitDetail = z.infer<typeof unitDetail>;
export type UnitListCan = z.infer<typeof unitListCan>;
export type UnitDetailCan = z.infer<typeof unitDetailCan>;
export type UnitInput = z.input<typeof unitBody>;
export type UnitImportResult = z.infer<typeof unitImportResult>;

/** The list's query string as the page sends it (the server reads `includeInactive` as text). */
export interface UnitListQuery {
  q?: string;
  level?: UnitLevel;
  includeInactive?: boolean;
}

// ----- agencies --------------------------------------------------------------------------------

export type Agency = z.infer<typeof agencyView>;
export type AgencyKind = Agency["kind"];
export type AgencyCreateInput = z.input<typeof agencyBody>;
/** `PATCH /api/agencies/:id` takes the create body without the unit, every field optional. */
export type AgencyUpdateInput = Partial<Omit<AgencyCreateInput, "unitId">>;

// ----- users -----------------------------------------------------------------------------------

export type User = z.infer<typeof userView>;
export type RoleInput = z.input<typeof roleBody>;
export type UserCreateInput = z.input<typeof userBody>;
export type UserUpdateInput = z.input<typeof userUpdateBody>;

// ----- audit -----------------------------------------------------------------------------------

export type AuditEvent = z.infer<typeof auditEventView>;
export type AuditVerifyResult = z.infer<typeof auditVerifyView>;

/**
 * The audit query string. The server coerces the numbers and reads `from`/`to` as Vietnamese
 * days (`YYYY-MM-DD`) or instants, so their input types are `unknown`; the page sends these.
 */
export type AuditQuery = Omit<z.input<typeof auditQuery>, "from" | "to" | "before" | "limit"> & {
  from?: string;
  to?: string;
  limit?: number;
  /** Return events with an id lower than this (keyset pagination). */
  before?: number;
};
