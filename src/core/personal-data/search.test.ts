import { describe, expect, it } from "vitest";
import { feedbackReachOf } from "../access/record-gate.ts";
import { unitScopeFor, type Role, type RoleGrant } from "../access/role-policy.ts";
import { UnitTree } from "../organization/unit-tree.ts";
import { nameSearchCoverage, personalSearchReach, personalSearchUnits } from "./index.ts";

const tree = new UnitTree(
  [
    { id: "province", parentId: null },
    { id: "ward-a", parentId: "province" },
    { id: "ward-b", parentId: "province" },
  ].map((link) => ({ ...link, validFrom: null, validTo: null, mergedIntoId: null })),
);

const grant = (role: Role, unitId: string | null, agencyId: string | null = null): RoleGrant => ({
  role,
  unitId,
  agencyId,
});

/** Where a dossier register search may match applicants' names, for these grants. */
function dossierSearch(...grants: RoleGrant[]) {
  return personalSearchUnits(
    unitScopeFor(grants, "dossier.read", tree),
    unitScopeFor(grants, "personal_data.full", tree),
  );
}

function feedbackSearch(...grants: RoleGrant[]) {
  return personalSearchReach(
    feedbackReachOf(grants, tree),
    feedbackReachOf(grants, tree, "personal_data.full"),
  );
}

describe("where a register search may match personal fields", () => {
  it("everywhere for the unit's own desk and officers (their search is not restricted)", () => {
    for (const role of ["clerk", "focal_officer", "leader"] as const) {
      expect(dossierSearch(grant(role, "ward-a"))).toBe("everywhere");
      expect(feedbackSearch(grant(role, "ward-a"))).toBe("everywhere");
    }
    expect(feedbackSearch(grant("agency_officer", "ward-a", "tu-phap"))).toBe("everywhere");
  });

  it("nowhere for viewers, upper reviewers and administrators: codes only", () => {
    for (const g of [
      grant("viewer", "ward-a"),
      grant("reviewer", "province"),
      grant("admin", null),
    ])
      expect(dossierSearch(g)).toEqual([]);
    expect(feedbackSearch(grant("reviewer", "province"))).toEqual({ unitIds: [], agencyReach: [] });
    expect(feedbackSearch(grant("admin", null))).toEqual({ unitIds: [], agencyReach: [] });
  });

  it("only in the own unit for someone who also reads other units masked", () => {
    const grants = [grant("clerk", "ward-a"), grant("reviewer", "province")];
    expect(dossierSearch(...grants)).toEqual(["ward-a"]);
    expect(feedbackSearch(...grants)).toEqual({ unitIds: ["ward-a"], agencyReach: [] });
  });

  it("keeps an agency officer's part when their reach is wider elsewhere", () => {
    const grants = [grant("agency_officer", "ward-a", "tu-phap"), grant("viewer", "ward-b")];
    expect(feedbackSearch(...grants)).toEqual({
      unitIds: [],
      agencyReach: [{ unitIds: ["ward-a"], agencyId: "tu-phap" }],
    });
  });
});

describe("what the search box may say it searches", () => {
  const coverage = (...grants: RoleGrant[]) => [
    nameSearchCoverage(dossierSearch(...grants)),
    nameSearchCoverage(feedbackSearch(...grants)),
  ];

  it("names everywhere for the unit's own desk", () => {
    expect(coverage(grant("clerk", "ward-a"))).toEqual(["all", "all"]);
  });

  it("codes only for masked readers", () => {
    expect(coverage(grant("reviewer", "province"))).toEqual(["none", "none"]);
    expect(coverage(grant("admin", null))).toEqual(["none", "none"]);
  });

  it("names in some records for a desk that also reads other units masked", () => {
    expect(coverage(grant("clerk", "ward-a"), grant("reviewer", "province"))).toEqual([
      "some",
      "some",
    ]);
    expect(
      nameSearchCoverage(
        feedbackSearch(grant("agency_officer", "ward-a", "tu-phap"), grant("viewer", "ward-b")),
      ),
    ).toBe("some");
  });
});
