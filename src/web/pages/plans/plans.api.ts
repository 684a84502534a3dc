import type { z } from "zod";
import { buildQuery, request, requestData } from "../../api/client.ts";
import type { AreaKey } from "../../../core/plan/plan-area.ts";
import type { PlanStatus } from "../../../core/plan/plan-status.ts";
import type { StoredTaskStatus, TaskStatus } from "../../../core/plan/task-status.ts";
import type { TargetMetric } from "../../../core/plan/target-metric.ts";
import type {
  areaInput,
  createPlanInput,
  issuePlanInput,
  measurementInput,
  occurrenceInput,
  periodInput,
  planCan,
  planDetailView,
  planHeaderInput,
  planSummaryView,
  progressInput,
  targetInput,
  taskInput,
  taskView,
} from "../../../server/routes/plan.schemas.ts";

/**
 * Client of the plans API (`/api/plans`, `/api/tasks`, `/api/targets`, `/api/evidence`).
 *
 * Types are inferred from the server's schemas (`server/routes/plan.schemas.ts`; type-only
 * imports, erased from the bundle). The plan, task and summary views are loose objects on the
 * server (it documents their core fields and sends more), so each inferred base is extended here
 * with the further fields the pages read.
 */

/** A loose view's declared fields, without its `[key: string]: unknown` index signature. */
type Declared<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

export type { PlanStatus };

type PlanSummaryBase = Declared<z.infer<typeof planSummaryView>>;
export type Progress = PlanSummaryBase["progress"];

export type PlanSummary = PlanSummaryBase & {
  periodStart: string;
  periodEnd: string;
  planNumber: string | null;
  status: PlanStatus;
  version: number;
};

export type PlanCan = z.infer<typeof planCan>;

/** A legal basis of the plan as the detail view sends it. */
export interface Basis {
  id?: string;
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  text: string;
}

export interface Duty {
  agencyName: string;
  agencyId: string | null;
  duties: string[];
}

type PlanDetailBase = Declared<z.infer<typeof planDetailView>>;

export type PlanArea = Declared<PlanDetailBase["areas"][number]> & {
  id: string;
  key: AreaKey;
  defaultHeading: string;
  targetScore: number | null;
  maxScore: number | null;
};

export type Target = Declared<PlanDetailBase["targets"][number]> & {
  areaId: string | null;
  metric: TargetMetric;
  metricLabel: string;
  comparator: TargetComparator;
  value: number | null;
  valueHigh: number | null;
  unit: TargetUnit | null;
  scope: string | null;
  deadline: string | null;
  manualValue: number | null;
  manualNote: string | null;
  measuredAutomatically: boolean;
  measured: number | null;
  state: "met" | "at_risk" | "not_met" | "no_data";
  measuredText: string | null;
  targetText: string | null;
  rule: string | null;
};

export type OccurrenceInput = z.input<typeof occurrenceInput>;

export interface Occurrence {
  id: string;
  taskId: string;
  label: string;
  dueDate: string;
  status: OccurrenceInput["status"];
  completedAt: string | null;
}

export interface ChildTask {
  taskId: string;
  planId: string;
  unitName: string;
  status: TaskStatus;
  statusLabel: string;
  progress: number;
}

export type Task = Declared<z.infer<typeof taskView>> & {
  areaKey: AreaKey | null;
  parentTaskId: string | null;
  position: number;
  leadAgencyId: string | null;
  supportAgencyIds: string[];
  monitorAgencyId: string | null;
  monitorAgencyName: string | null;
  status: StoredTaskStatus;
  statusReason: string | null;
  effectiveStatus: TaskStatus;
  completedAt: string | null;
  evidenceCount: number;
};

export type PlanTask = Task & {
  occurrences: Occurrence[];
  children: ChildTask[];
};

export type ListedTask = Task & {
  planTitle: string;
  planPeriodLabel: string;
  unitName: string;
  unitId: string;
};

export type PlanDetail = Omit<PlanDetailBase, "areas" | "targets" | "tasks"> & {
  unitId: string;
  periodKind: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  decisionNumber: string | null;
  planNumber: string | null;
  place: string | null;
  issuedDate: string | null;
  signerAuthority: string | null;
  signerTitle: string | null;
  signerName: string | null;
  purposes: string;
  requirements: string;
  funding: string;
  recipients: string[];
  status: PlanStatus;
  statusLabel: string;
  upperPlanId: string | null;
  amendsPlanId: string | null;
  version: number;
  bases: Basis[];
  duties: Duty[];
  areas: PlanArea[];
  targets: Target[];
  tasks: PlanTask[];
};

export interface TaskUpdate {
  id: number;
  taskId: string;
  at: string;
  userName: string;
  status: string | null;
  progress: number | null;
  comment: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

export interface Evidence {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  documentNumber: string | null;
  documentDate: string | null;
  documentType: string | null;
  uploadedAt: string;
}

export interface PlanChange {
  taskId: string;
  taskText: string;
  at: string;
  userName: string;
  status: string | null;
  statusLabel: string | null;
  progress: number | null;
  comment: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

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
  return requestData<unknown>(`/api/plans/${enc(planId)}/areas/${enc(key)}`, {
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
  return requestData<unknown>(`/api/tasks/${enc(id)}`, { method: "DELETE" });
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
