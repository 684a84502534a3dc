import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { SIPAS_CHANNELS, type SipasChannel } from "../../core/sipas/channel.ts";
import { FIELD_GROUPS, type FieldGroup } from "../../core/sipas/field-group.ts";
import { PART_KEYS, type PartKey } from "../../core/sipas/questionnaire.ts";
import { nullOrOneOf, oneOf } from "./closed-values.ts";
import { units, users, createdAt } from "./schema.ts";
import { dossiers } from "./schema-one-stop.ts";

/*
 * SIPAS survey responses (phiếu khảo sát sự hài lòng) and their answers.
 *
 * Decisions:
 * - No personal data: a response holds the unit, the questionnaire version, how it was given
 *   (phone page, kiosk, paper form typed in by a clerk), the day, and optionally the dossier it
 *   rates. The abuse limits count devices and addresses in `attempt_throttles` by hash only.
 * - One response per dossier: a partial unique index on `dossier_id`, so of two concurrent
 *   submissions for the same dossier exactly one is stored.
 * - Each answer keeps its item's factor and part (denormalised from the immutable version), so
 *   the counts behind a factor's index are one GROUP BY. `value` null is “không trả lời”.
 * - `procedure_field` is the field of the dossier's procedure (or the field the QR code names);
 *   `field_group` (land / construction / other) is read from it once, when the response is stored.
 */

export const sipasResponses = pgTable(
  "sipas_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    questionnaireCode: text("questionnaire_code").notNull(),
    channel: text("channel").$type<SipasChannel>().notNull(),
    dossierId: uuid("dossier_id").references(() => dossiers.id),
    procedureField: text("procedure_field"),
    fieldGroup: text("field_group").$type<FieldGroup>(),
    /** The desk or counter named by the QR code (free label, e.g. "Quầy số 2"). */
    desk: text("desk"),
    answeredOn: date("answered_on").notNull(),
    /** The clerk who typed in a paper form; null for the phone page and the kiosk. */
    enteredById: uuid("entered_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sipas_responses_dossier_key")
      .on(t.dossierId)
      .where(sql`${t.dossierId} is not null`),
    index("sipas_responses_unit_day_idx").on(t.unitId, t.answeredOn),
    check("sipas_responses_channel_check", oneOf(t.channel, SIPAS_CHANNELS)),
    check("sipas_responses_field_group_check", nullOrOneOf(t.fieldGroup, FIELD_GROUPS)),
  ],
);

export const sipasAnswers = pgTable(
  "sipas_answers",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => sipasResponses.id, { onDelete: "cascade" }),
    itemCode: text("item_code").notNull(),
    factorKey: text("factor_key").notNull(),
    partKey: text("part_key").$type<PartKey>().notNull(),
    value: smallint("value"),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.itemCode] }),
    check("sipas_answers_value_check", sql`${t.value} is null or ${t.value} between 1 and 5`),
    check("sipas_answers_part_check", oneOf(t.partKey, PART_KEYS)),
  ],
);
