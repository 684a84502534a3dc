import type { AreaKey } from "../../core/plan/plan-area.ts";
import type { TaskChanges } from "../../core/plan/task-change.ts";
import {
  checkTaskStatusChange,
  TASK_STATUS_LABELS,
  type StoredTaskStatus,
  type OccurrenceStatus,
} from "../../core/plan/task-status.ts";
import { matchesSearch } from "../../core/text/vietnamese-text.ts";
import type { Executor } from "../db/database.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import {
  evidenceRow,
  inspectEvidence,
  readEvidenceFile,
  storeEvidenceFile,
  type EvidenceUpload,
} from "./evidence-files.ts";
import { effectiveStatus, taskView, today, updatableTaskIds } from "./plan-view.service.ts";
import { runUseCase } from "./use-case.ts";

export interface TaskProgressInput {
  status?: StoredTaskStatus;
  progress?: number;
  reason?: string | null;
  completedOn?: string | null;
  comment?: string | null;
}

async function loadTaskForUpdate(tx: Executor, actor: Actor, taskId: string) {
  await access.requireRecord(tx, actor, "task", taskId, {
    read: "plan.read",
    act: "task.update",
    notFound: "TASK_NOT_FOUND",
  });
  const [found] = await planRepository.findTasks(tx, [taskId]);
  if (!found) throw new AppError("TASK_NOT_FOUND");
  if (found.planStatus === "superseded") throw new AppError("FORBIDDEN");
  return found;
}

/** Throws unless the actor may update the task (before an uploaded file is read). */
export async function requireTaskUpdatable(db: Executor, actor: Actor, taskId: string) {
  await loadTaskForUpdate(db, actor, taskId);
}

/** Records progress on a task (status, %, comment) as one update with what changed. */
export async function updateTaskProgress(
  db: Executor,
  actor: Actor,
  taskId: string,
  input: TaskProgressInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { task, unitId } = await loadTaskForUpdate(tx, actor, taskId);
    const status = input.status ?? task.status;
    const completedOn =
      status === "completed" ? (input.completedOn ?? task.completedAt ?? today()) : null;
    const problems = checkTaskStatusChange({
      status,
      reason: input.reason ?? (status === task.status ? task.statusReason : null),
      completedOn,
      today: today(),
    });
    if (problems.length > 0) {
      throw new AppError("TASK_STATUS_INVALID", {
        details: problems.map((p) => ({ path: "status", message: p.message })),
      });
    }
    const progress = status === "completed" ? 100 : (input.progress ?? task.progress);
    const changes: TaskChanges = {};
    if (status !== task.status) changes.status = { from: task.status, to: status };
    if (progress !== task.progress) changes.progress = { from: task.progress, to: progress };
    if (completedOn !== task.completedAt)
      changes.completedAt = { from: task.completedAt, to: completedOn };
    const after = await planRepository.updateTask(tx, taskId, {
      status,
      progress,
      completedAt: completedOn,
      statusReason:
        status === "paused" || status === "cancelled" ? (input.reason ?? task.statusReason) : null,
    });
    await planRepository.insertTaskUpdate(tx, {
      taskId,
      userId: actor.userId,
      userName: actor.name,
      status,
      progress,
      comment: input.comment?.trim() || null,
      changes,
    });
    await audit({
      action: "task.progress",
      entityId: taskId,
      unitId,
      before: task,
      after,
      summary: `Cập nhật nhiệm vụ: ${TASK_STATUS_LABELS[status]}, ${progress}% — ${task.text.slice(0, 80)}`,
    });
    return { data: { id: taskId } };
  });
}

export async function updateOccurrenceStatus(
  db: Executor,
  actor: Actor,
  occurrenceId: string,
  input: { status: OccurrenceStatus; completedOn?: string | null },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const occurrence = await planRepository.findOccurrence(tx, occurrenceId);
    if (!occurrence) throw new AppError("TASK_NOT_FOUND");
    const { unitId } = await loadTaskForUpdate(tx, actor, occurrence.taskId);
    const completedAt = input.status === "completed" ? (input.completedOn ?? today()) : null;
    if (completedAt && completedAt > today()) {
      throw new AppError("TASK_STATUS_INVALID", {
        details: [{ path: "completedOn", message: "Ngày hoàn thành không được sau ngày hôm nay." }],
      });
    }
    const after = await planRepository.updateOccurrence(tx, occurrenceId, {
      status: input.status,
      completedAt,
    });
    await audit({
      action: "task.progress",
      entityId: occurrence.taskId,
      unitId,
      before: occurrence,
      after,
      summary: `Cập nhật kỳ ${occurrence.label}`,
    });
    return { data: { ...after, status: after.status as "not_started" | "completed" } };
  });
}

export type TaskListView = "all" | "mine" | "overdue" | "due_soon";

/** Task lists across the plans the actor can read: "việc của tôi", overdue, due soon, search. */
export async function listTasks(
  db: Executor,
  actor: Actor,
  filter: {
    view?: TaskListView;
    planId?: string;
    areaKey?: string;
    agencyId?: string;
    q?: string;
    dueWithinDays?: number;
    unitId?: string;
    /** Only tasks due in this range (both days included); a task without a due day is left out. */
    dueFrom?: string;
    dueTo?: string;
    /**
     * "report": only the tasks a report's figures count — leaf tasks (a task with sub-tasks is
     * counted through them) that are not cancelled (see the report builder).
     */
    counted?: "report";
  },
  /** Today in Vietnam unless the caller (a test) gives its own day. */
  clock: { today?: string } = {},
) {
  const unitIds = await access.listScope(db, actor, "plan.read");
  const view = filter.view ?? "all";
  // Only the tasks of issued plans are work (mine, overdue, due soon); a draft's tasks appear
  // only inside their draft (the list filtered on that plan, "all").
  // The tasks a report counts are those of the issued plans overlapping its range.
  const report = filter.counted === "report";
  const plans = (await planRepository.listPlansOfUnits(db, unitIds)).filter(
    (p) =>
      (p.status === "issued" ||
        (p.status === "draft" && !!filter.planId && view === "all" && !report)) &&
      (!report || !filter.dueTo || p.periodStart <= filter.dueTo) &&
      (!report || !filter.dueFrom || p.periodEnd >= filter.dueFrom) &&
      (!filter.planId || p.id === filter.planId) &&
      (!filter.unitId || p.unitId === filter.unitId),
  );
  const planOf = new Map(plans.map((p) => [p.id, p]));
  const tasks = await planRepository.listTasksOfPlans(
    db,
    plans.map((p) => p.id),
  );
  const areas = new Map(
    (
      await planRepository.listAreasOfPlans(
        db,
        plans.map((p) => p.id),
      )
    ).map((a) => [a.id, a.key as AreaKey]),
  );
  const ids = tasks
    .flatMap((t) => [t.leadAgencyId, t.monitorAgencyId, ...t.supportAgencyIds])
    .filter((x): x is string => !!x);
  const names = await planRepository.agencyNames(db, [...new Set(ids)]);
  const updatable = await updatableTaskIds(db, actor, tasks);
  const myAgencies = new Set(actor.grants.map((g) => g.agencyId).filter((x): x is string => !!x));
  // A task with sub-tasks, as the report builder finds them (among the same plans' tasks).
  const parents = new Set(tasks.map((t) => t.parentTaskId).filter((id): id is string => !!id));
  const now = clock.today ?? today();
  const soonLimit = addDays(now, filter.dueWithinDays ?? 14);
  const rows = tasks
    .map((task) => ({
      ...taskView(task, names, updatable.has(task.id), {
        areaKey: task.areaId ? (areas.get(task.areaId) ?? null) : null,
        today: now,
      }),
      planTitle: planOf.get(task.planId)!.title,
      planPeriodLabel: planOf.get(task.planId)!.periodLabel,
      unitName: planOf.get(task.planId)!.unitName,
      unitId: planOf.get(task.planId)!.unitId,
    }))
    .filter((t) => !filter.areaKey || t.areaKey === filter.areaKey)
    .filter((t) => !report || (!parents.has(t.id) && t.status !== "cancelled"))
    .filter(
      (t) =>
        (!filter.dueFrom || (t.dueDate !== null && t.dueDate >= filter.dueFrom)) &&
        (!filter.dueTo || (t.dueDate !== null && t.dueDate <= filter.dueTo)),
    )
    .filter(
      (t) =>
        !filter.agencyId ||
        t.leadAgencyId === filter.agencyId ||
        t.supportAgencyIds.includes(filter.agencyId),
    )
    .filter(
      (t) =>
        !filter.q ||
        matchesSearch(`${t.text} ${t.deliverable ?? ""} ${t.leadAgencyName ?? ""}`, filter.q),
    )
    .filter((t) => {
      switch (view) {
        case "mine":
          return myAgencies.size > 0
            ? (t.leadAgencyId !== null && myAgencies.has(t.leadAgencyId)) ||
                t.supportAgencyIds.some((a) => myAgencies.has(a))
            : t.can.update;
        case "overdue":
          return t.effectiveStatus === "overdue";
        case "due_soon":
          return (
            (t.effectiveStatus === "not_started" || t.effectiveStatus === "in_progress") &&
            t.dueDate !== null &&
            t.dueDate >= now &&
            t.dueDate <= soonLimit
          );
        default:
          return true;
      }
    })
    .sort(
      (a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.position - b.position,
    );
  return { data: rows };
}

function addDays(iso: string, days: number) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function listTaskUpdates(db: Executor, actor: Actor, taskId: string) {
  await access.requireRecord(db, actor, "task", taskId, {
    read: "plan.read",
    notFound: "TASK_NOT_FOUND",
  });
  const updates = await planRepository.listTaskUpdates(db, [taskId]);
  const evidence = await planRepository.listEvidenceOfTasks(db, [taskId]);
  return {
    data: {
      updates: updates.map((u) => ({ ...u, at: u.at.toISOString() })),
      evidence: evidence.map((e) => ({
        ...e.evidence,
        uploadedAt: e.evidence.uploadedAt.toISOString(),
      })),
    },
  };
}

/** "Thay đổi từ báo cáo trước": what changed in a plan's tasks since a date. */
export async function planChangesSince(db: Executor, actor: Actor, planId: string, since: string) {
  // The task updates of a plan: its own unit's readers only (an upper plan's reader reads the
  // plan, not its tasks' work).
  const plan = await planRepository.findPlan(db, planId);
  const readable = plan
    ? await access.check(db, actor, "plan.read", "unit", [plan.unitId])
    : new Set();
  if (!plan || !readable.has(plan.unitId)) throw new AppError("PLAN_NOT_FOUND");
  const tasks = await planRepository.listTasksOfPlans(db, [planId]);
  const updates = await planRepository.listTaskUpdates(
    db,
    tasks.map((t) => t.id),
    new Date(`${since}T00:00:00+07:00`),
  );
  const textOf = new Map(tasks.map((t) => [t.id, t.text]));
  return {
    data: updates.map((u) => ({
      taskId: u.taskId,
      taskText: textOf.get(u.taskId) ?? "",
      at: u.at.toISOString(),
      userName: u.userName,
      status: u.status,
      statusLabel: u.status ? (TASK_STATUS_LABELS[u.status] ?? u.status) : null,
      progress: u.progress,
      comment: u.comment,
      changes: u.changes ?? {},
    })),
  };
}

/** Stores an evidence file (checked by content, hashed) and links it to a task. */
export async function uploadEvidence(
  db: Executor,
  actor: Actor,
  dataDir: string,
  taskId: string,
  upload: EvidenceUpload,
) {
  const inspected = inspectEvidence(upload.bytes);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { unitId, task } = await loadTaskForUpdate(tx, actor, taskId);
    await storeEvidenceFile(dataDir, inspected.sha256, upload.bytes);
    const evidence = await planRepository.insertEvidence(
      tx,
      evidenceRow(upload, inspected, { unitId, uploadedBy: actor.userId }),
    );
    await planRepository.linkEvidence(tx, [taskId], evidence.id);
    await audit({
      action: "evidence.upload",
      entityId: evidence.id,
      unitId,
      after: evidence,
      summary: `Tải lên tài liệu kiểm chứng “${evidence.fileName}” cho nhiệm vụ: ${task.text.slice(0, 80)}`,
    });
    return { data: { ...evidence, uploadedAt: evidence.uploadedAt.toISOString() } };
  });
}

/** Links an existing evidence file to more tasks of the same unit. */
export async function linkEvidence(
  db: Executor,
  actor: Actor,
  evidenceId: string,
  taskIds: string[],
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.requireRecord(tx, actor, "evidence", evidenceId, {
      read: "plan.read",
      notFound: "EVIDENCE_NOT_FOUND",
    });
    const evidence = await planRepository.findEvidence(tx, evidenceId);
    if (!evidence) throw new AppError("EVIDENCE_NOT_FOUND");
    for (const taskId of taskIds) {
      const { unitId } = await loadTaskForUpdate(tx, actor, taskId);
      if (unitId !== evidence.unitId) throw new AppError("FORBIDDEN");
    }
    await planRepository.linkEvidence(tx, taskIds, evidenceId);
    await audit({
      action: "evidence.link",
      entityId: evidenceId,
      unitId: evidence.unitId,
      after: { taskIds },
      summary: `Gắn tài liệu “${evidence.fileName}” với ${taskIds.length} nhiệm vụ`,
    });
    return { data: { ok: true } };
  });
}

export async function readEvidence(
  db: Executor,
  actor: Actor,
  dataDir: string,
  evidenceId: string,
) {
  await access.requireRecord(db, actor, "evidence", evidenceId, {
    read: "plan.read",
    notFound: "EVIDENCE_NOT_FOUND",
  });
  const evidence = await planRepository.findEvidence(db, evidenceId);
  if (!evidence) throw new AppError("EVIDENCE_NOT_FOUND");
  const bytes = await readEvidenceFile(dataDir, evidence.sha256);
  return { evidence, bytes };
}

export { effectiveStatus };
