import { describe, expect, it } from "vitest";
import {
  ROLES,
  mayEverDo,
  reachOf,
  scopeIncludes,
  unitScopeFor,
  type Role,
  type RoleGrant,
} from "./role-policy.ts";
import { UnitTree } from "../organization/unit-tree.ts";

const links = [
  { id: "province", parentId: null },
  { id: "district", parentId: "province" },
  { id: "old-commune", parentId: "district" },
  { id: "commune-a", parentId: "province" },
  { id: "commune-b", parentId: "province" },
  { id: "other-province", parentId: null },
];
const tree = new UnitTree(
  links.map((link) => ({ ...link, validFrom: null, validTo: null, mergedIntoId: null })),
);

describe("role policy", () => {
  it("gives organisation writes to administrators only", () => {
    for (const role of ROLES) {
      expect(reachOf(role, "unit.write") !== "none").toBe(role === "admin");
      expect(reachOf(role, "user.write") !== "none").toBe(role === "admin");
      expect(reachOf(role, "unit.read")).not.toBe("none");
    }
  });

  it("lets a province reviewer reach every descendant, historical ones included", () => {
    const scope = unitScopeFor(
      [{ role: "reviewer", unitId: "province", agencyId: null }],
      "unit.read",
      tree,
    );
    for (const id of ["province", "district", "old-commune", "commune-a", "commune-b"]) {
      expect(scopeIncludes(scope, id)).toBe(true);
    }
    expect(scopeIncludes(scope, "other-province")).toBe(false);
  });

  it("keeps a commune officer inside the commune", () => {
    const scope = unitScopeFor(
      [{ role: "focal_officer", unitId: "commune-a", agencyId: null }],
      "unit.read",
      tree,
    );
    expect(scopeIncludes(scope, "commune-a")).toBe(true);
    expect(scopeIncludes(scope, "commune-b")).toBe(false);
    expect(scopeIncludes(scope, "province")).toBe(false);
    const writeScope = unitScopeFor(
      [{ role: "focal_officer", unitId: "commune-a", agencyId: null }],
      "unit.write",
      tree,
    );
    expect(scopeIncludes(writeScope, "commune-a")).toBe(false);
  });

  it("treats an admin grant without a unit as global", () => {
    const scope = unitScopeFor(
      [{ role: "admin", unitId: null, agencyId: null }],
      "unit.write",
      tree,
    );
    expect(scope.kind).toBe("all");
    expect(scopeIncludes(scope, "other-province")).toBe(true);
  });

  it("lets a clerk write dossiers and procedures of their own unit only", () => {
    const grants = [{ role: "clerk" as const, unitId: "commune-a", agencyId: null }];
    for (const action of ["dossier.write", "procedure.write"] as const) {
      const scope = unitScopeFor(grants, action, tree);
      expect(scopeIncludes(scope, "commune-a")).toBe(true);
      expect(scopeIncludes(scope, "commune-b")).toBe(false);
    }
    expect(scopeIncludes(unitScopeFor(grants, "calendar.write", tree), "commune-a")).toBe(false);
    for (const role of ROLES) {
      expect(reachOf(role, "dossier.write") !== "none").toBe(role === "admin" || role === "clerk");
      expect(reachOf(role, "calendar.write") !== "none").toBe(role === "admin");
      expect(reachOf(role, "dossier.read")).toBe(
        role === "admin" || role === "reviewer" ? "subtree" : "own_unit",
      );
    }
  });

  it("lets the clerk and focal officer handle feedback; agency officers answer only their agency's", () => {
    for (const role of ROLES) {
      expect(reachOf(role, "feedback.write") !== "none").toBe(
        role === "admin" || role === "clerk" || role === "focal_officer",
      );
      expect(reachOf(role, "feedback.read")).toBe(
        role === "admin" || role === "reviewer" ? "subtree" : "own_unit",
      );
    }
    // Agency officers' limit to their agency's feedback: record-gate.test.ts.
  });
  it("lets the focal officer, the leader and the reviewer draft methodologies at their own unit", () => {
    for (const role of ROLES) {
      const writes = ["admin", "focal_officer", "leader", "reviewer"].includes(role);
      expect(reachOf(role, "methodology.write")).toBe(
        role === "admin" ? "subtree" : writes ? "own_unit" : "none",
      );
      expect(reachOf(role, "methodology.read")).toBe(
        role === "admin" || role === "reviewer" ? "subtree" : "own_unit",
      );
    }
    const reviewer: RoleGrant[] = [{ role: "reviewer", unitId: "province", agencyId: null }];
    const writeScope = unitScopeFor(reviewer, "methodology.write", tree);
    expect(scopeIncludes(writeScope, "province")).toBe(true);
    expect(scopeIncludes(writeScope, "commune-a")).toBe(false);
    expect(scopeIncludes(unitScopeFor(reviewer, "methodology.read", tree), "commune-a")).toBe(true);
  });
});

describe("personal data", () => {
  it("is shown in full only to the unit's own desk and officers, managed by administrators", () => {
    for (const role of ROLES) {
      const desk = ["leader", "focal_officer", "agency_officer", "clerk"].includes(role);
      expect(reachOf(role, "personal_data.full")).toBe(desk ? "own_unit" : "none");
      expect(reachOf(role, "personal_data.manage")).toBe(role === "admin" ? "subtree" : "none");
    }
    const reviewer: RoleGrant[] = [{ role: "reviewer", unitId: "province", agencyId: null }];
    expect(scopeIncludes(unitScopeFor(reviewer, "personal_data.full", tree), "commune-a")).toBe(
      false,
    );
    const admin: RoleGrant[] = [{ role: "admin", unitId: null, agencyId: null }];
    expect(unitScopeFor(admin, "personal_data.full", tree)).toEqual({
      kind: "some",
      unitIds: new Set(),
    });
  });
});

describe("mayEverDo (checked before a request's body is read)", () => {
  const grant = (role: Role) => ({ role, unitId: "u", agencyId: null });
  it("refuses a role that never writes, whatever the unit", () => {
    expect(mayEverDo([grant("viewer")], ["unit.write", "procedure.write"])).toBe(false);
    expect(mayEverDo([grant("reviewer")], ["plan.write"])).toBe(false);
  });
  it("allows when any grant could allow any of the actions", () => {
    expect(mayEverDo([grant("viewer"), grant("clerk")], ["dossier.write"])).toBe(true);
    expect(mayEverDo([grant("agency_officer")], ["feedback.write", "feedback.answer"])).toBe(true);
    expect(mayEverDo([grant("admin")], ["calendar.write"])).toBe(true);
  });
});
