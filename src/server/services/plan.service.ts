import { planTitleWithoutKind } from "../../core/plan/plan-title.ts";
import { AREA_HEADINGS, AREA_KEYS, type AreaKey } from "../../core/plan/plan-area.ts";
import { resolvePlanPeriod, type PlanPeriodInput } from "../../core/plan/plan-period.ts";
import { planEditProblem, planTransitionProblem } from "../../core/plan/plan-status.ts";
import { parseTimeline } from "../../core/plan/timeline-parser.ts";
import { occurrencesOf } from "../../core/plan/timeline-occurrences.ts";
import type { TargetComparator, TargetMetric, TargetUnit } from "../../core/plan/target-metric.ts";
import type { StoredTaskStatus } from "../../core/plan/task-status.ts";
import type { ReportScheduleEntry } from "../../core/plan/report-schedule.ts";
import type { Executor } from "../db/database.ts";
import { listAgenciesOfUnits } from "../db/repositories/agency.repository.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import type { PlanRow, TaskInsert } from "../db/repositories/plan.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { requireReadablePlan } from "./plan-view.service.ts";
import { runUseCase, type UseCaseContext } from "./use-case.ts";

export interface PlanHeaderInput {
  title: string;
  decisionNumber?: string | null;
  planNumber?: string | null;
  place?: string | null;
  issuedDate?: string | null;
  signerAuthority?: "TM." | "KT." | "Q." | null;
  signerTitle?: string | null;
  signerName?: string | null;
  purposes?: string;
  requirements?: string;
  funding?: string;
  recipients?: string[];
  bases?: {
    type?: string | null;
    number?: string | null;
    date?: string | null;
    issuer?: string | null;
    text: string;
  }[];
  duties?: { agencyName: string; agencyId?: string | null; duties: string[] }[];
  reportSchedule?: ReportScheduleEntry[];
}

export interface TargetInput {
  text: string;
  areaKey?: AreaKey | null;
  metric?: TargetMetric;
  comparator?: TargetComparator;
  value?: number | null;
  valueHigh?: number | null;
  unit?: TargetUnit | null;
  scope?: string | null;
  deadline?: string | null;
}

export interface TaskInput {
  areaKey: AreaKey;
  text: string;
  ref?: string | null;
  leadAgencyId?: string | null;
  supportAgencyIds?: string[];
  monitorAgencyId?: string | null;
  deliverable?: string | null;
  timeline?: string | null;
}

export interface CreatePlanInput extends PlanHeaderInput {
  unitId: string;
  period: PlanPeriodInput;
  /** Start from a copy of another plan of the same unit (e.g. last year's). */
  copyFromPlanId?: string | null;
  /** Cascade from the upper level's plan: the chosen tasks are copied with a link to them. */
  upperPlanId?: string | null;
  upperTaskIds?: string[];
  areas?: {
    key: AreaKey;
    heading?: string;
    targetScore?: number | null;
    maxScore?: number | null;
  }[];
  targets?: TargetInput[];
  tasks?: TaskInput[];
}

async function requirePlanWriter(tx: Executor, actor: Actor, unitId: string) {
  const readable = await access.check(tx, actor, "plan.read", "unit", [unitId]);
  if (!readable.has(unitId)) throw new AppError("UNIT_NOT_FOUND");
  await access.require(tx, actor, "plan.write", "unit", unitId);
}

function assertEditable(plan: PlanRow) {
  const problem = planEditProblem(plan.status);
  if (problem) throw new AppError("PLAN_NOT_EDITABLE");
}

/** Checks agency ids belong to the plan's unit; returns a name lookup for messages. */
async function checkAgencies(tx: Executor, unitId: string, ids: (string | null | undefined)[]) {
  const known = new Map((await listAgenciesOfUnits(tx, [unitId])).map((a) => [a.id, a.name]));
  for (const id of ids) {
    if (id && !known.has(id)) throw new AppError("TASK_AGENCY_INVALID", { params: { agency: id } });
  }
  return known;
}

async function ensureArea(tx: Executor, planId: string, key: AreaKey, heading?: string) {
  const areas = await planRepository.listAreas(tx, planId);
  const existing = areas.find((a) => a.key === key);
  if (existing) return existing;
  return planRepository.insertArea(tx, {
    planId,
    key,
    heading: heading?.trim() || AREA_HEADINGS[key],
    position: AREA_KEYS.indexOf(key) + 1,
  });
}

function scheduleOf(
  timeline: string | null | undefined,
  plan: Pick<PlanRow, "periodStart" | "periodEnd">,
) {
  if (!timeline?.trim())
    return { timelineRaw: null, timeline: null, dueDate: null, occurrences: [] };
  const period = { periodStart: plan.periodStart, periodEnd: plan.periodEnd };
  const schedule = parseTimeline(timeline, period);
  const occurrences =
    schedule.kind === "recurring" || schedule.kind === "composite"
      ? occurrencesOf(schedule, period)
      : [];
  return {
    timelineRaw: timeline.trim(),
    timeline: schedule,
    dueDate: schedule.dueDate,
    occurrences: occurrences.map((o) => ({ label: o.label, dueDate: o.dueDate })),
  };
}

async function addTasks(
  tx: Executor,
  plan: PlanRow,
  tasks: (TaskInput & {
    parentTaskId?: string | null;
    status?: StoredTaskStatus;
    progress?: number;
    completedAt?: string | null;
  })[],
) {
  await checkAgencies(
    tx,
    plan.unitId,
    tasks.flatMap((t) => [t.leadAgencyId, t.monitorAgencyId, ...(t.supportAgencyIds ?? [])]),
  );
  let position = await planRepository.nextTaskPosition(tx, plan.id);
  const created = [];
  for (const task of tasks) {
    const area = await ensureArea(tx, plan.id, task.areaKey);
    const schedule = scheduleOf(task.timeline, plan);
    const values: TaskInsert = {
      planId: plan.id,
      areaId: area.id,
      parentTaskId: task.parentTaskId ?? null,
      ref: task.ref ?? null,
      position: position++,
      text: task.text.trim(),
      leadAgencyId: task.leadAgencyId ?? null,
      supportAgencyIds: task.supportAgencyIds ?? [],
      monitorAgencyId: task.monitorAgencyId ?? null,
      deliverable: task.deliverable ?? null,
      timelineRaw: schedule.timelineRaw,
      timeline: schedule.timeline,
      dueDate: schedule.dueDate,
      status: task.status ?? "not_started",
      progress: task.progress ?? 0,
      completedAt: task.completedAt ?? null,
    };
    const [row] = await planRepository.insertTasks(tx, [values]);
    await planRepository.replaceOccurrences(tx, row!.id, schedule.occurrences);
    created.push(row!);
  }
  return created;
}

async function addTargets(tx: Executor, planId: string, targets: TargetInput[], startAt = 1) {
  let position = startAt;
  for (const target of targets) {
    const area = target.areaKey ? await ensureArea(tx, planId, target.areaKey) : null;
    await planRepository.insertTarget(tx, {
      planId,
      areaId: area?.id ?? null,
      position: position++,
      text: target.text.trim(),
      metric: target.metric ?? "manual",
      comparator: target.comparator ?? "gte",
      value: target.value ?? null,
      valueHigh: target.valueHigh ?? null,
      unit: target.unit ?? null,
      scope: target.scope ?? null,
      deadline: target.deadline ?? null,
    });
  }
}

function headerValues(input: PlanHeaderInput) {
  return {
    title: planTitleWithoutKind(input.title),
    decisionNumber: input.decisionNumber ?? null,
    planNumber: input.planNumber ?? null,
    place: input.place ?? null,
    issuedDate: input.issuedDate ?? null,
    signerAuthority: input.signerAuthority ?? null,
    signerTitle: input.signerTitle ?? null,
    signerName: input.signerName ?? null,
    purposes: input.purposes ?? "",
    requirements: input.requirements ?? "",
    funding: input.funding ?? "",
    recipients: input.recipients ?? [],
    reportSchedule: input.reportSchedule ?? [],
  };
}

async function copyPlanContent(
  ctx: UseCaseContext,
  source: PlanRow,
  target: PlanRow,
  keepProgress: boolean,
) {
  const { tx } = ctx;
  await planRepository.replaceBases(
    tx,
    target.id,
    (await planRepository.listBases(tx, source.id)).map(
      ({ id: _i, planId: _p, position: _o, ...b }) => b,
    ),
  );
  await planRepository.replaceDuties(
    tx,
    target.id,
    (await planRepository.listDuties(tx, source.id)).map(
      ({ id: _i, planId: _p, position: _o, ...d }) => d,
    ),
  );
  const areas = await planRepository.listAreas(tx, source.id);
  for (const area of areas) {
    await planRepository.insertArea(tx, {
      planId: target.id,
      key: area.key,
      heading: area.heading,
      position: area.position,
      targetScore: area.targetScore,
      maxScore: area.maxScore,
    });
  }
  const keyOf = new Map(areas.map((a) => [a.id, a.key as AreaKey]));
  const targets = await planRepository.listTargets(tx, source.id);
  await addTargets(
    tx,
    target.id,
    targets.map((t) => ({
      ...t,
      areaKey: t.areaId ? keyOf.get(t.areaId) : null,
      comparator: t.comparator,
    })),
  );
  const tasks = await planRepository.listTasksOfPlans(tx, [source.id]);
  const created = await addTasks(
    tx,
    target,
    tasks.map((t) => ({
      areaKey: (t.areaId ? keyOf.get(t.areaId) : undefined) ?? "direction",
      text: t.text,
      ref: t.ref,
      leadAgencyId: t.leadAgencyId,
      supportAgencyIds: t.supportAgencyIds,
      monitorAgencyId: t.monitorAgencyId,
      deliverable: t.deliverable,
      timeline: t.timelineRaw,
      parentTaskId: t.parentTaskId,
      ...(keepProgress
        ? { status: t.status, progress: t.progress, completedAt: t.completedAt }
        : {}),
    })),
  );
  if (keepProgress) {
    const evidence = await planRepository.listEvidenceOfTasks(
      tx,
      tasks.map((t) => t.id),
    );
    for (const [index, task] of tasks.entries()) {
      for (const e of evidence.filter((x) => x.taskId === task.id)) {
        await planRepository.linkEvidence(tx, [created[index]!.id], e.evidence.id);
      }
    }
  }
}

export async function createPlan(db: Executor, actor: Actor, input: CreatePlanInput) {
  return runUseCase(db, actor, async (ctx) => {
    const { tx, audit } = ctx;
    await requirePlanWriter(tx, actor, input.unitId);
    const period = resolvePlanPeriod(input.period);
    if ("problem" in period)
      throw new AppError("PLAN_PERIOD_INVALID", { params: { reason: period.problem } });
    const plan = await planRepository.insertPlan(tx, {
      unitId: input.unitId,
      ...headerValues(input),
      periodKind: period.kind,
      periodLabel: period.label,
      periodStart: period.start,
      periodEnd: period.end,
      upperPlanId: input.upperPlanId ?? null,
      createdBy: actor.userId,
    });
    if (input.copyFromPlanId) {
      const source = await requireReadablePlan(tx, actor, input.copyFromPlanId);
      if (source.unitId !== input.unitId) {
        throw new AppError("PLAN_SOURCE_INVALID", {
          params: { reason: "chỉ sao chép được kế hoạch của cùng đơn vị" },
        });
      }
      await copyPlanContent(ctx, source, plan, false);
    }
    if (input.upperPlanId)
      await cascadeFromUpperPlan(tx, actor, plan, input.upperPlanId, input.upperTaskIds ?? []);
    if (input.bases)
      await planRepository.replaceBases(
        tx,
        plan.id,
        input.bases.map((b) => ({
          ...b,
          type: b.type ?? null,
          number: b.number ?? null,
          date: b.date ?? null,
          issuer: b.issuer ?? null,
        })),
      );
    if (input.duties)
      await planRepository.replaceDuties(
        tx,
        plan.id,
        input.duties.map((d) => ({
          agencyName: d.agencyName,
          agencyId: d.agencyId ?? null,
          duties: d.duties,
        })),
      );
    for (const area of input.areas ?? []) {
      const row = await ensureArea(tx, plan.id, area.key, area.heading);
      await planRepository.updateArea(tx, row.id, {
        targetScore: area.targetScore ?? null,
        maxScore: area.maxScore ?? null,
      });
    }
    const existingTargets = (await planRepository.listTargets(tx, plan.id)).length;
    await addTargets(tx, plan.id, input.targets ?? [], existingTargets + 1);
    await addTasks(tx, plan, input.tasks ?? []);
    await audit({
      action: "plan.create",
      entityId: plan.id,
      unitId: plan.unitId,
      after: plan,
      summary: `Tạo kế hoạch “${plan.title}” (${plan.periodLabel})`,
    });
    return { data: { id: plan.id } };
  });
}

async function cascadeFromUpperPlan(
  tx: Executor,
  actor: Actor,
  plan: PlanRow,
  upperPlanId: string,
  taskIds: string[],
) {
  const upper = await requireReadablePlan(tx, actor, upperPlanId);
  if (!(await loadUnitTree(tx)).ancestors(plan.unitId).includes(upper.unitId)) {
    throw new AppError("PLAN_SOURCE_INVALID", {
      params: { reason: "kế hoạch cấp trên phải của đơn vị cấp trên" },
    });
  }
  const upperTasks = await planRepository.listTasksOfPlans(tx, [upperPlanId]);
  const chosen = upperTasks.filter((t) => taskIds.includes(t.id));
  if (chosen.length !== new Set(taskIds).size) {
    throw new AppError("PLAN_SOURCE_INVALID", {
      params: { reason: "có nhiệm vụ không thuộc kế hoạch cấp trên" },
    });
  }
  const areas = await planRepository.listAreas(tx, upperPlanId);
  const keyOf = new Map(areas.map((a) => [a.id, a.key as AreaKey]));
  await addTasks(
    tx,
    plan,
    chosen.map((t) => ({
      areaKey: (t.areaId ? keyOf.get(t.areaId) : undefined) ?? "direction",
      text: t.text,
      ref: t.ref,
      deliverable: t.deliverable,
      timeline: t.timelineRaw,
      parentTaskId: t.id,
    })),
  );
  const basisText = `Kế hoạch ${upper.planNumber ? `số ${upper.planNumber} ` : ""}của ${upper.unitName} về ${upper.title}`;
  const bases = await planRepository.listBases(tx, plan.id);
  await planRepository.replaceBases(tx, plan.id, [
    ...bases.map(({ id: _i, planId: _p, position: _o, ...b }) => b),
    {
      type: "Kế hoạch",
      number: upper.planNumber,
      date: upper.issuedDate,
      issuer: upper.unitName,
      text: basisText,
      linkedPlanId: upper.id,
    },
  ]);
}

async function loadWritablePlan(tx: Executor, actor: Actor, planId: string) {
  const plan = await requireReadablePlan(tx, actor, planId);
  await access.require(tx, actor, "plan.write", "plan", plan.id);
  assertEditable(plan);
  return plan;
}

export async function updatePlanHeader(
  db: Executor,
  actor: Actor,
  planId: string,
  input: Partial<PlanHeaderInput>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const before = await loadWritablePlan(tx, actor, planId);
    const merged = {
      ...before,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as PlanHeaderInput;
    const after = await planRepository.updatePlan(tx, planId, headerValues(merged));
    if (input.bases)
      await planRepository.replaceBases(
        tx,
        planId,
        input.bases.map((b) => ({
          ...b,
          type: b.type ?? null,
          number: b.number ?? null,
          date: b.date ?? null,
          issuer: b.issuer ?? null,
        })),
      );
    if (input.duties)
      await planRepository.replaceDuties(
        tx,
        planId,
        input.duties.map((d) => ({
          agencyName: d.agencyName,
          agencyId: d.agencyId ?? null,
          duties: d.duties,
        })),
      );
    await audit({
      action: "plan.update",
      entityId: planId,
      unitId: after.unitId,
      before,
      after,
      summary: `Sửa kế hoạch “${after.title}”`,
    });
    return { data: { id: planId } };
  });
}

export async function setArea(
  db: Executor,
  actor: Actor,
  planId: string,
  key: AreaKey,
  input: { heading?: string; targetScore?: number | null; maxScore?: number | null },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await loadWritablePlan(tx, actor, planId);
    const area = await ensureArea(tx, planId, key, input.heading);
    const after = await planRepository.updateArea(tx, area.id, {
      ...(input.heading ? { heading: input.heading.trim() } : {}),
      ...(input.targetScore !== undefined ? { targetScore: input.targetScore } : {}),
      ...(input.maxScore !== undefined ? { maxScore: input.maxScore } : {}),
    });
    await audit({
      action: "plan.update",
      entityId: planId,
      unitId: plan.unitId,
      before: area,
      after,
      summary: `Sửa lĩnh vực “${after.heading}”`,
    });
    return { data: { ...after, key: after.key as AreaKey } };
  });
}

export async function addTarget(db: Executor, actor: Actor, planId: string, input: TargetInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await loadWritablePlan(tx, actor, planId);
    const count = (await planRepository.listTargets(tx, planId)).length;
    await addTargets(tx, planId, [input], count + 1);
    await audit({
      action: "plan.update",
      entityId: planId,
      unitId: plan.unitId,
      after: input,
      summary: `Thêm chỉ tiêu: ${input.text}`,
    });
    return { data: { id: planId } };
  });
}

export async function updateTarget(
  db: Executor,
  actor: Actor,
  targetId: string,
  input: Partial<TargetInput>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.requireRecord(tx, actor, "target", targetId, {
      read: "plan.read",
      notFound: "PLAN_TARGET_NOT_FOUND",
    });
    const target = await planRepository.findTarget(tx, targetId);
    if (!target) throw new AppError("PLAN_TARGET_NOT_FOUND");
    const plan = await loadWritablePlan(tx, actor, target.planId);
    const area = input.areaKey ? await ensureArea(tx, plan.id, input.areaKey) : undefined;
    const { areaKey: _a, ...rest } = input;
    const after = await planRepository.updateTarget(tx, targetId, {
      ...rest,
      ...(area ? { areaId: area.id } : {}),
    });
    await audit({
      action: "plan.update",
      entityId: plan.id,
      unitId: plan.unitId,
      before: target,
      after,
      summary: `Sửa chỉ tiêu: ${after.text}`,
    });
    return { data: { id: targetId } };
  });
}

export async function deleteTarget(db: Executor, actor: Actor, targetId: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.requireRecord(tx, actor, "target", targetId, {
      read: "plan.read",
      notFound: "PLAN_TARGET_NOT_FOUND",
    });
    const target = await planRepository.findTarget(tx, targetId);
    if (!target) throw new AppError("PLAN_TARGET_NOT_FOUND");
    const plan = await loadWritablePlan(tx, actor, target.planId);
    await planRepository.deleteTarget(tx, targetId);
    await audit({
      action: "plan.update",
      entityId: plan.id,
      unitId: plan.unitId,
      before: target,
      summary: `Xóa chỉ tiêu: ${target.text}`,
    });
    return { data: { ok: true } };
  });
}

/** A measured value entered by hand (for metrics CCHC cannot measure), allowed on issued plans. */
export async function recordTargetMeasurement(
  db: Executor,
  actor: Actor,
  targetId: string,
  input: {
    manualValue: number | null;
    manualNote?: string | null;
    manualEvidenceId?: string | null;
  },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.requireRecord(tx, actor, "target", targetId, {
      read: "plan.read",
      notFound: "PLAN_TARGET_NOT_FOUND",
    });
    const target = await planRepository.findTarget(tx, targetId);
    if (!target) throw new AppError("PLAN_TARGET_NOT_FOUND");
    const plan = await requireReadablePlan(tx, actor, target.planId);
    await access.require(tx, actor, "plan.write", "plan", plan.id);
    if (plan.status === "superseded") throw new AppError("PLAN_NOT_EDITABLE");
    const after = await planRepository.updateTarget(tx, targetId, {
      manualValue: input.manualValue,
      manualNote: input.manualNote ?? null,
      manualEvidenceId: input.manualEvidenceId ?? null,
    });
    await audit({
      action: "target.measure",
      entityId: targetId,
      unitId: plan.unitId,
      before: target,
      after,
      summary: `Nhập số liệu chỉ tiêu: ${target.text}`,
    });
    return { data: { id: targetId } };
  });
}

export async function addTask(db: Executor, actor: Actor, planId: string, input: TaskInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await loadWritablePlan(tx, actor, planId);
    const [task] = await addTasks(tx, plan, [input]);
    await audit({
      action: "task.create",
      entityId: task!.id,
      unitId: plan.unitId,
      after: task,
      summary: `Thêm nhiệm vụ: ${task!.text.slice(0, 120)}`,
    });
    return { data: { id: task!.id } };
  });
}

export async function editTask(
  db: Executor,
  actor: Actor,
  taskId: string,
  input: Partial<TaskInput>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const [found] = await planRepository.findTasks(tx, [taskId]);
    if (!found) throw new AppError("TASK_NOT_FOUND");
    const plan = await loadWritablePlan(tx, actor, found.task.planId);
    await checkAgencies(tx, plan.unitId, [
      input.leadAgencyId,
      input.monitorAgencyId,
      ...(input.supportAgencyIds ?? []),
    ]);
    const area = input.areaKey ? await ensureArea(tx, plan.id, input.areaKey) : null;
    const schedule = input.timeline !== undefined ? scheduleOf(input.timeline, plan) : null;
    const after = await planRepository.updateTask(tx, taskId, {
      ...(input.text !== undefined ? { text: input.text.trim() } : {}),
      ...(input.ref !== undefined ? { ref: input.ref } : {}),
      ...(area ? { areaId: area.id } : {}),
      ...(input.leadAgencyId !== undefined ? { leadAgencyId: input.leadAgencyId } : {}),
      ...(input.supportAgencyIds !== undefined ? { supportAgencyIds: input.supportAgencyIds } : {}),
      ...(input.monitorAgencyId !== undefined ? { monitorAgencyId: input.monitorAgencyId } : {}),
      ...(input.deliverable !== undefined ? { deliverable: input.deliverable } : {}),
      ...(schedule
        ? {
            timelineRaw: schedule.timelineRaw,
            timeline: schedule.timeline,
            dueDate: schedule.dueDate,
          }
        : {}),
    });
    if (schedule) await planRepository.replaceOccurrences(tx, taskId, schedule.occurrences);
    await audit({
      action: "task.update",
      entityId: taskId,
      unitId: plan.unitId,
      before: found.task,
      after,
      summary: `Sửa nhiệm vụ: ${after.text.slice(0, 120)}`,
    });
    return { data: { id: taskId } };
  });
}

export async function removeTask(db: Executor, actor: Actor, taskId: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const [found] = await planRepository.findTasks(tx, [taskId]);
    if (!found) throw new AppError("TASK_NOT_FOUND");
    const plan = await loadWritablePlan(tx, actor, found.task.planId);
    await planRepository.deleteTask(tx, taskId);
    await audit({
      action: "task.delete",
      entityId: taskId,
      unitId: plan.unitId,
      before: found.task,
      summary: `Xóa nhiệm vụ: ${found.task.text.slice(0, 120)}`,
    });
    return { data: { ok: true } };
  });
}

export async function deleteDraftPlan(db: Executor, actor: Actor, planId: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await loadWritablePlan(tx, actor, planId);
    await planRepository.deletePlan(tx, planId);
    await audit({
      action: "plan.delete",
      entityId: planId,
      unitId: plan.unitId,
      before: plan,
      summary: `Xóa dự thảo kế hoạch “${plan.title}”`,
    });
    return { data: { ok: true } };
  });
}

/** draft → issued; issuing an amendment supersedes the version it amends. */
export async function issuePlan(
  db: Executor,
  actor: Actor,
  planId: string,
  input: {
    planNumber?: string | null;
    decisionNumber?: string | null;
    issuedDate?: string | null;
    confirmTasksWithoutLead?: boolean;
  },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await requireReadablePlan(tx, actor, planId);
    await access.require(tx, actor, "plan.issue", "plan", plan.id);
    const problem = planTransitionProblem(plan.status, "issued");
    if (problem)
      throw new AppError("PLAN_TRANSITION_NOT_ALLOWED", {
        params: { from: plan.status, to: "issued" },
      });
    // Tasks nobody leads are listed for the officer to confirm before the plan is issued.
    if (input.confirmTasksWithoutLead !== true) {
      const withoutLead = (await planRepository.listTasksOfPlans(tx, [planId])).filter(
        (task) => task.leadAgencyId === null,
      );
      if (withoutLead.length > 0)
        throw new AppError("PLAN_TASKS_WITHOUT_LEAD", {
          params: { count: withoutLead.length },
          details: withoutLead.map((task) => ({ path: `tasks.${task.id}`, message: task.text })),
        });
    }
    const after = await planRepository.updatePlan(tx, planId, {
      status: "issued",
      issuedAt: new Date(),
      ...(input.planNumber !== undefined ? { planNumber: input.planNumber } : {}),
      ...(input.decisionNumber !== undefined ? { decisionNumber: input.decisionNumber } : {}),
      ...(input.issuedDate !== undefined ? { issuedDate: input.issuedDate } : {}),
    });
    if (plan.amendsPlanId) {
      await planRepository.updatePlan(tx, plan.amendsPlanId, { status: "superseded" });
    }
    await audit({
      action: "plan.issue",
      entityId: planId,
      unitId: plan.unitId,
      before: plan,
      after,
      summary: `Ban hành kế hoạch “${plan.title}”`,
    });
    return { data: { id: planId } };
  });
}

/** Starts an amending version of an issued plan: a draft copy that keeps tasks' progress. */
export async function amendPlan(db: Executor, actor: Actor, planId: string) {
  return runUseCase(db, actor, async (ctx) => {
    const { tx, audit } = ctx;
    const plan = await requireReadablePlan(tx, actor, planId);
    await access.require(tx, actor, "plan.write", "plan", plan.id);
    if (plan.status !== "issued")
      throw new AppError("PLAN_TRANSITION_NOT_ALLOWED", {
        params: { from: plan.status, to: "amend" },
      });
    const { id: _i, createdAt: _c, updatedAt: _u, issuedAt: _s, unitName: _n, ...rest } = plan;
    const draft = await planRepository.insertPlan(tx, {
      ...rest,
      status: "draft",
      amendsPlanId: plan.id,
      version: plan.version + 1,
      createdBy: actor.userId,
    });
    await copyPlanContent(ctx, plan, draft, true);
    await audit({
      action: "plan.amend",
      entityId: draft.id,
      unitId: plan.unitId,
      after: draft,
      summary: `Tạo bản sửa đổi lần ${draft.version - 1} của kế hoạch “${plan.title}”`,
    });
    return { data: { id: draft.id } };
  });
}
