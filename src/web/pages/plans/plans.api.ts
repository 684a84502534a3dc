import { buildQuery, request, requestData } from "../../api/client.ts";
import type { AreaKey } from "../../../core/plan/plan-area.ts";
import type { StoredTaskStatus, TaskStatus } from "../../../core/plan/task-status.ts";
import type { TargetMetric } from "../../../core/plan/target-metric.ts";

/** Client of the plans API (`/api/plans`, `/api/tasks`, `/api/targets`, `/api/evidence`). */

export interface Progress {
  total: number;
  completed: number;
  completedLate: number;
  overdue: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  cancelled: number;
  percent: number | null;
  summary: string;
  rule: string;
}

export type PlanStatus = "draft" | "issued" | "superseded";

export interface PlanSummary {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  planNumber: string | null;
  status: PlanStatus;
  statusLabel: string;
  version: number;
  progress: Progress;
}

export interface PlanCan {
  edit: boolean;
  issue: boolean;
  amend: boolean;
  delete: boolean;
  measure: boolean;
}

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

export interface PlanArea {
  id: string;
  key: AreaKey;
  heading: string;
  defaultHeading: string;
  targetScore: number | null;
  maxScore: number | null;
  progress: Progress;
}

export interface Target {
  id: string;
  text: string;
  areaId: string | null;
  metric: TargetMetric;
  metricLabel: string;
  comparator: string;
  value: number | null;
  valueHigh: number | null;
  unit: string | null;
  scope: string | null;
  deadline: string | null;
  manualValue: number | null;
  manualNote: string | null;
  measuredAutomatically: boolean;
  measured: number | null;
  state: "met" | "at_risk" | "not_met" | "no_data";
  stateLabel: string;
  measuredText: string | null;
  targetText: string | null;
  rule: string | null;
}

export interface Occurrence {
  id: string;
  taskId: string;
  label: string;
  dueDate: string;
  status: "not_started" | "completed";
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

export interface Task {
  id: string;
  planId: string;
  areaKey: AreaKey | null;
  parentTaskId: string | null;
  ref: string | null;
  position: number;
  text: string;
  leadAgencyId: string | null;
  leadAgencyName: string | null;
  supportAgencyIds: string[];
  supportAgencyNames: string[];
  monitorAgencyId: string | null;
  monitorAgencyName: string | null;
  deliverable: string | null;
  timelineRaw: string | null;
  dueDate: string | null;
  status: StoredTaskStatus;
  statusReason: string | null;
  effectiveStatus: TaskStatus;
  effectiveStatusLabel: string;
  progress: number;
  completedAt: string | null;
  needsReview: boolean;
  evidenceCount: number;
  can: { update: boolean };
}

export interface PlanTask extends Task {
  occurrences: Occurrence[];
  children: ChildTask[];
}

export interface ListedTask extends Task {
  planTitle: string;
  planPeriodLabel: string;
  unitName: string;
}

export interface PlanDetail {
  id: string;
  unitId: string;
  title: string;
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
  progress: Progress;
}

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

export interface PeriodInput {
  kind: "year" | "half_year" | "multi_year" | "other";
  year?: number;
  half?: 1 | 2;
  endYear?: number;
  start?: string;
  end?: string;
}

export interface PlanHeaderInput {
  title?: string;
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
  bases?: Omit<Basis, "id">[];
  duties?: Duty[];
}

export interface CreatePlanInput extends PlanHeaderInput {
  unitId: string;
  title: string;
  period: PeriodInput;
  copyFromPlanId?: string | null;
  upperPlanId?: string | null;
  upperTaskIds?: string[];
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

export interface TargetInput {
  text: string;
  areaKey?: AreaKey | null;
  metric?: TargetMetric;
  comparator?: string;
  value?: number | null;
  valueHigh?: number | null;
  unit?: string | null;
  scope?: string | null;
  deadline?: string | null;
}

export interface ProgressInput {
  status?: StoredTaskStatus;
  progress?: number;
  reason?: string | null;
  completedOn?: string | null;
  comment?: string | null;
}

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

export function issuePlan(id: string) {
  return requestData<{ id: string }>(`/api/plans/${enc(id)}/issue`, { method: "POST", body: {} });
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

export function recordMeasurement(
  id: string,
  input: { manualValue: number | null; manualNote?: string | null },
) {
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

export function updateOccurrence(
  id: string,
  input: { status: "not_started" | "completed"; completedOn?: string | null },
) {
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
