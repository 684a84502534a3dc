import { AREA_HEADINGS, areaOrder, type AreaKey } from "../../core/plan/plan-area.ts";
import type { PlanSignerAuthority } from "../../core/plan/plan-issuer.ts";
import type { PlanPeriodKind } from "../../core/plan/plan-period.ts";
import {
  isPlanEditable,
  PLAN_STATUS_LABELS,
  type PlanStatus,
} from "../../core/plan/plan-status.ts";
import { rollUpPlanProgress, rollUpProgress } from "../../core/plan/progress-rollup.ts";
import {
  elapsedFraction,
  evaluateTarget,
  type TargetSpec,
} from "../../core/plan/target-evaluation.ts";
import {
  TARGET_METRIC_INFO,
  type TargetComparator,
  type TargetMetric,
  type TargetUnit,
} from "../../core/plan/target-metric.ts";
import {
  deriveTaskStatus,
  TASK_STATUS_LABELS,
  type TaskStatus,
} from "../../core/plan/task-status.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import type { TargetRow, TaskRow } from "../db/repositories/plan.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { isMeasuredAutomatically, measureMetric } from "./target-metrics.ts";

export function today() {
  return vietnamDate(new Date());
}

export function effectiveStatus(
  task: Pick<TaskRow, "status" | "dueDate" | "completedAt">,
  on = today(),
): TaskStatus {
  return deriveTaskStatus({
    storedStatus: task.status,
    dueDate: task.dueDate,
    completedOn: task.completedAt,
    today: on,
  });
}

/** Which of the given tasks the actor may update (the gate: agency officers, their agency's). */
export async function updatableTaskIds(exec: Executor, actor: Actor, tasks: { id: string }[]) {
  return access.check(
    exec,
    actor,
    "task.update",
    "task",
    tasks.map((task) => task.id),
  );
}

/** The plan, if the actor reads it (the gate: its unit's, or an issued plan of a unit above). */
export async function requireReadablePlan(exec: Executor, actor: Actor, planId: string) {
  await access.requireRecord(exec, actor, "plan", planId, {
    read: "plan.read",
    notFound: "PLAN_NOT_FOUND",
  });
  const plan = await planRepository.findPlan(exec, planId);
  if (!plan) throw new AppError("PLAN_NOT_FOUND");
  return plan;
}

export async function planPermissions(
  exec: Executor,
  actor: Actor,
  plan: { id: string; unitId: string; status: PlanStatus },
) {
  const allowed = await access.checkEach(exec, actor, ["plan.write", "plan.issue"], "plan", [
    plan.id,
  ]);
  const defineReports = await access.check(exec, actor, "report.define", "unit", [plan.unitId]);
  return permissionsOf(allowed, plan, defineReports.has(plan.unitId));
}

function permissionsOf(
  allowed: Record<"plan.write" | "plan.issue", Set<string>>,
  plan: { id: string; status: PlanStatus },
  defineReports: boolean,
) {
  const write = allowed["plan.write"].has(plan.id);
  const issue = allowed["plan.issue"].has(plan.id);
  const editable = isPlanEditable(plan.status);
  return {
    edit: write && editable,
    issue: issue && plan.status === "draft",
    amend: write && plan.status === "issued",
    delete: write && plan.status === "draft",
    measure: write && plan.status !== "superseded",
    /** Report kinds may be created from the plan's reporting schedule (`POST …/report-kinds`). */
    defineReports,
  };
}

function targetSpec(row: TargetRow): TargetSpec | null {
  if (row.value === null) return null;
  const base = { unit: (row.unit ?? null) as TargetUnit | null, deadline: row.deadline };
  if (row.comparator === "rank_between") {
    return {
      ...base,
      comparator: "rank_between",
      value: [row.value, row.valueHigh ?? row.value],
    } as TargetSpec;
  }
  return { ...base, comparator: row.comparator, value: row.value } as TargetSpec;
}

export async function targetViews(
  exec: Executor,
  plan: { id: string; unitId: string; periodStart: string; periodEnd: string },
  targets: TargetRow[],
  taskStatuses: TaskStatus[],
) {
  const now = today();
  // One context for every target of the plan: metrics cache what they count on it, so the
  // figures shared by several targets are gathered once per request.
  const context = { exec, plan, taskStatuses };
  const views = [];
  for (const row of targets) {
    const automatic = isMeasuredAutomatically(row.metric);
    const measurement = automatic
      ? await measureMetric(row.metric, context)
      : { value: row.manualValue ?? null, sample: null };
    const measured = measurement.value;
    const spec = targetSpec(row);
    const evaluation = spec
      ? evaluateTarget({
          target: spec,
          measured,
          elapsedFraction: elapsedFraction(plan.periodStart, row.deadline ?? plan.periodEnd, now),
        })
      : null;
    views.push({
      ...row,
      metric: row.metric as TargetMetric,
      comparator: row.comparator as TargetComparator,
      unit: (row.unit ?? null) as TargetUnit | null,
      metricLabel: TARGET_METRIC_INFO[row.metric as TargetMetric]?.label ?? row.metric,
      measuredAutomatically: automatic,
      measured,
      measuredSample: measurement.sample,
      state: evaluation?.state ?? "no_data",
      stateLabel: evaluation?.label ?? "Chưa có số liệu",
      measuredText: evaluation?.measuredText ?? null,
      targetText: evaluation?.targetText ?? null,
      rule: evaluation?.rule ?? null,
    });
  }
  return views;
}

export function taskView(
  task: TaskRow,
  names: Map<string, string>,
  canUpdate: boolean,
  extra: { evidenceCount?: number; areaKey?: AreaKey | null; today?: string } = {},
) {
  const status = effectiveStatus(task, extra.today);
  return {
    ...task,
    status: task.status,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    areaKey: extra.areaKey ?? null,
    leadAgencyName: task.leadAgencyId ? (names.get(task.leadAgencyId) ?? null) : null,
    supportAgencyNames: task.supportAgencyIds.map((id) => names.get(id) ?? "").filter(Boolean),
    monitorAgencyName: task.monitorAgencyId ? (names.get(task.monitorAgencyId) ?? null) : null,
    effectiveStatus: status,
    effectiveStatusLabel: TASK_STATUS_LABELS[status],
    needsReview: Boolean((task.timeline as { needsReview?: boolean } | null)?.needsReview),
    evidenceCount: extra.evidenceCount ?? 0,
    can: { update: canUpdate },
  };
}

/**
 * The whole plan as the plan page shows it. Its reads are few (each a round trip and, on the
 * embedded database, a turn of its one connection): the gate once for reading and the
 * permissions, the plan, its parts in one statement, its tasks with their evidence counts, the
 * tasks' gate and children, and the live metrics (computed once per request from the KPI
 * rollups, target-metrics.ts).
 */
export async function getPlanView(exec: Executor, actor: Actor, planId: string) {
  const allowed = await access.checkEach(
    exec,
    actor,
    ["plan.read", "plan.write", "plan.issue"],
    "plan",
    [planId],
  );
  if (!allowed["plan.read"].has(planId)) throw new AppError("PLAN_NOT_FOUND");
  const plan = await planRepository.findPlan(exec, planId);
  if (!plan) throw new AppError("PLAN_NOT_FOUND");
  const {
    bases,
    areas,
    targets,
    duties,
    occurrences,
    agencyNames: names,
  } = await planRepository.readPlanParts(exec, planId);
  const tasks = await planRepository.listTasksWithEvidenceCount(exec, planId);
  const areaKeyOf = new Map(areas.map((a) => [a.id, a.key as AreaKey]));
  const updatable = await updatableTaskIds(exec, actor, tasks);
  const taskViews = tasks.map(({ evidenceCount, ...task }) => ({
    ...taskView(task, names, updatable.has(task.id) && plan.status !== "superseded", {
      evidenceCount,
      areaKey: task.areaId ? (areaKeyOf.get(task.areaId) ?? null) : null,
    }),
    occurrences: occurrences
      .filter((o) => o.taskId === task.id)
      .map((o) => ({ ...o, status: o.status as "not_started" | "completed" })),
  }));
  const progress = rollUpPlanProgress(
    taskViews.map((t) => ({ areaKey: t.areaKey ?? "none", status: t.effectiveStatus })),
  );
  const children = await planRepository.listChildTasks(
    exec,
    tasks.map((t) => t.id),
  );
  const readableChildren = await access.check(
    exec,
    actor,
    "plan.read",
    "task",
    children.map((c) => c.task.id),
  );
  const visibleChildren = children.filter((c) => readableChildren.has(c.task.id));
  const defineReports = await access.check(exec, actor, "report.define", "unit", [plan.unitId]);
  const can = permissionsOf(allowed, plan, defineReports.has(plan.unitId));
  return {
    data: {
      ...plan,
      periodKind: plan.periodKind as PlanPeriodKind,
      signerAuthority: plan.signerAuthority as PlanSignerAuthority,
      status: plan.status as PlanStatus,
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
      issuedAt: plan.issuedAt?.toISOString() ?? null,
      statusLabel: PLAN_STATUS_LABELS[plan.status],
      bases,
      duties,
      areas: areas
        .sort((a, b) => a.position - b.position || areaOrder(a.key) - areaOrder(b.key))
        .map((area) => ({
          ...area,
          key: area.key as AreaKey,
          defaultHeading: AREA_HEADINGS[area.key as AreaKey],
          progress:
            progress.areas.find((p) => p.areaKey === area.key)?.progress ?? rollUpProgress([]),
        })),
      targets: await targetViews(
        exec,
        plan,
        targets,
        taskViews.map((t) => t.effectiveStatus),
      ),
      tasks: taskViews.map((task) => {
        const mine = visibleChildren.filter((c) => c.task.parentTaskId === task.id);
        return {
          ...task,
          children: mine.map((c) => ({
            taskId: c.task.id,
            planId: c.task.planId,
            unitName: c.unitName,
            status: effectiveStatus(c.task),
            statusLabel: TASK_STATUS_LABELS[effectiveStatus(c.task)],
            progress: c.task.progress,
          })),
        };
      }),
      progress: progress.plan,
    },
    can,
  };
}

export async function listPlans(
  exec: Executor,
  actor: Actor,
  filter: { unitId?: string; upper?: boolean },
) {
  let unitIds = await access.listScope(exec, actor, "plan.read");
  let onlyIssued = false;
  if (filter.upper) {
    unitIds = [...(await access.upperPlanUnitIds(exec, actor))];
    onlyIssued = true;
  } else if (filter.unitId) {
    if (!(await access.check(exec, actor, "plan.read", "unit", [filter.unitId])).has(filter.unitId))
      throw new AppError("UNIT_NOT_FOUND");
    unitIds = [filter.unitId];
  }
  const plans = (await planRepository.listPlansOfUnits(exec, unitIds)).filter(
    (plan) => !onlyIssued || plan.status === "issued",
  );
  const tasks = await planRepository.listTasksOfPlans(
    exec,
    plans.map((p) => p.id),
  );
  const writeScope = await access.unitScope(exec, actor, "plan.write");
  return {
    data: plans.map((plan) => ({
      id: plan.id,
      unitId: plan.unitId,
      unitName: plan.unitName,
      title: plan.title,
      periodLabel: plan.periodLabel,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      planNumber: plan.planNumber,
      status: plan.status,
      statusLabel: PLAN_STATUS_LABELS[plan.status],
      version: plan.version,
      progress: rollUpProgress(
        tasks.filter((t) => t.planId === plan.id).map((t) => effectiveStatus(t)),
      ),
    })),
    can: { create: writeScope.kind === "all" || writeScope.unitIds.size > 0 },
  };
}
