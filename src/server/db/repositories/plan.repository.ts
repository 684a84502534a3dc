import { and, asc, desc, eq, getTableColumns, gte, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";
import {
  evidenceFiles,
  planAreas,
  planBases,
  planDuties,
  planTargets,
  planTasks,
  plans,
  taskEvidence,
  taskOccurrences,
  taskUpdates,
} from "../schema-plan.ts";

export type PlanRow = typeof plans.$inferSelect;
export type PlanInsert = typeof plans.$inferInsert;
export type AreaRow = typeof planAreas.$inferSelect;
export type TargetRow = typeof planTargets.$inferSelect;
export type TargetInsert = typeof planTargets.$inferInsert;
export type TaskRow = typeof planTasks.$inferSelect;
export type TaskInsert = typeof planTasks.$inferInsert;
export type BasisRow = typeof planBases.$inferSelect;
export type DutyRow = typeof planDuties.$inferSelect;
export type EvidenceRow = typeof evidenceFiles.$inferSelect;
export type OccurrenceRow = typeof taskOccurrences.$inferSelect;
export type TaskUpdateRow = typeof taskUpdates.$inferSelect;

export async function listPlansOfUnits(exec: Executor, unitIds: string[] | null) {
  if (unitIds !== null && unitIds.length === 0) return [];
  const query = exec
    .select({ plan: plans, unitName: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .orderBy(desc(plans.periodStart), desc(plans.createdAt));
  const rows = unitIds === null ? await query : await query.where(inArray(plans.unitId, unitIds));
  return rows.map((r) => ({ ...r.plan, unitName: r.unitName }));
}

export async function findPlan(exec: Executor, id: string) {
  const rows = await exec
    .select({ plan: plans, unitName: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  const row = rows[0];
  return row ? { ...row.plan, unitName: row.unitName } : null;
}

export async function insertPlan(exec: Executor, values: PlanInsert) {
  const [row] = await exec.insert(plans).values(values).returning();
  return row!;
}

export async function updatePlan(exec: Executor, id: string, values: Partial<PlanInsert>) {
  const [row] = await exec
    .update(plans)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(plans.id, id))
    .returning();
  return row!;
}

export async function deletePlan(exec: Executor, id: string) {
  await exec.delete(plans).where(eq(plans.id, id));
}

export async function listBases(exec: Executor, planId: string) {
  return exec
    .select()
    .from(planBases)
    .where(eq(planBases.planId, planId))
    .orderBy(asc(planBases.position));
}

export async function replaceBases(
  exec: Executor,
  planId: string,
  bases: Omit<typeof planBases.$inferInsert, "planId" | "position">[],
) {
  await exec.delete(planBases).where(eq(planBases.planId, planId));
  if (bases.length > 0) {
    await exec.insert(planBases).values(bases.map((b, position) => ({ ...b, planId, position })));
  }
}

export async function listDuties(exec: Executor, planId: string) {
  return exec
    .select()
    .from(planDuties)
    .where(eq(planDuties.planId, planId))
    .orderBy(asc(planDuties.position));
}

export async function replaceDuties(
  exec: Executor,
  planId: string,
  duties: Omit<typeof planDuties.$inferInsert, "planId" | "position">[],
) {
  await exec.delete(planDuties).where(eq(planDuties.planId, planId));
  if (duties.length > 0) {
    await exec.insert(planDuties).values(duties.map((d, position) => ({ ...d, planId, position })));
  }
}

export async function listAreas(exec: Executor, planId: string) {
  return exec
    .select()
    .from(planAreas)
    .where(eq(planAreas.planId, planId))
    .orderBy(asc(planAreas.position));
}

export async function listAreasOfPlans(exec: Executor, planIds: string[]) {
  if (planIds.length === 0) return [];
  return exec.select().from(planAreas).where(inArray(planAreas.planId, planIds));
}

export async function insertArea(exec: Executor, values: typeof planAreas.$inferInsert) {
  const [row] = await exec.insert(planAreas).values(values).returning();
  return row!;
}

export async function updateArea(
  exec: Executor,
  id: string,
  values: Partial<typeof planAreas.$inferInsert>,
) {
  const [row] = await exec.update(planAreas).set(values).where(eq(planAreas.id, id)).returning();
  return row!;
}

export async function listTargets(exec: Executor, planId: string) {
  return exec
    .select()
    .from(planTargets)
    .where(eq(planTargets.planId, planId))
    .orderBy(asc(planTargets.position));
}

export async function findTarget(exec: Executor, id: string) {
  return (await exec.select().from(planTargets).where(eq(planTargets.id, id)))[0] ?? null;
}

export async function insertTarget(exec: Executor, values: TargetInsert) {
  const [row] = await exec.insert(planTargets).values(values).returning();
  return row!;
}

export async function updateTarget(exec: Executor, id: string, values: Partial<TargetInsert>) {
  const [row] = await exec
    .update(planTargets)
    .set(values)
    .where(eq(planTargets.id, id))
    .returning();
  return row!;
}

export async function deleteTarget(exec: Executor, id: string) {
  await exec.delete(planTargets).where(eq(planTargets.id, id));
}

export async function listTasksOfPlans(exec: Executor, planIds: string[]) {
  if (planIds.length === 0) return [];
  return exec
    .select()
    .from(planTasks)
    .where(inArray(planTasks.planId, planIds))
    .orderBy(asc(planTasks.planId), asc(planTasks.position));
}

export async function findTasks(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ task: planTasks, unitId: plans.unitId, planStatus: plans.status })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .where(inArray(planTasks.id, ids));
}

export async function listChildTasks(exec: Executor, parentTaskIds: string[]) {
  if (parentTaskIds.length === 0) return [];
  return exec
    .select({ task: planTasks, unitId: plans.unitId, unitName: units.name })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(inArray(planTasks.parentTaskId, parentTaskIds));
}

export async function insertTasks(exec: Executor, values: TaskInsert[]) {
  if (values.length === 0) return [];
  return exec.insert(planTasks).values(values).returning();
}

export async function updateTask(exec: Executor, id: string, values: Partial<TaskInsert>) {
  const [row] = await exec
    .update(planTasks)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(planTasks.id, id))
    .returning();
  return row!;
}

export async function deleteTask(exec: Executor, id: string) {
  await exec.delete(planTasks).where(eq(planTasks.id, id));
}

export async function nextTaskPosition(exec: Executor, planId: string) {
  const [row] = await exec
    .select({ max: sql<number>`coalesce(max(${planTasks.position}), 0)::int` })
    .from(planTasks)
    .where(eq(planTasks.planId, planId));
  return (row?.max ?? 0) + 1;
}

export async function replaceOccurrences(
  exec: Executor,
  taskId: string,
  occurrences: { label: string; dueDate: string }[],
) {
  const existing = await exec
    .select()
    .from(taskOccurrences)
    .where(eq(taskOccurrences.taskId, taskId));
  const keep = new Set(occurrences.map((o) => o.dueDate));
  const stale = existing.filter((o) => !keep.has(o.dueDate)).map((o) => o.id);
  if (stale.length > 0)
    await exec.delete(taskOccurrences).where(inArray(taskOccurrences.id, stale));
  const known = new Set(existing.map((o) => o.dueDate));
  const fresh = occurrences.filter((o) => !known.has(o.dueDate));
  if (fresh.length > 0)
    await exec.insert(taskOccurrences).values(fresh.map((o) => ({ ...o, taskId })));
}

export async function listOccurrences(exec: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return exec
    .select()
    .from(taskOccurrences)
    .where(inArray(taskOccurrences.taskId, taskIds))
    .orderBy(asc(taskOccurrences.dueDate));
}

export async function findOccurrence(exec: Executor, id: string) {
  return (await exec.select().from(taskOccurrences).where(eq(taskOccurrences.id, id)))[0] ?? null;
}

export async function updateOccurrence(
  exec: Executor,
  id: string,
  values: Partial<typeof taskOccurrences.$inferInsert>,
) {
  const [row] = await exec
    .update(taskOccurrences)
    .set(values)
    .where(eq(taskOccurrences.id, id))
    .returning();
  return row!;
}

export async function insertTaskUpdate(exec: Executor, values: typeof taskUpdates.$inferInsert) {
  await exec.insert(taskUpdates).values(values);
}

export async function listTaskUpdates(exec: Executor, taskIds: string[], since?: Date) {
  if (taskIds.length === 0) return [];
  const conditions = [inArray(taskUpdates.taskId, taskIds)];
  if (since) conditions.push(gte(taskUpdates.at, since));
  return exec
    .select()
    .from(taskUpdates)
    .where(and(...conditions))
    .orderBy(desc(taskUpdates.at), desc(taskUpdates.id));
}

export async function insertEvidence(exec: Executor, values: typeof evidenceFiles.$inferInsert) {
  const [row] = await exec.insert(evidenceFiles).values(values).returning();
  return row!;
}

export async function findEvidence(exec: Executor, id: string) {
  return (await exec.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)))[0] ?? null;
}

export async function linkEvidence(exec: Executor, taskIds: string[], evidenceId: string) {
  if (taskIds.length === 0) return;
  await exec
    .insert(taskEvidence)
    .values(taskIds.map((taskId) => ({ taskId, evidenceId })))
    .onConflictDoNothing();
}

export async function listEvidenceOfTasks(exec: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return exec
    .select({ taskId: taskEvidence.taskId, evidence: evidenceFiles })
    .from(taskEvidence)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, taskEvidence.evidenceId))
    .where(inArray(taskEvidence.taskId, taskIds))
    .orderBy(asc(evidenceFiles.uploadedAt));
}

export async function agencyNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await exec
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A row of `table` from its `to_jsonb` object: each column by its name, as the driver gives it. */
function fromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    row[key] = json[column.name] ?? null;
  }
  return row as T["$inferSelect"];
}

/**
 * What the plan page shows besides the plan and its tasks, in one statement (one round trip):
 * the bases, areas, targets and duties (each in `position` order), the occurrences of its tasks
 * (by due date) and the names of the agencies its tasks name. Each row travels as `to_jsonb` of
 * the table's row and is read back by the table's columns: dates stay 'YYYY-MM-DD' strings,
 * numerics numbers, JSON columns JSON, as the typed selects give them.
 */
export async function readPlanParts(exec: Executor, planId: string) {
  const id = sql`${planId}::uuid`;
  const rows = await queryRows<{ part: string; row: Record<string, unknown> }>(
    exec,
    sql`select 'base' as part, to_jsonb(b) as row from plan_bases b where b.plan_id = ${id}
      union all select 'area', to_jsonb(a) from plan_areas a where a.plan_id = ${id}
      union all select 'target', to_jsonb(t) from plan_targets t where t.plan_id = ${id}
      union all select 'duty', to_jsonb(d) from plan_duties d where d.plan_id = ${id}
      union all select 'occurrence', to_jsonb(o) from task_occurrences o
        where o.task_id in (select k.id from plan_tasks k where k.plan_id = ${id})
      union all select 'agency', jsonb_build_object('id', g.id, 'name', g.name) from agencies g
        where g.id in (select k.lead_agency_id from plan_tasks k where k.plan_id = ${id}
          union select k.monitor_agency_id from plan_tasks k where k.plan_id = ${id}
          union select jsonb_array_elements_text(k.support_agency_ids)::uuid from plan_tasks k
            where k.plan_id = ${id})`,
  );
  const of = (part: string) =>
    rows
      .filter((r) => r.part === part)
      .map((r) => (typeof r.row === "string" ? JSON.parse(r.row) : r.row));
  const byPosition = <R extends { position: number }>(list: R[]) =>
    list.sort((a, b) => a.position - b.position);
  return {
    bases: byPosition(of("base").map((json) => fromJson(planBases, json))),
    areas: byPosition(of("area").map((json) => fromJson(planAreas, json))),
    targets: byPosition(of("target").map((json) => fromJson(planTargets, json))),
    duties: byPosition(of("duty").map((json) => fromJson(planDuties, json))),
    occurrences: of("occurrence")
      .map((json) => fromJson(taskOccurrences, json))
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
    agencyNames: new Map(of("agency").map((json) => [String(json.id), String(json.name)])),
  };
}

/** The plan's tasks (in `position` order) with how many evidence files each has. */
export async function listTasksWithEvidenceCount(exec: Executor, planId: string) {
  const rows = await exec
    .select({
      task: planTasks,
      evidenceCount: sql<number>`(select count(*)::int from ${taskEvidence}
        join ${evidenceFiles} on ${evidenceFiles.id} = ${taskEvidence.evidenceId}
        where ${taskEvidence.taskId} = ${planTasks.id})`,
    })
    .from(planTasks)
    .where(eq(planTasks.planId, planId))
    .orderBy(asc(planTasks.position));
  return rows.map((r) => ({ ...r.task, evidenceCount: Number(r.evidenceCount) }));
}
