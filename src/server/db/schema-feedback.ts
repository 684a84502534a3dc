import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  FEEDBACK_CHANNELS,
  SATISFACTION_LEVELS,
  type FeedbackChannel,
  type SatisfactionLevel,
} from "../../core/feedback/feedback-values.ts";
import {
  FEEDBACK_CLASSIFICATIONS,
  FEEDBACK_STATES,
  type FeedbackClassification,
  type FeedbackState,
} from "../../core/feedback/feedback-state.ts";
import { nullOrOneOf, oneOf } from "./closed-values.ts";
import { foldSql } from "./folded-text.ts";
import { caseClockColumns, caseIdentityColumns } from "./schema-case-register.ts";
import { agencies, users, createdAt, updatedAt } from "./schema.ts";

/*
 * Citizens' feedback (phản ánh, kiến nghị — PAKN): the register. Each step of its handling and the
 * daily sequence behind its code are in the shared case tables (schema-case-register.ts).
 *
 * Decisions:
 * - The code `PAKN.YYYYMMDD.NNNN` counts per receiving unit and day, so it is unique per unit
 *   (unit + code), not across the installation.
 * - A feedback keeps the rule set (deadlines in working days) in force on the day it was received
 *   and both due dates computed then: to resolve, and to transfer when outside competence.
 */

export const feedback = pgTable(
  "feedback",
  {
    ...caseIdentityColumns(),
    channel: text("channel").$type<FeedbackChannel>().notNull(),
    senderName: text("sender_name").notNull(),
    senderPhone: text("sender_phone").notNull(),
    senderEmail: text("sender_email"),
    senderAddress: text("sender_address"),
    title: text("title").notNull(),
    content: text("content").notNull(),
    /**
     * The sender's name and the title for searching, each folded as `searchKey` (src/core/text)
     * folds (no diacritics, đ → d, lower case, single spaces), joined by a line break that no
     * folded search text holds. Computed by PostgreSQL, so every write path fills it; a test
     * checks it agrees with `searchKey`.
     */
    searchFolded: text("search_folded").generatedAlwaysAs(
      sql`${sql.raw(foldSql("sender_name"))} || chr(10) || ${sql.raw(foldSql("title"))}`,
    ),
    ...caseClockColumns(),
    transferDueDate: date("transfer_due_date").notNull(),
    ruleSet: text("rule_set").notNull(),
    state: text("state").$type<FeedbackState>().notNull(),
    /** "regulation" (quy định hành chính) or "conduct" (hành vi hành chính); null until classified. */
    classification: text("classification").$type<FeedbackClassification>(),
    assignedAgencyId: uuid("assigned_agency_id").references(() => agencies.id),
    /** The competent body a feedback outside the unit's competence was sent to. */
    transferredTo: text("transferred_to"),
    reason: text("reason"),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredByName: text("answered_by_name"),
    /** When handling ended: answered, transferred or rejected. */
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /**
     * What the public sees once published: the title, content and answer with personal data
     * masked, as the clerk reviewed and confirmed them. The raw texts above never leave the staff
     * API. Rows published before this existed have none; the public pages mask them when read.
     */
    publicTitle: text("public_title"),
    publicContent: text("public_content"),
    publicAnswer: text("public_answer"),
    publicConfirmedById: uuid("public_confirmed_by_id").references(() => users.id),
    publicConfirmedByName: text("public_confirmed_by_name"),
    publicConfirmedAt: timestamp("public_confirmed_at", { withTimezone: true }),
    isSubmittedPublicly: boolean("is_submitted_publicly").notNull().default(false),
    satisfaction: text("satisfaction").$type<SatisfactionLevel>(),
    satisfactionNote: text("satisfaction_note"),
    satisfactionAt: timestamp("satisfaction_at", { withTimezone: true }),
    receivedById: uuid("received_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("feedback_unit_code_key").on(t.unitId, t.code),
    index("feedback_code_idx").on(t.code),
    // The register (src/server/db/repositories/feedback.repository.ts): keyset pages in the order
    // of these indexes (received_at desc, code desc, id desc) — a unit, the whole province, a
    // state, an agency's assigned feedback, the open feedback (overdue, due soon) — so a page
    // reads one index range, never the whole table. The unit's indexes lead with (unit_id,
    // received_at) and (unit_id, state), so they also serve the rate's period and the state counts
    // the two former indexes did.
    index("feedback_register_unit_idx").on(
      t.unitId,
      t.receivedAt.desc().nullsFirst(),
      t.code.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("feedback_register_idx").on(
      t.receivedAt.desc().nullsFirst(),
      t.code.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("feedback_register_unit_state_idx").on(
      t.unitId,
      t.state,
      t.receivedAt.desc().nullsFirst(),
      t.code.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("feedback_register_state_idx").on(
      t.state,
      t.receivedAt.desc().nullsFirst(),
      t.code.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("feedback_register_agency_idx")
      .on(
        t.assignedAgencyId,
        t.receivedAt.desc().nullsFirst(),
        t.code.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`${t.assignedAgencyId} is not null`),
    index("feedback_register_open_idx")
      .on(
        t.unitId,
        t.receivedAt.desc().nullsFirst(),
        t.code.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`${t.state} in ('received', 'classified', 'assigned')`),
    // Open feedback by due date: a narrow window (due soon) across the province reads this range
    // and sorts its few rows rather than every open feedback in the register's order.
    index("feedback_open_due_idx")
      .on(t.dueDate)
      .where(sql`${t.state} in ('received', 'classified', 'assigned')`),
    // Search: a part of a code (any letter case), a part of the folded sender's name or title.
    index("feedback_code_trgm_idx").using("gin", sql`lower(${t.code}) gin_trgm_ops`),
    // An exact code or its beginning: a range of this B-tree (`codeMatchOf`), not the trigrams
    // every code of the province shares ("pakn", the year).
    index("feedback_code_lower_idx").on(sql`lower(${t.code}) text_pattern_ops`),
    index("feedback_search_trgm_idx").using("gin", t.searchFolded.op("gin_trgm_ops")),
    check("feedback_channel_check", oneOf(t.channel, FEEDBACK_CHANNELS)),
    check("feedback_state_check", oneOf(t.state, FEEDBACK_STATES)),
    check("feedback_classification_check", nullOrOneOf(t.classification, FEEDBACK_CLASSIFICATIONS)),
    check(
      "feedback_public_text_check",
      sql`${t.publicConfirmedAt} is null or (${t.publicTitle} is not null and ${t.publicContent} is not null and ${t.publicAnswer} is not null and ${t.publicConfirmedByName} is not null)`,
    ),
    check("feedback_satisfaction_check", nullOrOneOf(t.satisfaction, SATISFACTION_LEVELS)),
  ],
);
