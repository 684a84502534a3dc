import type { z } from "zod";
import { buildQuery, request, requestData } from "../../api/client.ts";
import type { AreaKey } from "../../../core/plan/plan-area.ts";
import type { PlanStatus } from "../../../core/plan/plan-status.ts";
import type {
  areaInput,
  areaRowView,
  areaView,
  basisInput,
  basisView,
  childTaskView,
  createPlanInput,
  dutyInput,
  dutyView,
  evidenceView,
  issuePlanInput,
  listedTaskView,
  measurementInput,
  occurrenceInput,
  occurrenceView,
  periodInput,
  planCan,
  planChangeView,
  planDetailView,
  planHeaderInput,
  planSummaryView,
  planTaskView,
  progressInput,
  progressView,
  targetInput,
  targetView,
  taskInput,
  taskUpdateView,
  taskView,
} from "../../../server/routes/plan.schemas.ts";

/**
 * Client of the plans API (`/api/plans`, `/api/tasks`, `/api/targets`, `/api/evidence`).
 *
 * Every type is inferred from the server's response and input schemas
 * (`server/routes/plan.schemas.ts`; type-only imports, erased from the bundle), which the
 * server's serializer enforces: what the page reads is exactly what the server sends.
 */

export type { PlanStatus };

export type Progress = z.infer<typeof progressView>;
export type PlanSummary = z.infer<typeof planSummaryView>;
export type PlanCan = z.infer<typeof planCan>;
export type Basis = z.infer<typeof basisView>;
export type Duty = z.infer<typeof dutyView>;
export type PlanArea = z.infer<typeof areaView>;
export type PlanAreaRow = z.infer<typeof areaRowView>;
export type Target = z.infer<typeof targetView>;
export type OccurrenceInput = z.input<typeof occurrenceInput>;
export type Occurrence = z.infer<typeof occurrenceView>;
export type ChildTask = z.infer<typeof childTaskView>;
export type Task = z.infer<typeof taskView>;
export type PlanTask = z.infer<typeof planTaskView>;
export type ListedTask = z.infer<typeof listedTaskView>;
export type PlanDetail = z.infer<typeof planDetailView>;
export type TaskUpdate = z.infer<typeof taskUpdateView>;
export type Evidence = z.infer<typeof evidenceView>;
export type PlanChange = z.infer<typeof planChangeView>;

export type BasisInput = z.input<typeof basisInput>;
export type DutyInput = z.input<typeof dutyInput>;
export type PeriodInput = z.input<typeof periodInput>;
/** `PATCH /api/plans/:id`: any of the header fields. */
export type PlanHeaderInput = Partial<z.input<typeof planHeaderInput>>;
export type CreatePlanInput = z.input<typeof createPlanInput>;
export type TaskInput = z.input<typeof taskInput>;
export type TargetInput = z.input<typeof targetInput>;
export type TargetComparator = NonNullable<TargetInput["comparator"]>;
export type TargetUnit = NonNullable<TargetInput["unit"]>;
export type ProgressInput = z.input<typeof progressInput>;
export type IssuePlanInput = z.input<typeof issuePlanInput>;
export type AreaInput = z.input<typeof areaInput>;
export type MeasurementInput = z.input<typeof measurementInput>;

export type TaskListView = "mine" | "overdue" | "due_soon" | "all";

export const planKeys = {
  all: ["plans"] as const,
  list: (query: object) => ["plans", "list", query] as const,
  detail: (id: string) => ["plans", "detail", id] as const,
  changes: (id: string, since: string) => ["plans", "changes", id, since] as const,
  tasks: ["tasks"] as const,
  taskList: (query: object) => ["tasks", "list", query] as const,
  taskUpdates: (id: string) => ["tasks", "updates", id] as const,
};

const enc = encodeURIComponent;

export function listPlans(query: { unitId?: string; upper?: boolean } = {}) {
  return request<PlanSummary[], { create: boolean }>(`/api/plans${buildQuery(query)}`);
}

export function getPlan(id: string) {
  return request<PlanDetail, PlanCan>(`/api/plans/${enc(id)}`);
}

export function createPlan(input: CreatePlanInput) {
  return requestData<{ id: string }>("/api/plans", { method: "POST", body: input });
}

export function updatePlan(id: string, input: PlanHeaderInput) {
  return requestData<{ id: string }>(`/api/plans/${enc(id)}`, { method: "PATCH", body: input });
}

export function deletePlan(id: string) {
  return requestData<{ ok: boolean }>(`/api/plans/${enc(id)}`, { method: "DELETE" });
}

export function issuePlan(id: string, input: IssuePlanInput = {}) {
  return requestData<{ id: string }>(`/api/plans/${enc(id)}/issue`, {
    method: "POST",
    body: input,
  });
}

export function setPlanArea(planId: string, key: AreaKey, input: AreaInput) {
  return requestData<PlanAreaRow>(`/api/plans/${enc(planId)}/areas/${enc(key)}`, {
    method: "PUT",
    body: input,
  });
}

export function amendPlan(id: string) {
  return requestData<{ id: string }>(`/api/plans/${enc(id)}/amend`, { method: "POST" });
}

export function addTask(planId: string, input: TaskInput) {
  return requestData<{ id: string }>(`/api/plans/${enc(planId)}/tasks`, {
    method: "POST",
    body: input,
  });
}

export function editTask(id: string, input: Partial<TaskInput>) {
  return requestData<{ id: string }>(`/api/tasks/${enc(id)}`, { method: "PATCH", body: input });
}

export function deleteTask(id: string) {
  return requestData<{ ok: boolean }>(`/api/tasks/${enc(id)}`, { method: "DELETE" });
}

export function addTarget(planId: string, input: TargetInput) {
  return requestData<{ id: string }>(`/api/plans/${enc(planId)}/targets`, {
    method: "POST",
    body: input,
  });
}

export function editTarget(id: string, input: Partial<TargetInput>) {
  return requestData<{ id: string }>(`/api/targets/${enc(id)}`, { method: "PATCH", body: input });
}

export function deleteTarget(id: string) {
  return requestData<{ ok: boolean }>(`/api/targets/${enc(id)}`, { method: "DELETE" });
}

export function recordMeasurement(id: string, input: MeasurementInput) {
  return requestData<{ id: string }>(`/api/targets/${enc(id)}/measurement`, {
    method: "PUT",
    body: input,
  });
}

export function listPlanChanges(id: string, since: string) {
  return requestData<PlanChange[]>(`/api/plans/${enc(id)}/changes${buildQuery({ since })}`);
}

export function listTasks(query: {
  view?: TaskListView;
  planId?: string | null;
  areaKey?: string | null;
  agencyId?: string | null;
  unitId?: string | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  counted?: "report" | null;
  q?: string;
}) {
  return requestData<ListedTask[]>(`/api/tasks${buildQuery(query)}`);
}

export function updateTaskProgress(id: string, input: ProgressInput) {
  return requestData<{ id: string }>(`/api/tasks/${enc(id)}/updates`, {
    method: "POST",
    body: input,
  });
}

export function getTaskUpdates(id: string) {
  return requestData<{ updates: TaskUpdate[]; evidence: Evidence[] }>(
    `/api/tasks/${enc(id)}/updates`,
  );
}

export function updateOccurrence(id: string, input: OccurrenceInput) {
  return requestData<Occurrence>(`/api/occurrences/${enc(id)}`, { method: "PATCH", body: input });
}

export function uploadEvidence(
  taskId: string,
  input: {
    file: File;
    documentNumber?: string;
    documentDate?: string | null;
    documentType?: string | null;
  },
) {
  const form = new FormData();
  if (input.documentNumber) form.append("documentNumber", input.documentNumber);
  if (input.documentDate) form.append("documentDate", input.documentDate);
  if (input.documentType) form.append("documentType", input.documentType);
  form.append("file", input.file, input.file.name);
  return requestData<Evidence>(`/api/tasks/${enc(taskId)}/evidence`, {
    method: "POST",
    body: form,
  });
}

export const planFileUrls = {
  word: (id: string) => `/api/plans/${enc(id)}/document.docx`,
  excel: (id: string) => `/api/plans/${enc(id)}/appendix.xlsx`,
  evidence: (id: string) => `/api/evidence/${enc(id)}/download`,
};
