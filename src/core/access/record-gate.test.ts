import { describe, expect, it } from "vitest";
import { UnitTree } from "../organization/unit-tree.ts";
import {
  allowedRecords,
  feedbackReachOf,
  RECORD_KINDS,
  upperPlanUnitIds,
  type RecordOwner,
  type Subject,
} from "./record-gate.ts";
import type { Role } from "./role-policy.ts";

const tree = new UnitTree(
  [
    { id: "province", parentId: null },
    { id: "district", parentId: "province" },
    { id: "commune-a", parentId: "district" },
    { id: "commune-b", parentId: "district" },
    { id: "other-province", parentId: null },
  ].map((link) => ({ ...link, validFrom: null, validTo: null, mergedIntoId: null })),
);

const at = (role: Role, unitId: string | null, agencyId: string | null = null): Subject => ({
  userId: `user-${role}`,
  grants: [{ role, unitId, agencyId }],
});
const ids = (set: Set<string>) => [...set].sort();

describe("record gate", () => {
  it("scorecards: drafts stay in their unit; appraisal only from a unit above", () => {
    const cards: RecordOwner[] = [
      { id: "a-draft", unitId: "commune-a", scorecardStatus: "draft" },
      { id: "a-submitted", unitId: "commune-a", scorecardStatus: "submitted" },
      { id: "b-draft", unitId: "commune-b", scorecardStatus: "draft" },
      { id: "district", unitId: "district", scorecardStatus: "submitted" },
      { id: "no-status", unitId: "commune-a" },
    ];
    const read = (subject: Subject) =>
      ids(allowedRecords(subject, "scorecard.read", "scorecard", cards, tree));
    const appraise = (subject: Subject) =>
      ids(allowedRecords(subject, "scorecard.appraise", "scorecard", cards, tree));
    const write = (subject: Subject) =>
      ids(allowedRecords(subject, "scorecard.write", "scorecard", cards, tree));
    expect(read(at("focal_officer", "commune-a"))).toEqual(["a-draft", "a-submitted"]);
    expect(write(at("focal_officer", "commune-a"))).toEqual(["a-draft", "a-submitted"]);
    expect(read(at("reviewer", "district"))).toEqual(["a-submitted", "district"]);
    expect(appraise(at("reviewer", "district"))).toEqual(["a-submitted"]);
    expect(appraise(at("reviewer", "commune-a"))).toEqual([]);
    expect(appraise(at("focal_officer", "district"))).toEqual([]);
    expect(read(at("viewer", "commune-b"))).toEqual(["b-draft"]);
    expect(appraise(at("admin", null))).toEqual(["a-draft", "a-submitted", "b-draft", "district"]);
  });

  it("evidence on a scorecard is read by the scorecard's readers only, and written through tasks", () => {
    const files: RecordOwner[] = [
      {
        id: "on-draft",
        unitId: null,
        scorecards: [{ id: "a", unitId: "commune-a", scorecardStatus: "draft" }],
      },
      {
        id: "on-submitted",
        unitId: null,
        scorecards: [{ id: "a", unitId: "commune-a", scorecardStatus: "submitted" }],
      },
    ];
    const read = (subject: Subject) =>
      ids(allowedRecords(subject, "plan.read", "evidence", files, tree));
    expect(read(at("focal_officer", "commune-a"))).toEqual(["on-draft", "on-submitted"]);
    expect(read(at("reviewer", "district"))).toEqual(["on-submitted"]);
    expect(read(at("focal_officer", "commune-b"))).toEqual([]);
    expect(read(at("reviewer", "other-province"))).toEqual([]);
    expect(
      ids(allowedRecords(at("focal_officer", "commune-a"), "task.update", "evidence", files, tree)),
    ).toEqual([]);
  });

  it("refuses every kind of record outside the subject's units", () => {
    for (const kind of RECORD_KINDS) {
      const owners: RecordOwner[] = [
        { id: "x", unitId: "other-province", planStatus: "issued", recipientId: "someone" },
      ];
      for (const role of ["admin", "reviewer", "focal_officer", "viewer"] as Role[]) {
        expect(ids(allowedRecords(at(role, "district"), "plan.read", kind, owners, tree))).toEqual(
          [],
        );
      }
    }
  });

  it("limits an agency officer to their agency's tasks (updates) and feedback (everything)", () => {
    const officer = at("agency_officer", "commune-a", "tu-phap");
    const tasks: RecordOwner[] = [
      { id: "lead", unitId: "commune-a", planStatus: "issued", agencyIds: ["tu-phap"] },
      { id: "other", unitId: "commune-a", planStatus: "issued", agencyIds: ["dia-chinh"] },
    ];
    expect(ids(allowedRecords(officer, "task.update", "task", tasks, tree))).toEqual(["lead"]);
    expect(ids(allowedRecords(officer, "plan.read", "task", tasks, tree))).toEqual([
      "lead",
      "other",
    ]);
    const feedback: RecordOwner[] = [
      { id: "assigned", unitId: "commune-a", agencyIds: ["tu-phap"] },
      { id: "unassigned", unitId: "commune-a", agencyIds: [] },
      { id: "elsewhere", unitId: "commune-b", agencyIds: ["tu-phap"] },
    ];
    for (const action of ["feedback.read", "feedback.answer"] as const) {
      expect(ids(allowedRecords(officer, action, "feedback", feedback, tree))).toEqual([
        "assigned",
      ]);
    }
    const clerk = at("clerk", "commune-a", "desk");
    expect(ids(allowedRecords(clerk, "feedback.answer", "feedback", feedback, tree))).toEqual([
      "assigned",
      "unassigned",
    ]);
    const reviewer = at("reviewer", "province");
    expect(ids(allowedRecords(reviewer, "feedback.answer", "feedback", feedback, tree))).toEqual(
      [],
    );
    expect(ids(allowedRecords(reviewer, "feedback.read", "feedback", feedback, tree))).toEqual([
      "assigned",
      "elsewhere",
      "unassigned",
    ]);
  });

  it("lets lower units read the issued plans (and targets) of the units above, not their drafts or tasks", () => {
    const plans: RecordOwner[] = [
      { id: "province-issued", unitId: "province", planStatus: "issued" },
      { id: "province-draft", unitId: "province", planStatus: "draft" },
      { id: "province-superseded", unitId: "province", planStatus: "superseded" },
      { id: "sibling-issued", unitId: "commune-b", planStatus: "issued" },
      { id: "other-issued", unitId: "other-province", planStatus: "issued" },
    ];
    const viewer = at("viewer", "commune-a");
    expect(ids(allowedRecords(viewer, "plan.read", "plan", plans, tree))).toEqual([
      "province-issued",
      "province-superseded",
    ]);
    expect(ids(allowedRecords(viewer, "plan.read", "target", plans, tree))).toEqual([
      "province-issued",
      "province-superseded",
    ]);
    expect(ids(allowedRecords(viewer, "plan.read", "task", plans, tree))).toEqual([]);
    expect(
      ids(allowedRecords(at("focal_officer", "commune-a"), "plan.write", "plan", plans, tree)),
    ).toEqual([]);
    expect([...upperPlanUnitIds(viewer.grants, tree)].sort()).toEqual(["district", "province"]);
  });

  it("reaches evidence only through a task it is linked to", () => {
    const focal = at("focal_officer", "commune-a");
    const task = (unitId: string): RecordOwner => ({
      id: `t-${unitId}`,
      unitId,
      planStatus: "issued",
      agencyIds: [],
    });
    const evidence: RecordOwner[] = [
      { id: "own", unitId: null, tasks: [task("commune-a")] },
      { id: "shared", unitId: null, tasks: [task("commune-b"), task("commune-a")] },
      { id: "sibling", unitId: null, tasks: [task("commune-b")] },
      { id: "upper", unitId: null, tasks: [task("province")] },
      { id: "unlinked", unitId: "commune-a", tasks: [] },
    ];
    expect(ids(allowedRecords(focal, "plan.read", "evidence", evidence, tree))).toEqual([
      "own",
      "shared",
    ]);
  });

  it("gives a notification to its recipient alone", () => {
    const owners: RecordOwner[] = [
      { id: "mine", unitId: null, recipientId: "user-viewer" },
      { id: "theirs", unitId: null, recipientId: "user-admin" },
    ];
    expect(
      ids(
        allowedRecords(
          at("viewer", "commune-a"),
          "notification.read",
          "notification",
          owners,
          tree,
        ),
      ),
    ).toEqual(["mine"]);
    expect(
      ids(allowedRecords(at("admin", null), "notification.read", "notification", owners, tree)),
    ).toEqual(["theirs"]);
  });

  it("changes an account only when the administrator reaches every unit its roles cover", () => {
    const users: RecordOwner[] = [
      { id: "commune", unitId: "commune-a", roleUnitIds: ["commune-a"] },
      { id: "also-province", unitId: "commune-a", roleUnitIds: ["commune-a", "province"] },
      { id: "global", unitId: "commune-a", roleUnitIds: [null] },
    ];
    expect(ids(allowedRecords(at("admin", "district"), "user.write", "user", users, tree))).toEqual(
      ["commune"],
    );
    expect(ids(allowedRecords(at("admin", null), "user.write", "user", users, tree))).toEqual([
      "also-province",
      "commune",
      "global",
    ]);
    expect(ids(allowedRecords(at("admin", "district"), "user.read", "user", users, tree))).toEqual([
      "also-province",
      "commune",
      "global",
    ]);
  });

  it("shows audit events without a unit to every auditor, others by unit", () => {
    const events: RecordOwner[] = [
      { id: "1", unitId: null },
      { id: "2", unitId: "commune-a" },
      { id: "3", unitId: "other-province" },
    ];
    expect(
      ids(allowedRecords(at("admin", "district"), "audit.read", "audit", events, tree)),
    ).toEqual(["1", "2"]);
    expect(
      ids(allowedRecords(at("viewer", "district"), "audit.read", "audit", events, tree)),
    ).toEqual([]);
  });

  it("builds the feedback register's filter with the same agency rule", () => {
    expect(feedbackReachOf(at("agency_officer", "commune-a", "tu-phap").grants, tree)).toEqual({
      unitIds: [],
      agencyReach: [{ unitIds: ["commune-a"], agencyId: "tu-phap" }],
    });
    expect(feedbackReachOf(at("admin", null).grants, tree)).toEqual({
      unitIds: null,
      agencyReach: [],
    });
    expect(feedbackReachOf(at("reviewer", "district").grants, tree).unitIds!.sort()).toEqual([
      "commune-a",
      "commune-b",
      "district",
    ]);
  });
});
