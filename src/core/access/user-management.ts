import { scopeIncludes, type RoleGrant, type UnitScope } from "./role-policy.ts";

/** The account being changed: its home unit and every role it holds. */
export interface ManagedUser {
  unitId: string;
  grants: readonly Pick<RoleGrant, "unitId">[];
}

/**
 * An administrator may change an account (password, roles, active state, profile) only when their
 * `user.write` scope covers the account's home unit and the unit of every role it holds; a global
 * role needs a global administrator. Otherwise an admin of one ward could reset the password of a
 * user who is also an admin of the province, sign in as that user and act at the province.
 */
export function canManageUser(writeScope: UnitScope, target: ManagedUser): boolean {
  if (!scopeIncludes(writeScope, target.unitId)) return false;
  return target.grants.every((grant) =>
    grant.unitId === null ? writeScope.kind === "all" : scopeIncludes(writeScope, grant.unitId),
  );
}

/**
 * A role may be granted only on a unit inside the granting administrator's scope; a global grant
 * (unit null) only by a global administrator, and only the admin role.
 */
export function canGrantRole(
  writeScope: UnitScope,
  grant: Pick<RoleGrant, "role" | "unitId">,
): boolean {
  if (grant.unitId === null) return writeScope.kind === "all" && grant.role === "admin";
  return scopeIncludes(writeScope, grant.unitId);
}
