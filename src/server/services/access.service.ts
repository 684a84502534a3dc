/**
 * The one access gate: services ask it with record ids and get the ids the actor may act on.
 * It loads the records' owners by id (one query, `access.repository.ts`) and the unit tree, and
 * the core (`src/core/access/record-gate.ts`) decides. Lists ask it for their SQL filter
 * (`listScope`, `feedbackReach`, `upperPlanUnitIds`) so they follow the same rules.
 */
import {
  allowedRecords,
  feedbackReachOf,
  upperPlanUnitIds as upperPlanUnitIdsOf,
  type FeedbackReach,
  type RecordKind,
} from "../../core/access/record-gate.ts";
import {
  scopeIncludes,
  unitScopeFor,
  type Action,
  type UnitScope,
} from "../../core/access/role-policy.ts";
import type { PersonalDataView } from "../../core/personal-data/index.ts";
import { UnitTree } from "../../core/organization/unit-tree.ts";
import type { Executor } from "../db/database.ts";
import { ownersOf } from "../db/repositories/access.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import type { Actor } from "./actor.ts";

export type Resource = RecordKind;

/** Kinds whose rule never looks at units (notifications go to their recipient). */
const EMPTY_TREE_KINDS: ReadonlySet<RecordKind> = new Set(["notification"]);
const EMPTY_TREE = new UnitTree([]);

async function treeFor(exec: Executor, kind: RecordKind): Promise<UnitTree | null> {
  return EMPTY_TREE_KINDS.has(kind) ? null : loadUnitTree(exec);
}

/**
 * Of the given record ids, which may the actor act on with each action? One owner query and one
 * unit-tree load for all of them. Unknown ids are never allowed.
 */
export async function checkEach<A extends Action>(
  exec: Executor,
  actor: Actor,
  actions: readonly A[],
  kind: RecordKind,
  ids: readonly string[],
): Promise<Record<A, Set<string>>> {
  const result = {} as Record<A, Set<string>>;
  const owners = ids.length === 0 ? [] : await ownersOf(exec, kind, ids);
  const tree = owners.length === 0 ? null : await treeFor(exec, kind);
  for (const action of actions) {
    result[action] =
      owners.length === 0
        ? new Set()
        : allowedRecords(actor, action, kind, owners, tree ?? EMPTY_TREE);
  }
  return result;
}

/** Of the given record ids, which may the actor act on? Unknown ids are never allowed. */
export async function check(
  exec: Executor,
  actor: Actor,
  action: Action,
  kind: RecordKind,
  ids: readonly string[],
): Promise<Set<string>> {
  return (await checkEach(exec, actor, [action], kind, ids))[action];
}

/** Throws FORBIDDEN unless the actor may act on the record. */
export async function require(
  exec: Executor,
  actor: Actor,
  action: Action,
  kind: RecordKind,
  id: string,
): Promise<void> {
  if (!(await check(exec, actor, action, kind, [id])).has(id)) throw new AppError("FORBIDDEN");
}

/**
 * The usual pair: a record the actor may not `read` is not found (its existence is not told);
 * one they read but may not `act` on is forbidden. Without `act`, only the read is checked.
 */
export async function requireRecord(
  exec: Executor,
  actor: Actor,
  kind: RecordKind,
  id: string,
  rule: { read: Action; act?: Action; notFound: ErrorCode },
): Promise<void> {
  const actions = rule.act ? [rule.read, rule.act] : [rule.read];
  const allowed = await checkEach(exec, actor, actions, kind, [id]);
  if (!allowed[rule.read].has(id)) throw new AppError(rule.notFound);
  if (rule.act && !allowed[rule.act].has(id)) throw new AppError("FORBIDDEN");
}

/** The units on which the actor may do `action`: the filter of a list. */
export async function unitScope(exec: Executor, actor: Actor, action: Action): Promise<UnitScope> {
  return unitScopeFor(actor.grants, action, await loadUnitTree(exec));
}

/** A list's unit filter: the unit ids, or null for every unit. */
export async function listScope(
  exec: Executor,
  actor: Actor,
  action: Action,
): Promise<string[] | null> {
  return scopeToIds(await unitScope(exec, actor, action));
}

/** Every unit id; used when a scope covers the whole installation. */
export async function unitScopeAllIds(exec: Executor): Promise<string[]> {
  return (await loadUnitTree(exec)).ids();
}

export function scopeToIds(scope: UnitScope): string[] | null {
  return scope.kind === "all" ? null : [...scope.unitIds];
}

/** The feedback register's filter (agency officers: only their agency's). */
export async function feedbackReach(exec: Executor, actor: Actor): Promise<FeedbackReach> {
  return feedbackReachOf(actor.grants, await loadUnitTree(exec));
}

/** The units above the actor's own, whose issued plans it reads and cascades from. */
export async function upperPlanUnitIds(exec: Executor, actor: Actor): Promise<Set<string>> {
  return upperPlanUnitIdsOf(actor.grants, await loadUnitTree(exec));
}

/**
 * How citizens' personal data in the given records is shown to the actor: in full for the unit's
 * own desk and officers (`personal_data.full`), masked for everyone else (upper units' reviewers,
 * viewers, administrators). One gate question for all the records.
 */
export async function personalDataViews(
  exec: Executor,
  actor: Actor,
  kind: "dossier" | "feedback",
  ids: readonly string[],
): Promise<(id: string) => PersonalDataView> {
  const full = await check(exec, actor, "personal_data.full", kind, ids);
  return (id) => (full.has(id) ? "full" : "masked");
}

/** The same question by unit, for lists whose rows carry their unit (no per-row owner query). */
export async function personalDataViewsByUnit(
  exec: Executor,
  actor: Actor,
): Promise<(unitId: string) => PersonalDataView> {
  const scope = await unitScope(exec, actor, "personal_data.full");
  return (unitId) => personalDataViewOf(scope, unitId);
}

/** How a unit's records show personal data, given where the actor sees it in full. */
export function personalDataViewOf(fullScope: UnitScope, unitId: string): PersonalDataView {
  return scopeIncludes(fullScope, unitId) ? "full" : "masked";
}

/** The feedback whose senders' data the actor sees in full, as a register filter. */
export async function personalDataFeedbackReach(
  exec: Executor,
  actor: Actor,
): Promise<FeedbackReach> {
  return feedbackReachOf(actor.grants, await loadUnitTree(exec), "personal_data.full");
}
