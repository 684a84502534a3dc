import type { UnitTree } from "../organization/unit-tree.ts";

/**
 * Who may do what, where. A role is granted on a unit (or globally, for a system administrator);
 * each action reaches either the granted unit alone or the unit and all its descendants.
 */
export const ROLES = [
  "admin",
  "leader",
  "focal_officer",
  "agency_officer",
  "clerk",
  "reviewer",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị hệ thống",
  leader: "Lãnh đạo (Chủ tịch/Phó Chủ tịch)",
  focal_officer: "Công chức đầu mối CCHC",
  agency_officer: "Công chức chuyên môn",
  clerk: "Công chức Một cửa",
  reviewer: "Cơ quan cấp trên (thẩm định)",
  viewer: "Người xem",
};

export const ACTIONS = [
  "unit.read",
  "unit.write",
  "agency.read",
  "agency.write",
  "user.read",
  "user.write",
  "audit.read",
  "dossier.read",
  "dossier.write",
  /** Voiding wrongly imported dossiers: administrators only (not in any other role's table). */
  "dossier.void",
  "procedure.write",
  "calendar.write",
  "plan.read",
  "plan.write",
  "plan.issue",
  "task.update",
  "feedback.read",
  "feedback.write",
  "feedback.answer",
  "methodology.read",
  "methodology.write",
  /** Backups of the whole installation: administrators only (the service requires a global one). */
  "system.backup",
  /** Linking this installation with its parent's and children's (federation): administrators only. */
  "system.federation",
  "survey.read",
  /** Typing in paper SIPAS forms for a unit (the public page and the kiosk need no account). */
  "survey.write",
  /** One's own notifications: reached through the recipient, never through a unit. */
  "notification.read",
  /** PAR scorecards: reading (drafts only in one's own unit, see record-gate.ts). */
  "scorecard.read",
  /** Self-scoring one's own unit's scorecard, with evidence, and submitting it. */
  "scorecard.write",
  /** Appraising, returning and publishing the scorecards of the units below (never one's own). */
  "scorecard.appraise",
  /** Periodic reports: a unit's own reports and the calendar of what it owes. */
  "report.read",
  /** Writing and submitting one's own unit's report. */
  "report.write",
  /** Defining and publishing report kinds for the units below (at the upper unit). */
  "report.define",
  /** Accepting or returning the reports sent to one's unit (checked at the kind's unit). */
  "report.review",
  /**
   * Seeing citizens' personal data (applicants', senders') as recorded: the unit's own desk and
   * officers. Upper units' reviewers, viewers and administrators read it masked
   * (`src/core/personal-data`); an administrator reaches one person's data through the audited
   * lookup (`personal_data.manage`).
   */
  "personal_data.full",
  /** Retention settings, runs, and one person's data looked up or exported: administrators only. */
  "personal_data.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

export type Reach = "subtree" | "own_unit" | "none";

const READ_ACTIONS: ReadonlySet<Action> = new Set([
  "unit.read",
  "agency.read",
  "user.read",
  "dossier.read",
  "plan.read",
  "feedback.read",
  "methodology.read",
  "survey.read",
  "scorecard.read",
  "report.read",
]);

/**
 * Plan work inside one's own unit: the focal officer writes the plan and updates every task, the
 * leader also issues it; an agency officer updates tasks, limited to their agency's tasks by
 * `canUpdateTask`.
 */
const PLAN_WRITERS: Partial<Record<Action, readonly Role[]>> = {
  "plan.write": ["focal_officer", "leader"],
  "plan.issue": ["leader", "focal_officer"],
  "task.update": ["focal_officer", "leader", "agency_officer"],
};

/**
 * Feedback (PAKN) of one's own unit: the one-stop clerk and the focal officer register, classify,
 * assign and publish; an agency officer answers what is assigned to their agency
 * (`canHandleFeedback`).
 */
const FEEDBACK_HANDLERS: Partial<Record<Action, readonly Role[]>> = {
  "feedback.write": ["clerk", "focal_officer"],
  "feedback.answer": ["clerk", "focal_officer", "agency_officer"],
};

/**
 * Methodologies (PAR criteria sets) of one's own unit: the focal officer and the leader save the
 * criteria table of their self-scoring appendix as a draft; the upper level's reviewer (Sở Nội vụ)
 * drafts the criteria it will publish to the units below at its own unit.
 */
const METHODOLOGY_WRITERS: readonly Role[] = ["focal_officer", "leader", "reviewer"];

/** SIPAS paper forms of one's own unit are typed in by the one-stop clerk or the focal officer. */
const SURVEY_WRITERS: readonly Role[] = ["clerk", "focal_officer"];

/** The unit's own scorecard is self-scored by the focal officer and the leader. */
const SCORECARD_WRITERS: readonly Role[] = ["focal_officer", "leader"];
/**
 * Periodic reports: the focal officer and the leader write and submit their unit's report; at the
 * upper unit, they and the reviewer (Sở Nội vụ) define the kinds its units owe and review what
 * they send.
 */
const REPORT_ROLES: Partial<Record<Action, readonly Role[]>> = {
  "report.write": ["focal_officer", "leader"],
  "report.define": ["focal_officer", "leader", "reviewer"],
  "report.review": ["leader", "reviewer"],
};

/** Who reads citizens' personal data unmasked, in their own unit only. */
const PERSONAL_DATA_READERS: readonly Role[] = [
  "leader",
  "focal_officer",
  "agency_officer",
  "clerk",
];

/** One-stop writes a clerk makes at the desk of the unit the role is granted on. */
const CLERK_WRITE_ACTIONS: ReadonlySet<Action> = new Set(["dossier.write", "procedure.write"]);

/**
 * The policy table. Organisation, account and calendar writes belong to administrators only;
 * a one-stop clerk registers dossiers and keeps the procedure list of their own unit.
 */
export function reachOf(role: Role, action: Action): Reach {
  if (action === "personal_data.full")
    return PERSONAL_DATA_READERS.includes(role) ? "own_unit" : "none";
  if (role === "admin") return "subtree";
  if (role === "clerk" && CLERK_WRITE_ACTIONS.has(action)) return "own_unit";
  if (PLAN_WRITERS[action]?.includes(role)) return "own_unit";
  if (FEEDBACK_HANDLERS[action]?.includes(role)) return "own_unit";
  if (action === "methodology.write" && METHODOLOGY_WRITERS.includes(role)) return "own_unit";
  if (action === "survey.write" && SURVEY_WRITERS.includes(role)) return "own_unit";
  if (action === "scorecard.write" && SCORECARD_WRITERS.includes(role)) return "own_unit";
  if (action === "scorecard.appraise" && role === "reviewer") return "subtree";
  if (REPORT_ROLES[action]?.includes(role)) return "own_unit";
  if (!READ_ACTIONS.has(action)) return "none";
  return role === "reviewer" ? "subtree" : "own_unit";
}

export interface RoleGrant {
  role: Role;
  /** null: the grant covers the whole installation (system administrator). */
  unitId: string | null;
  agencyId: string | null;
}

export type UnitScope = { kind: "all" } | { kind: "some"; unitIds: ReadonlySet<string> };

/**
 * The units on which the grants allow `action`: a subtree reach covers every unit under the
 * granted one (ended units included: their history stays readable).
 */
export function unitScopeFor(
  grants: readonly RoleGrant[],
  action: Action,
  tree: UnitTree,
): UnitScope {
  const allowed = new Set<string>();
  for (const grant of grants) {
    const reach = reachOf(grant.role, action);
    if (reach === "none") continue;
    if (grant.unitId === null) return { kind: "all" };
    allowed.add(grant.unitId);
    if (reach === "subtree") for (const id of tree.descendants(grant.unitId)) allowed.add(id);
  }
  return { kind: "some", unitIds: allowed };
}

export function scopeIncludes(scope: UnitScope, unitId: string | null): boolean {
  if (scope.kind === "all") return true;
  return unitId !== null && scope.unitIds.has(unitId);
}

/**
 * Whether any grant could allow one of `actions` somewhere — the check made before a request's
 * body is read (a viewer never writes, whatever the body says); the unit-level check follows.
 */
export function mayEverDo(grants: readonly RoleGrant[], actions: readonly Action[]): boolean {
  return grants.some((grant) => actions.some((action) => reachOf(grant.role, action) !== "none"));
}
