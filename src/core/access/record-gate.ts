/**
 * The access gate's rules for every record type: given who acts, an action and the owners of some
 * records (loaded by the server), which records may be acted on. Deny by default: an unknown
 * record, an unknown kind or a record without the facts its rule needs is refused.
 *
 * - Every record belongs to a unit; a grant reaches it when its role reaches the action at that
 *   unit (own unit, or the subtree for administrators and reviewers' reads; see `reachOf`).
 * - An agency officer granted on an agency updates only the tasks their agency leads or supports,
 *   and reads and answers only the feedback assigned to their agency.
 * - Issued (or superseded) plans of the units above one's own are readable: plans are sent down
 *   the hierarchy and lower units cascade from them (with their targets); the work on their
 *   tasks (updates, evidence) is not.
 * - Evidence is reached only through what it is linked to: a task (with the task's rule for the
 *   action), or, for reading, a scorecard leaf (whoever reads the scorecard reads the files that
 *   prove it: its own unit, and the upper level once it is submitted).
 * - A user's account is changed only by an administrator whose scope covers the account's unit
 *   and the unit of every role it holds (`canManageUser`).
 * - A notification is its recipient's alone, whatever their roles.
 * - An audit event without a unit (a sign-in with an unknown name) is read by any auditor.
 * - A scorecard in draft is read only in its own unit (a ward never reads another's draft; the
 *   upper level sees it once submitted), and is appraised only from a unit above it: a unit never
 *   appraises itself.
 */
import type { UnitTree } from "../organization/unit-tree.ts";
import {
  reachOf,
  scopeIncludes,
  unitScopeFor,
  type Action,
  type RoleGrant,
  type UnitScope,
} from "./role-policy.ts";
import { canManageUser } from "./user-management.ts";

export const RECORD_KINDS = [
  "unit",
  "agency",
  "user",
  "audit",
  "plan",
  "target",
  "task",
  "evidence",
  "dossier",
  "dossier_import",
  "procedure",
  "feedback",
  "methodology",
  "notification",
  "scorecard",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What the gate needs to know about one record (the server loads it by id, in one query). */
export interface RecordOwner {
  id: string;
  /** The unit the record belongs to; null for an audit event without one. */
  unitId: string | null;
  /** Plans, targets, tasks: the plan's status. */
  planStatus?: string;
  /** Tasks: the agencies leading or supporting it; feedback: the agency it is assigned to. */
  agencyIds?: readonly string[];
  /** Users: the unit of every role the account holds (null: a global role). */
  roleUnitIds?: readonly (string | null)[];
  /** Notifications: their recipient. */
  recipientId?: string;
  /** Evidence: the tasks it is linked to. */
  tasks?: readonly RecordOwner[];
  /** Evidence: the scorecards it is linked to (as proof of one of their leaves). */
  scorecards?: readonly RecordOwner[];
  /** Scorecards: their workflow status. */
  scorecardStatus?: string;
}

export interface Subject {
  userId: string | null;
  grants: readonly RoleGrant[];
}

/** Which of the records the subject may act on with `action`. */
export function allowedRecords(
  subject: Subject,
  action: Action,
  kind: RecordKind,
  owners: readonly RecordOwner[],
  tree: UnitTree,
): Set<string> {
  const allowed = new Set<string>();
  for (const owner of owners) if (allows(subject, action, kind, owner, tree)) allowed.add(owner.id);
  return allowed;
}

function allows(
  subject: Subject,
  action: Action,
  kind: RecordKind,
  owner: RecordOwner,
  tree: UnitTree,
): boolean {
  switch (kind) {
    case "notification":
      return subject.userId !== null && owner.recipientId === subject.userId;
    case "evidence":
      return (
        (owner.tasks ?? []).some((task) => allows(subject, action, "task", task, tree)) ||
        (action === "plan.read" &&
          (owner.scorecards ?? []).some((card) =>
            scorecardAllows(subject, "scorecard.read", card, tree),
          ))
      );
    case "scorecard":
      return scorecardAllows(subject, action, owner, tree);
    case "audit":
      if (owner.unitId === null)
        return subject.grants.some((g) => reachOf(g.role, action) !== "none");
      break;
    case "user":
      if (action === "user.write") {
        if (owner.unitId === null || owner.roleUnitIds === undefined) return false;
        return canManageUser(unitScopeFor(subject.grants, action, tree), {
          unitId: owner.unitId,
          grants: owner.roleUnitIds.map((unitId) => ({ unitId })),
        });
      }
      break;
  }
  const unitId = owner.unitId;
  if (unitId === null) return false;
  if (subject.grants.some((grant) => grantAllows(grant, action, kind, { ...owner, unitId }, tree)))
    return true;
  const isPlanDocument = kind === "plan" || kind === "target";
  return isPlanDocument && action === "plan.read" && isUpperIssuedPlan(subject, owner, tree);
}

function scorecardAllows(subject: Subject, action: Action, owner: RecordOwner, tree: UnitTree) {
  const unitId = owner.unitId;
  if (unitId === null || owner.scorecardStatus === undefined) return false;
  return subject.grants.some((grant) => {
    const reach = reachOf(grant.role, action);
    if (reach === "none") return false;
    if (grant.unitId === null) return true;
    const own = grant.unitId === unitId;
    if (!own && (reach !== "subtree" || !tree.isWithin(unitId, grant.unitId))) return false;
    if (action === "scorecard.appraise") return !own && owner.scorecardStatus !== "draft";
    return own || owner.scorecardStatus !== "draft";
  });
}

function grantAllows(
  grant: RoleGrant,
  action: Action,
  kind: RecordKind,
  owner: RecordOwner & { unitId: string },
  tree: UnitTree,
): boolean {
  const reach = reachOf(grant.role, action);
  if (reach === "none") return false;
  if (grant.unitId !== null) {
    const inReach =
      reach === "subtree"
        ? tree.isWithin(owner.unitId, grant.unitId)
        : owner.unitId === grant.unitId;
    if (!inReach) return false;
  }
  if (grant.role === "agency_officer" && grant.agencyId !== null) {
    const agencyBound = kind === "feedback" || (kind === "task" && action === "task.update");
    if (agencyBound) return (owner.agencyIds ?? []).includes(grant.agencyId);
  }
  return true;
}

function isUpperIssuedPlan(subject: Subject, owner: RecordOwner, tree: UnitTree) {
  if (owner.planStatus === undefined || owner.planStatus === "draft") return false;
  return upperPlanUnitIds(subject.grants, tree).has(owner.unitId!);
}

/** The units above the subject's own, whose issued plans it reads (and cascades from). */
export function upperPlanUnitIds(grants: readonly RoleGrant[], tree: UnitTree): Set<string> {
  const upper = new Set<string>();
  for (const grant of grants) {
    if (grant.unitId === null || reachOf(grant.role, "plan.read") === "none") continue;
    for (const id of tree.ancestors(grant.unitId)) upper.add(id);
  }
  return upper;
}

/** The feedback a reader reaches, as a filter for the register (SQL-friendly). */
export interface FeedbackReach {
  /** null: every unit. */
  unitIds: string[] | null;
  /** Agency officers: only the feedback assigned to their agency, in these units. */
  agencyReach: { unitIds: string[]; agencyId: string }[];
}

export function feedbackReachOf(
  grants: readonly RoleGrant[],
  tree: UnitTree,
  /** "personal_data.full": the feedback whose senders' data the reader sees in full. */
  action: "feedback.read" | "personal_data.full" = "feedback.read",
): FeedbackReach {
  const reach: FeedbackReach = { unitIds: [], agencyReach: [] };
  for (const grant of grants) {
    const scope = unitScopeFor([grant], action, tree);
    if (scope.kind === "all") return { unitIds: null, agencyReach: [] };
    if (scope.unitIds.size === 0) continue;
    if (grant.role === "agency_officer" && grant.agencyId !== null) {
      reach.agencyReach.push({ unitIds: [...scope.unitIds], agencyId: grant.agencyId });
    } else {
      reach.unitIds!.push(...scope.unitIds);
    }
  }
  return reach;
}

/** A list filter: the unit ids a scope covers, or null for every unit. */
export function scopeUnitIds(scope: UnitScope): string[] | null {
  return scope.kind === "all" ? null : [...scope.unitIds];
}

export { scopeIncludes };
