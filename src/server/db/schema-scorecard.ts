import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
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
} from "drizzle-orm/pg-core";
import {
  SCORECARD_STATUSES,
  SCORECARD_TRANSITIONS,
  type ScorecardStatus,
  type ScorecardTransition,
} from "../../core/scorecard/scorecard.ts";
import { oneOf } from "./closed-values.ts";
import { methodologies } from "./schema-methodology.ts";
import { evidenceFiles } from "./schema-plan.ts";
import { units, users, createdAt, updatedAt } from "./schema.ts";

/*
 * PAR Index scorecards (phiếu tự chấm điểm Chỉ số CCHC).
 *
 * Decisions:
 * - Publishing a methodology to the units below is a row in `methodology_publications` (one per
 *   methodology): the scorecard of a unit for a year follows the latest publication, by the unit
 *   itself or an ancestor, of a methodology for that year and the unit's level. The scorecard keeps
 *   the methodology it was opened on (`methodology_id`): a later version does not rewrite it.
 * - One scorecard per unit and year. Entries are per leaf code of the methodology's document; the
 *   self score and the appraised score sit side by side and are both kept.
 * - Evidence is the evidence capability's stored files (`evidence_files`), linked per leaf: one
 *   file can prove several leaves, and files already on tasks are linked without a copy.
 * - Every transition (submit, return with its reason, appraise, publish) is an event; a returned
 *   card keeps its history and its reviewer's figures.
 */

export const methodologyPublications = pgTable(
  "methodology_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    methodologyId: uuid("methodology_id")
      .notNull()
      .references(() => methodologies.id),
    publishedBy: uuid("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("methodology_publications_methodology_key").on(t.methodologyId)],
);

export const scorecards = pgTable(
  "scorecards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    methodologyId: uuid("methodology_id")
      .notNull()
      .references(() => methodologies.id),
    status: text("status").$type<ScorecardStatus>().notNull().default("draft"),
    /** Figures frozen when appraised (self and appraised totals and indices). */
    result: jsonb("result").$type<{
      selfTotal: number;
      selfIndex: number;
      appraisedTotal: number | null;
      appraisedIndex: number | null;
      /** Per area, frozen with the totals (live leaves included), for the ranking's table. */
      areas?: {
        code: string;
        name: string;
        max: number;
        selfPoints: number;
        appraisedPoints: number | null;
      }[];
    }>(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("scorecards_unit_year_key").on(t.unitId, t.year),
    index("scorecards_methodology_idx").on(t.methodologyId),
    check("scorecards_status_check", oneOf(t.status, SCORECARD_STATUSES)),
    check("scorecards_year_check", sql`${t.year} between 2000 and 2100`),
  ],
);

export const scorecardEntries = pgTable(
  "scorecard_entries",
  {
    scorecardId: uuid("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    leafCode: text("leaf_code").notNull(),
    selfPoints: numeric("self_points", { mode: "number" }),
    notApplicable: boolean("not_applicable").notNull().default(false),
    explanation: text("explanation"),
    overrideReason: text("override_reason"),
    appraisedPoints: numeric("appraised_points", { mode: "number" }),
    appraisedNotApplicable: boolean("appraised_not_applicable").notNull().default(false),
    appraisalNote: text("appraisal_note"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.scorecardId, t.leafCode] }),
    check(
      "scorecard_entries_points_check",
      sql`(${t.selfPoints} is null or ${t.selfPoints} >= 0) and (${t.appraisedPoints} is null or ${t.appraisedPoints} >= 0)`,
    ),
  ],
);

export const scorecardEvidence = pgTable(
  "scorecard_evidence",
  {
    scorecardId: uuid("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    leafCode: text("leaf_code").notNull(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceFiles.id),
    linkedBy: uuid("linked_by").references(() => users.id),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scorecardId, t.leafCode, t.evidenceId] }),
    index("scorecard_evidence_evidence_idx").on(t.evidenceId),
  ],
);

export const scorecardEvents = pgTable(
  "scorecard_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    scorecardId: uuid("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    action: text("action").$type<ScorecardTransition>().notNull(),
    fromStatus: text("from_status").$type<ScorecardStatus>().notNull(),
    toStatus: text("to_status").$type<ScorecardStatus>().notNull(),
    note: text("note"),
    /** The totals at the time (self and appraised), so history reads without recomputing. */
    snapshot: jsonb("snapshot"),
    actorId: uuid("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("scorecard_events_scorecard_idx").on(t.scorecardId),
    check("scorecard_events_action_check", oneOf(t.action, SCORECARD_TRANSITIONS)),
    check("scorecard_events_from_status_check", oneOf(t.fromStatus, SCORECARD_STATUSES)),
    check("scorecard_events_to_status_check", oneOf(t.toStatus, SCORECARD_STATUSES)),
  ],
);
