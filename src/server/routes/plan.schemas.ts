import { z } from "zod";
import { AREA_KEYS } from "../../core/plan/plan-area.ts";
import { PLAN_PERIOD_KINDS } from "../../core/plan/plan-period.ts";
import { OCCURRENCE_STATUSES, STORED_TASK_STATUSES } from "../../core/plan/task-status.ts";
import { PLAN_SIGNER_AUTHORITIES } from "../../core/plan/plan-issuer.ts";
import { TARGET_COMPARATORS, TARGET_METRICS, TARGET_UNITS } from "../../core/plan/target-metric.ts";
import { isoDate, nonEmptyText } from "./common.schemas.ts";

export const areaKey = z.enum(AREA_KEYS, { error: "Lĩnh vực không hợp lệ." });
const comparator = z.enum(TARGET_COMPARATORS);
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

const progressView = z.object({
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

export const planSummaryView = z.looseObject({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  progress: progressView,
});

export const taskView = z.looseObject({
  id: z.string(),
  planId: z.string(),
  areaKey: z.string().nullable(),
  ref: z.string().nullable(),
  text: z.string(),
  leadAgencyName: z.string().nullable(),
  supportAgencyNames: z.array(z.string()),
  deliverable: z.string().nullable(),
  timelineRaw: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
  effectiveStatus: z.string(),
  effectiveStatusLabel: z.string(),
  progress: z.number(),
  needsReview: z.boolean(),
  can: z.object({ update: z.boolean() }),
});

export const planDetailView = z.looseObject({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  areas: z.array(z.looseObject({ key: z.string(), heading: z.string(), progress: progressView })),
  targets: z.array(
    z.looseObject({ id: z.string(), text: z.string(), state: z.string(), stateLabel: z.string() }),
  ),
  tasks: z.array(taskView),
  progress: progressView,
});

export const planCan = z.object({
  edit: z.boolean(),
  issue: z.boolean(),
  amend: z.boolean(),
  delete: z.boolean(),
  measure: z.boolean(),
});
