import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { AREA_KEYS, type AreaKey } from "../../core/plan/plan-area.ts";
import { PLAN_SIGNER_AUTHORITIES, type PlanSignerAuthority } from "../../core/plan/plan-issuer.ts";
import { PLAN_PERIOD_KINDS, type PlanPeriodKind } from "../../core/plan/plan-period.ts";
import { PLAN_STATUSES, type PlanStatus } from "../../core/plan/plan-status.ts";
import {
  OCCURRENCE_STATUSES,
  STORED_TASK_STATUSES,
  type OccurrenceStatus,
  type StoredTaskStatus,
} from "../../core/plan/task-status.ts";
import {
  TARGET_COMPARATORS,
  TARGET_METRICS,
  TARGET_UNITS,
  type TargetComparator,
  type TargetMetric,
  type TargetUnit,
} from "../../core/plan/target-metric.ts";
import { nullOrOneOf, oneOf } from "./closed-values.ts";
import type { TaskChanges } from "../../core/plan/task-change.ts";
import type { ReportScheduleEntry } from "../../core/plan/report-schedule.ts";
import { agencies, units, users, createdAt, updatedAt } from "./schema.ts";

/*
 * Reform plans (kế hoạch CCHC): the plan with its legal bases, areas, targets, tasks, task
 * occurrences, updates, evidence files and reminders.
 *
 * - A plan's tasks may point to a task of the upper level's plan (`parent_task_id`): that is how
 *   plans cascade, and how the upper level sees its children's progress.
 * - An issued plan is read-only; an amendment is a new plan row (`amends_plan_id`, `version`).
 * - Evidence files live in the data folder, addressed by their SHA-256, never under the web root.
 */

export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    periodKind: text("period_kind").$type<PlanPeriodKind>().notNull(),
    periodLabel: text("period_label").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    decisionNumber: text("decision_number"),
    planNumber: text("plan_number"),
    place: text("place"),
    issuedDate: date("issued_date"),
    signerAuthority: text("signer_authority").$type<NonNullable<PlanSignerAuthority>>(),
    signerTitle: text("signer_title"),
    signerName: text("signer_name"),
    purposes: text("purposes").notNull().default(""),
    requirements: text("requirements").notNull().default(""),
    funding: text("funding").notNull().default(""),
    recipients: jsonb("recipients").$type<string[]>().notNull().default([]),
    /** The reporting schedule the plan sets, as report kinds and due rules (see report-schedule.ts). */
    reportSchedule: jsonb("report_schedule").$type<ReportScheduleEntry[]>().notNull().default([]),
    status: text("status").$type<PlanStatus>().notNull().default("draft"),
    upperPlanId: uuid("upper_plan_id").references((): AnyPgColumn => plans.id),
    amendsPlanId: uuid("amends_plan_id").references((): AnyPgColumn => plans.id),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plans_unit_idx").on(t.unitId),
    check("plans_status_check", oneOf(t.status, PLAN_STATUSES)),
    check("plans_period_kind_check", oneOf(t.periodKind, PLAN_PERIOD_KINDS)),
    check("plans_period_check", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("plans_signer_authority_check", nullOrOneOf(t.signerAuthority, PLAN_SIGNER_AUTHORITIES)),
  ],
);

export const planBases = pgTable(
  "plan_bases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: text("type"),
    number: text("number"),
    date: date("date"),
    issuer: text("issuer"),
    text: text("text").notNull(),
    linkedPlanId: uuid("linked_plan_id").references(() => plans.id),
  },
  (t) => [index("plan_bases_plan_idx").on(t.planId)],
);

export const planAreas = pgTable(
  "plan_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    key: text("key").$type<AreaKey>().notNull(),
    heading: text("heading").notNull(),
    position: integer("position").notNull(),
    targetScore: numeric("target_score", { mode: "number" }),
    maxScore: numeric("max_score", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("plan_areas_plan_key_key").on(t.planId, t.key),
    check("plan_areas_key_check", oneOf(t.key, AREA_KEYS)),
  ],
);

export const planTargets = pgTable(
  "plan_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    areaId: uuid("area_id").references(() => planAreas.id, { onDelete: "set null" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    metric: text("metric").$type<TargetMetric>().notNull().default("manual"),
    comparator: text("comparator").$type<TargetComparator>().notNull().default("gte"),
    value: numeric("value", { mode: "number" }),
    valueHigh: numeric("value_high", { mode: "number" }),
    unit: text("unit").$type<TargetUnit>(),
    scope: text("scope"),
    deadline: date("deadline"),
    manualValue: numeric("manual_value", { mode: "number" }),
    manualNote: text("manual_note"),
    manualEvidenceId: uuid("manual_evidence_id"),
  },
  (t) => [
    index("plan_targets_plan_idx").on(t.planId),
    check("plan_targets_comparator_check", oneOf(t.comparator, TARGET_COMPARATORS)),
    check("plan_targets_metric_check", oneOf(t.metric, TARGET_METRICS)),
    check("plan_targets_unit_check", nullOrOneOf(t.unit, TARGET_UNITS)),
  ],
);

export const planTasks = pgTable(
  "plan_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    areaId: uuid("area_id").references(() => planAreas.id, { onDelete: "set null" }),
    parentTaskId: uuid("parent_task_id").references((): AnyPgColumn => planTasks.id),
    ref: text("ref"),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    leadAgencyId: uuid("lead_agency_id").references(() => agencies.id),
    supportAgencyIds: jsonb("support_agency_ids").$type<string[]>().notNull().default([]),
    monitorAgencyId: uuid("monitor_agency_id").references(() => agencies.id),
    deliverable: text("deliverable"),
    timelineRaw: text("timeline_raw"),
    timeline: jsonb("timeline"),
    dueDate: date("due_date"),
    status: text("status").$type<StoredTaskStatus>().notNull().default("not_started"),
    statusReason: text("status_reason"),
    progress: integer("progress").notNull().default(0),
    completedAt: date("completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plan_tasks_plan_idx").on(t.planId),
    index("plan_tasks_parent_idx").on(t.parentTaskId),
    index("plan_tasks_lead_idx").on(t.leadAgencyId),
    check("plan_tasks_progress_check", sql`${t.progress} between 0 and 100`),
    check("plan_tasks_status_check", oneOf(t.status, STORED_TASK_STATUSES)),
  ],
);

/** One dated instance of a recurring task ("Hằng quý" → four occurrences), each with a status. */
export const taskOccurrences = pgTable(
  "task_occurrences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    dueDate: date("due_date").notNull(),
    status: text("status").$type<OccurrenceStatus>().notNull().default("not_started"),
    completedAt: date("completed_at"),
  },
  (t) => [
    uniqueIndex("task_occurrences_task_due_key").on(t.taskId, t.dueDate),
    check("task_occurrences_status_check", oneOf(t.status, OCCURRENCE_STATUSES)),
  ],
);

export const taskUpdates = pgTable(
  "task_updates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id),
    userName: text("user_name").notNull(),
    status: text("status").$type<StoredTaskStatus>(),
    progress: integer("progress"),
    comment: text("comment"),
    changes: jsonb("changes").$type<TaskChanges>(),
  },
  (t) => [
    index("task_updates_task_idx").on(t.taskId, t.at),
    check("task_updates_status_check", nullOrOneOf(t.status, STORED_TASK_STATUSES)),
  ],
);

export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    documentNumber: text("document_number"),
    documentDate: date("document_date"),
    documentType: text("document_type"),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_files_unit_idx").on(t.unitId)],
);

export const taskEvidence = pgTable(
  "task_evidence",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceFiles.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.evidenceId] })],
);

export const planDuties = pgTable(
  "plan_duties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    agencyId: uuid("agency_id").references(() => agencies.id),
    agencyName: text("agency_name").notNull(),
    duties: jsonb("duties").$type<string[]>().notNull().default([]),
  },
  (t) => [index("plan_duties_plan_idx").on(t.planId)],
);

/** In-app notifications; the unique key makes a reminder impossible to send twice. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.userId, t.kind, t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
  ],
);
