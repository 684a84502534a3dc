import { z } from "zod";
import { AREA_KEYS } from "../../core/plan/plan-area.ts";
import { PLAN_PERIOD_KINDS } from "../../core/plan/plan-period.ts";
import {
  OCCURRENCE_STATUSES,
  STORED_TASK_STATUSES,
  TASK_STATUSES,
} from "../../core/plan/task-status.ts";
import { PLAN_SIGNER_AUTHORITIES } from "../../core/plan/plan-issuer.ts";
import { PLAN_STATUSES } from "../../core/plan/plan-status.ts";
import { TARGET_STATES } from "../../core/plan/target-evaluation.ts";
import { TARGET_COMPARATORS, TARGET_METRICS, TARGET_UNITS } from "../../core/plan/target-metric.ts";
import { reportScheduleEntrySchema } from "../../core/plan-import/contract.ts";
import { isoDate, nonEmptyText } from "./common.schemas.ts";

export const areaKey = z.enum(AREA_KEYS, { error: "Lĩnh vực không hợp lệ." });
export const comparator = z.enum(TARGET_COMPARATORS);
const agencyId = z.uuid({ error: "Cơ quan không hợp lệ." });

export const periodInput = z.object({
  kind: z.enum(PLAN_PERIOD_KINDS),
  year: z.number().int().optional(),
  half: z.union([z.literal(1), z.literal(2)]).optional(),
  endYear: z.number().int().optional(),
  start: isoDate.optional(),
  end: isoDate.optional(),
});

export const basisInput = z.object({
  type: z.string().max(100).nullish(),
  number: z.string().max(100).nullish(),
  date: isoDate.nullish(),
  issuer: z.string().max(300).nullish(),
  text: nonEmptyText(2000),
});

export const dutyInput = z.object({
  agencyName: nonEmptyText(300),
  agencyId: agencyId.nullish(),
  duties: z.array(z.string().max(4000)).max(100),
});

export const reportScheduleInput = reportScheduleEntrySchema
  .omit({ line: true })
  .extend({ text: z.string().max(2000) });

export const planHeaderInput = z.object({
  title: nonEmptyText(500),
  decisionNumber: z.string().max(100).nullish(),
  planNumber: z.string().max(100).nullish(),
  place: z.string().max(200).nullish(),
  issuedDate: isoDate.nullish(),
  signerAuthority: z.enum(PLAN_SIGNER_AUTHORITIES).nullish(),
  signerTitle: z.string().max(200).nullish(),
  signerName: z.string().max(200).nullish(),
  purposes: z.string().max(20000).optional(),
  requirements: z.string().max(20000).optional(),
  funding: z.string().max(10000).optional(),
  recipients: z.array(z.string().max(300)).max(50).optional(),
  bases: z.array(basisInput).max(100).optional(),
  duties: z.array(dutyInput).max(100).optional(),
  /** The reporting schedule the plan sets (an import's `draft.reportSchedule`). */
  reportSchedule: z.array(reportScheduleInput).max(20).optional(),
});

export const targetInput = z.object({
  text: nonEmptyText(2000),
  areaKey: areaKey.nullish(),
  metric: z.enum(TARGET_METRICS).optional(),
  comparator: comparator.optional(),
  value: z.number().finite().nullish(),
  valueHigh: z.number().finite().nullish(),
  unit: z.enum(TARGET_UNITS).nullish(),
  scope: z.string().max(500).nullish(),
  deadline: isoDate.nullish(),
});

export const taskInput = z.object({
  areaKey,
  text: nonEmptyText(4000),
  ref: z.string().max(50).nullish(),
  leadAgencyId: agencyId.nullish(),
  supportAgencyIds: z.array(agencyId).max(30).optional(),
  monitorAgencyId: agencyId.nullish(),
  deliverable: z.string().max(2000).nullish(),
  timeline: z.string().max(1000).nullish(),
});

export const createPlanInput = planHeaderInput.extend({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị." }),
  period: periodInput,
  copyFromPlanId: z.uuid().nullish(),
  upperPlanId: z.uuid().nullish(),
  upperTaskIds: z.array(z.uuid()).max(1000).optional(),
  areas: z
    .array(
      z.object({
        key: areaKey,
        heading: z.string().max(500).optional(),
        targetScore: z.number().nullish(),
        maxScore: z.number().nullish(),
      }),
    )
    .max(8)
    .optional(),
  targets: z.array(targetInput).max(200).optional(),
  tasks: z.array(taskInput).max(1000).optional(),
});

export const progressInput = z.object({
  status: z.enum(STORED_TASK_STATUSES).optional(),
  progress: z
    .number()
    .int()
    .min(0, { error: "Tiến độ từ 0 đến 100%." })
    .max(100, { error: "Tiến độ từ 0 đến 100%." })
    .optional(),
  reason: z.string().max(2000).nullish(),
  completedOn: isoDate.nullish(),
  comment: z.string().max(4000).nullish(),
});

/** `POST /api/plans/:id/issue`: the number, decision number and date the plan is issued with. */
export const issuePlanInput = z.object({
  planNumber: z.string().max(100).nullish(),
  decisionNumber: z.string().max(100).nullish(),
  issuedDate: isoDate.nullish(),
  /** Issue even though tasks have no lead agency (refused with PLAN_TASKS_WITHOUT_LEAD otherwise). */
  confirmTasksWithoutLead: z.boolean().optional(),
});

/** `PUT /api/plans/:id/areas/:key`: an area's heading and target score. */
export const areaInput = z.object({
  heading: z.string().max(500).optional(),
  targetScore: z.number().nullish(),
  maxScore: z.number().nullish(),
});

/** `PUT /api/targets/:id/measurement`: a value for a target not measured automatically. */
export const measurementInput = z.object({
  manualValue: z.number().finite().nullable(),
  manualNote: z.string().max(2000).nullish(),
  manualEvidenceId: z.uuid().nullish(),
});

/** `PATCH /api/occurrences/:id`: one period of a recurring task done or not. */
export const occurrenceInput = z.object({
  status: z.enum(OCCURRENCE_STATUSES),
  completedOn: isoDate.nullish(),
});

/** The rolled-up progress of a set of tasks (a plan, an area). */
export const progressView = z.object({
  total: z.number(),
  completed: z.number(),
  completedLate: z.number(),
  overdue: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  paused: z.number(),
  cancelled: z.number(),
  percent: z.number().nullable(),
  summary: z.string(),
  rule: z.string(),
});

const planStatus = z.enum(PLAN_STATUSES);
const targetUnit = z.enum(["percent", "points", "rank", "count"]);

export const planSummaryView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  planNumber: z.string().nullable(),
  status: planStatus,
  statusLabel: z.string(),
  version: z.number(),
  progress: progressView,
});

/** A task as the plan page and the task lists show it. */
export const taskView = z.object({
  id: z.string(),
  planId: z.string(),
  areaId: z.string().nullable(),
  areaKey: areaKey.nullable(),
  parentTaskId: z.string().nullable(),
  ref: z.string().nullable(),
  position: z.number(),
  text: z.string(),
  leadAgencyId: z.string().nullable(),
  leadAgencyName: z.string().nullable(),
  supportAgencyIds: z.array(z.string()),
  supportAgencyNames: z.array(z.string()),
  monitorAgencyId: z.string().nullable(),
  monitorAgencyName: z.string().nullable(),
  deliverable: z.string().nullable(),
  timelineRaw: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(STORED_TASK_STATUSES),
  statusReason: z.string().nullable(),
  effectiveStatus: z.enum(TASK_STATUSES),
  effectiveStatusLabel: z.string(),
  progress: z.number(),
  completedAt: z.string().nullable(),
  needsReview: z.boolean(),
  evidenceCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});

/** `GET /api/tasks`: a task with the plan and unit it belongs to. */
export const listedTaskView = taskView.extend({
  planTitle: z.string(),
  planPeriodLabel: z.string(),
  unitName: z.string(),
  unitId: z.string(),
});

/** One period of a recurring task. */
export const occurrenceView = z.object({
  id: z.string(),
  taskId: z.string(),
  label: z.string(),
  dueDate: z.string(),
  status: occurrenceInput.shape.status,
  completedAt: z.string().nullable(),
});

/** A task of a lower unit's plan that cascades from this one. */
export const childTaskView = z.object({
  taskId: z.string(),
  planId: z.string(),
  unitName: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  progress: z.number(),
});

export const basisView = z.object({
  id: z.string(),
  planId: z.string(),
  position: z.number(),
  type: z.string().nullable(),
  number: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  text: z.string(),
  linkedPlanId: z.string().nullable(),
});

export const dutyView = z.object({
  id: z.string(),
  planId: z.string(),
  position: z.number(),
  agencyId: z.string().nullable(),
  agencyName: z.string(),
  duties: z.array(z.string()),
});

/** A plan's area as stored (`PUT /api/plans/:id/areas/:key` answers it). */
export const areaRowView = z.object({
  id: z.string(),
  planId: z.string(),
  key: areaKey,
  heading: z.string(),
  position: z.number(),
  targetScore: z.number().nullable(),
  maxScore: z.number().nullable(),
});

export const areaView = areaRowView.extend({ defaultHeading: z.string(), progress: progressView });

export const targetView = z.object({
  id: z.string(),
  planId: z.string(),
  areaId: z.string().nullable(),
  position: z.number(),
  text: z.string(),
  metric: z.enum(TARGET_METRICS),
  metricLabel: z.string(),
  comparator,
  value: z.number().nullable(),
  valueHigh: z.number().nullable(),
  unit: targetUnit.nullable(),
  scope: z.string().nullable(),
  deadline: z.string().nullable(),
  manualValue: z.number().nullable(),
  manualNote: z.string().nullable(),
  manualEvidenceId: z.string().nullable(),
  measuredAutomatically: z.boolean(),
  measured: z.number().nullable(),
  measuredSample: z
    .object({
      size: z.number().int().describe("responses counted"),
      minimum: z.number().int().describe("the questionnaire version's minimum sample"),
      isSmall: z.boolean().describe("a value measured from fewer responses than the minimum"),
      warning: z.string().nullable().describe("the Vietnamese warning shown next to the value"),
    })
    .nullable()
    .describe("the survey sample behind a value measured from SIPAS; null for other metrics"),
  state: z.enum(TARGET_STATES),
  stateLabel: z.string(),
  measuredText: z.string().nullable(),
  targetText: z.string().nullable(),
  rule: z.string().nullable(),
});

export const planTaskView = taskView.extend({
  occurrences: z.array(occurrenceView),
  children: z.array(childTaskView),
});

export const planDetailView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  periodKind: z.enum(PLAN_PERIOD_KINDS),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  decisionNumber: z.string().nullable(),
  planNumber: z.string().nullable(),
  place: z.string().nullable(),
  issuedDate: z.string().nullable(),
  signerAuthority: z.enum(["TM.", "KT.", "Q."]).nullable(),
  signerTitle: z.string().nullable(),
  signerName: z.string().nullable(),
  purposes: z.string(),
  requirements: z.string(),
  funding: z.string(),
  recipients: z.array(z.string()),
  reportSchedule: z.array(reportScheduleInput),
  status: planStatus,
  statusLabel: z.string(),
  upperPlanId: z.string().nullable(),
  amendsPlanId: z.string().nullable(),
  version: z.number(),
  createdBy: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  bases: z.array(basisView),
  duties: z.array(dutyView),
  areas: z.array(areaView),
  targets: z.array(targetView),
  tasks: z.array(planTaskView),
  progress: progressView,
});

/** A value before or after a change of a task (status, progress, completion date). */
const changedValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const taskChanges = z.record(z.string(), z.object({ from: changedValue, to: changedValue }));

export const taskUpdateView = z.object({
  id: z.number(),
  taskId: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  status: z.string().nullable(),
  progress: z.number().nullable(),
  comment: z.string().nullable(),
  changes: taskChanges.nullable(),
});

export const evidenceView = z.object({
  id: z.string(),
  unitId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  documentType: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

/** `GET /api/plans/:id/changes`: one update of one of the plan's tasks. */
export const planChangeView = z.object({
  taskId: z.string(),
  taskText: z.string(),
  at: z.string(),
  userName: z.string(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  progress: z.number().nullable(),
  comment: z.string().nullable(),
  changes: taskChanges,
});

export const planCan = z.object({
  edit: z.boolean(),
  issue: z.boolean(),
  amend: z.boolean(),
  delete: z.boolean(),
  measure: z.boolean(),
  defineReports: z.boolean(),
});

export const okView = z.object({ data: z.object({ ok: z.boolean() }) });
export const createdView = z.object({ data: z.object({ id: z.string() }) });
