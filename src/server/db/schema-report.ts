import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  HOLIDAY_SHIFTS,
  PERIOD_RULES,
  REPORT_KIND_STATUSES,
  REPORT_PERIOD_KINDS,
  type HolidayShift,
  type PeriodRule,
  type ReportDueRule,
  type ReportKindStatus,
  type ReportPeriodKind,
} from "../../core/report/report-calendar.ts";
import {
  REPORT_REVIEWS,
  REPORT_STATUSES,
  type ReportReview,
  type ReportStatus,
} from "../../core/report/report-workflow.ts";
import { oneOf } from "./closed-values.ts";
import { createdAt, units, updatedAt, users } from "./schema.ts";

/*
 * Periodic reports up the hierarchy.
 *
 * Decisions:
 * - A report kind belongs to the upper unit that defines it; once published, every unit below it
 *   owes one report per period. The due phrase is kept as written beside the rule read from it.
 * - One report per kind, unit and period (`period_key`, e.g. "2026-Q1"). Its draft (narrative
 *   sections) lives on the report; each submission freezes the figures and the narrative into a
 *   new row of `report_versions`, which is never updated afterwards except for its review.
 */

export const reportKinds = pgTable(
  "report_kinds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    periodKind: text("period_kind").$type<ReportPeriodKind>().notNull(),
    dueText: text("due_text"),
    dueRule: jsonb("due_rule").$type<ReportDueRule>(),
    holidayShift: text("holiday_shift").$type<HolidayShift>().notNull().default("none"),
    periodRule: text("period_rule").$type<PeriodRule>().notNull().default("calendar"),
    adHocFrom: date("ad_hoc_from"),
    adHocTo: date("ad_hoc_to"),
    adHocDue: date("ad_hoc_due"),
    remindDaysBefore: integer("remind_days_before").notNull().default(3),
    status: text("status").$type<ReportKindStatus>().notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("report_kinds_unit_idx").on(t.unitId),
    check("report_kinds_period_kind_check", oneOf(t.periodKind, REPORT_PERIOD_KINDS)),
    check("report_kinds_shift_check", oneOf(t.holidayShift, HOLIDAY_SHIFTS)),
    check("report_kinds_period_rule_check", oneOf(t.periodRule, PERIOD_RULES)),
    check("report_kinds_status_check", oneOf(t.status, REPORT_KIND_STATUSES)),
    check(
      "report_kinds_rule_check",
      sql`(${t.periodKind} = 'ad_hoc' and ${t.adHocFrom} is not null and ${t.adHocTo} is not null and ${t.adHocDue} is not null) or (${t.periodKind} <> 'ad_hoc' and ${t.dueRule} is not null)`,
    ),
    check("report_kinds_remind_check", sql`${t.remindDaysBefore} between 0 and 60`),
  ],
);

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kindId: uuid("kind_id")
      .notNull()
      .references(() => reportKinds.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    periodKey: text("period_key").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    periodLabel: text("period_label").notNull(),
    dueDate: date("due_date").notNull(),
    status: text("status").$type<ReportStatus>().notNull().default("draft"),
    /** The narrative sections of the draft (keys of the core's section list). */
    narrative: jsonb("narrative").$type<Record<string, string>>().notNull().default({}),
    /** The latest submitted version (0 while never submitted). */
    version: integer("version").notNull().default(0),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reports_kind_unit_period_key").on(t.kindId, t.unitId, t.periodKey),
    index("reports_unit_idx").on(t.unitId),
    check("reports_status_check", oneOf(t.status, REPORT_STATUSES)),
  ],
);

export const reportVersions = pgTable(
  "report_versions",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    version: integer("version").notNull(),
    /** Figures and narrative as submitted: never changed afterwards. */
    snapshot: jsonb("snapshot").notNull(),
    submittedById: uuid("submitted_by_id").references(() => users.id),
    submittedByName: text("submitted_by_name").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    /** submitted, accepted or returned. */
    review: text("review").$type<ReportReview>().notNull().default("submitted"),
    reviewComment: text("review_comment"),
    reviewedById: uuid("reviewed_by_id").references(() => users.id),
    reviewedByName: text("reviewed_by_name"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.version] }),
    check("report_versions_review_check", oneOf(t.review, REPORT_REVIEWS)),
  ],
);
