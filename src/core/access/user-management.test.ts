import { describe, expect, it } from "vitest";
import { UnitTree } from "../organization/unit-tree.ts";
import { unitScopeFor, type RoleGrant } from "./role-policy.ts";
import { canGrantRole, canManageUser } from "./user-management.ts";

const tree = new UnitTree(
  [
    { id: "province", parentId: null },
    { id: "ward", parentId: "province" },
    { id: "other-ward", parentId: "province" },
  ].map((link) => ({ ...link, validFrom: null, validTo: null, mergedIntoId: null })),
);
const scopeOf = (grants: RoleGrant[]) => unitScopeFor(grants, "user.write", tree);
const wardAdmin = scopeOf([{ role: "admin", unitId: "ward", agencyId: null }]);
const provinceAdmin = scopeOf([{ role: "admin", unitId: "province", agencyId: null }]);
const globalAdmin = scopeOf([{ role: "admin", unitId: null, agencyId: null }]);

describe("who may change an account", () => {
  it("needs the home unit and the unit of every role the account holds", () => {
    const wardOnly = { unitId: "ward", grants: [{ unitId: "ward" }] };
    const alsoProvince = { unitId: "ward", grants: [{ unitId: "ward" }, { unitId: "province" }] };
    expect(canManageUser(wardAdmin, wardOnly)).toBe(true);
    expect(canManageUser(wardAdmin, alsoProvince)).toBe(false);
    expect(canManageUser(provinceAdmin, alsoProvince)).toBe(true);
    expect(canManageUser(wardAdmin, { unitId: "other-ward", grants: [] })).toBe(false);
  });

  it("leaves accounts with a global role to global administrators", () => {
    const global = { unitId: "province", grants: [{ unitId: null }] };
    expect(canManageUser(provinceAdmin, global)).toBe(false);
    expect(canManageUser(globalAdmin, global)).toBe(true);
  });

  it("lets no one without user.write change anyone", () => {
    const reviewer = scopeOf([{ role: "reviewer", unitId: "province", agencyId: null }]);
    expect(canManageUser(reviewer, { unitId: "ward", grants: [{ unitId: "ward" }] })).toBe(false);
  });
});

describe("who may grant a role", () => {
  it("grants only inside the granting admin's scope, and global admin only globally", () => {
    expect(canGrantRole(wardAdmin, { role: "clerk", unitId: "ward" })).toBe(true);
    expect(canGrantRole(wardAdmin, { role: "admin", unitId: "province" })).toBe(false);
    expect(canGrantRole(provinceAdmin, { role: "admin", unitId: null })).toBe(false);
    expect(canGrantRole(globalAdmin, { role: "admin", unitId: null })).toBe(true);
    expect(canGrantRole(globalAdmin, { role: "viewer", unitId: null })).toBe(false);
  });
});
