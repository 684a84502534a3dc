import { sql } from "drizzle-orm";
import {
  boolean,
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
import { DOSSIER_STATES, type DossierState } from "../../core/dossier/dossier-state.ts";
import {
  DOSSIER_CHANNELS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  RULE_SET_IDS,
  type DossierChannel,
  type OnlineLevel,
  type ProcedureLevel,
  type RuleSetId,
} from "../../core/dossier/dossier-values.ts";
import {
  DOCUMENT_FORMS,
  MAX_COPIES,
  MAX_SETS,
  type DocumentForm,
} from "../../core/dossier/required-documents.ts";
import { nullOrOneOf, oneOf } from "./closed-values.ts";
import { APPLICANT_KINDS, type ApplicantKind } from "../../core/dossier/applicant-kind.ts";
import type { OfficialSchedule } from "../../core/calendar/index.ts";
import { caseClockColumns, caseIdentityColumns } from "./schema-case-register.ts";
import { agencies, units, users, createdAt, updatedAt } from "./schema.ts";

/*
 * The one-stop desk (Bộ phận Một cửa): official calendar schedules, desk settings, the procedure
 * catalogue, dossiers with their state history, supplement pauses and apology letters.
 *
 * Decisions:
 * - The procedure catalogue is per unit (unique unit + national code): each desk publishes its own
 *   list, with locally set fees and processing times; the national code alone is not unique.
 * - A dossier keeps the rule set ("2018" or "2025") in force on the day it was received.
 * - Daily sequence counters (case_daily_counters, shared with the other case registers) are one
 *   row per unit and day, locked with an upsert so concurrent receipts serialise on that row and
 *   never reuse a number. A number already taken by a dossier (imported, or issued by a desk
 *   sharing the agency code) is skipped. Events are in case_events (schema-case-register.ts).
 * - A dossier is never deleted: an administrator voids a wrongly imported one (voided_at, who, why).
 *   Codes are unique among dossiers that are not voided, so a voided dossier keeps its code on
 *   record without blocking the desk or the import that owns the code.
 * - `import_id` names the import run that created the dossier (null for a desk receipt), so a whole
 *   wrong run can be voided. No foreign key: its check would run once per row of the import's COPY.
 */

/** One version of a year's official holiday schedule, entered or imported by an administrator. */
export const officialSchedules = pgTable(
  "official_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    source: text("source").notNull(),
    /** The whole schedule, validated by the calendar's zod schema before it is stored. */
    schedule: jsonb("schedule").$type<OfficialSchedule>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("official_schedules_year_version_key").on(t.year, t.version)],
);

/** Per-unit settings of the one-stop desk. */
export const deskSettings = pgTable(
  "desk_settings",
  {
    unitId: uuid("unit_id")
      .primaryKey()
      .references(() => units.id),
    /** "HH:mm": a dossier received at or after it counts from the next working day. */
    cutoff: text("cutoff").notNull().default("15:00"),
    /** The receiving body's code per QCVN 102:2016, e.g. 000.00.12.H56; prefixes dossier codes. */
    agencyCode: text("agency_code"),
    /**
     * The receiving body the desk's forms print under the unit's committee ("Bộ phận Một cửa",
     * "Trung tâm Phục vụ hành chính công"); null: the name of the dossier's rule set.
     */
    receivingBody: text("receiving_body"),
    updatedAt: updatedAt(),
  },
  (t) => [check("desk_settings_cutoff_check", sql`${t.cutoff} ~ '^[0-2][0-9]:[0-5][0-9]$'`)],
);

export const procedures = pgTable(
  "procedures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    /** National code in the national procedure database, e.g. 1.001193. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    field: text("field").notNull(),
    level: text("level").$type<ProcedureLevel>().notNull().default("commune"),
    /** Working days; 0 means "trong ngày" (within the day). */
    processingDays: integer("processing_days").notNull(),
    feeText: text("fee_text"),
    onlineLevel: text("online_level").$type<OnlineLevel>().notNull().default("none"),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("procedures_unit_code_key").on(t.unitId, t.code),
    check("procedures_level_check", oneOf(t.level, PROCEDURE_LEVELS)),
    check("procedures_online_level_check", oneOf(t.onlineLevel, ONLINE_LEVELS)),
    check("procedures_days_check", sql`${t.processingDays} >= 0`),
  ],
);

export const dossiers = pgTable(
  "dossiers",
  {
    ...caseIdentityColumns(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    applicantName: text("applicant_name").notNull(),
    /**
     * The applicant's name for searching, as `searchKey` (src/core/text) folds it: no diacritics,
     * đ → d, lower case, single spaces. Computed by PostgreSQL, so every insert path (desk, import
     * COPY, corrections) fills it; a test checks it agrees with `searchKey`.
     */
    applicantNameFolded: text("applicant_name_folded").generatedAlwaysAs(
      sql`btrim(regexp_replace(translate(lower(regexp_replace(normalize(applicant_name, NFD), '[\\u0300-\\u036f]', '', 'g')), 'Đđ', 'dd'), '\\s+', ' ', 'g'))`,
    ),
    applicantPhone: text("applicant_phone").notNull(),
    applicantAddress: text("applicant_address"),
    /**
     * The applicant's ID number (CCCD 12 digits, CMND 9, passport a letter and 7 digits),
     * normalised by `applicantIdNumber` (src/core/dossier); none for an organisation or an import.
     */
    applicantIdNumber: text("applicant_id_number"),
    /**
     * The applicant's kind as the desk said it at reception ("person" | "organisation",
     * APPLICANT_KINDS in src/core/dossier). Null when none was said — an old client, a bulk
     * import, a dossier received before the kind was kept (no back-fill: migration 0035) — and
     * then read as `applicantKindOf` infers it from the name and ID number.
     */
    applicantKind: text("applicant_kind").$type<ApplicantKind>(),
    channel: text("channel").$type<DossierChannel>().notNull(),
    /** The due date in force: the original one moved by the working days paused for supplements. */
    ...caseClockColumns(),
    originalDueDate: date("original_due_date").notNull(),
    state: text("state").$type<DossierState>().notNull(),
    /** Agency currently handling the dossier (after a hand-over). */
    handlerAgencyId: uuid("handler_agency_id").references(() => agencies.id),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    supplementCount: integer("supplement_count").notNull().default(0),
    pausedWorkingDays: integer("paused_working_days").notNull().default(0),
    reason: text("reason"),
    digitised: boolean("digitised").notNull().default(false),
    electronicResult: boolean("electronic_result").notNull().default(false),
    onlinePayment: boolean("online_payment").notNull().default(false),
    ruleSet: text("rule_set").$type<RuleSetId>().notNull(),
    receivedById: uuid("received_by_id").references(() => users.id),
    /**
     * Number of sets (bộ) handed in, as the receipt prints it; null when the desk did not record
     * it (imported dossiers, dossiers received before the checklist existed).
     */
    documentSets: integer("document_sets"),
    /**
     * The dossier's entry in the receiving unit's register book (Sổ theo dõi hồ sơ), as the
     * receipt prints it: the book's year and number (`registerBookOf`, src/core/dossier) and the
     * line within the book. Null for imported dossiers (the provincial system that received them
     * keeps their book) and for those received before the book existed (migration 0030).
     */
    registerYear: integer("register_year"),
    registerBook: integer("register_book"),
    registerEntry: integer("register_entry"),
    /** The import run that created the dossier; null when a desk received it. */
    importId: uuid("import_id"),
    /** Set when an administrator voided a wrongly imported dossier; voided dossiers count nowhere. */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedById: uuid("voided_by_id").references(() => users.id),
    voidReason: text("void_reason"),
    /**
     * The latest apology letter's new return date (by its issue time), null without a letter: set
     * with the letter in its transaction (insertApologyLetter; migration 0044 filled it for the
     * letters before). A register page looked it up among the letters for each of its rows: a
     * ward's first page took 0.74–0.86 ms of the embedded database's worker, 0.60–0.63 since (1 M
     * dossiers).
     */
    rescheduledDueDate: date("rescheduled_due_date"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("dossiers_code_key")
      .on(t.code)
      .where(sql`${t.voidedAt} is null`),
    // KPIs: the dossiers open at an instant (carried over into a period, pending or overdue at
    // its end) read the SP-GiST index of the open span, hand-written in migrations 0016 and 0025
    // (drizzle cannot declare it): dossiers_open_span_idx.
    // The register (src/server/services/dossier.service.ts): keyset pages in the order of these
    // indexes — a ward, the whole province, a state, the open dossiers (overdue) — so a page reads
    // one index range, never the whole table.
    index("dossiers_register_unit_idx")
      .on(t.unitId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.voidedAt} is null`),
    index("dossiers_register_idx")
      .on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.voidedAt} is null`),
    index("dossiers_register_unit_state_idx")
      .on(t.unitId, t.state, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.voidedAt} is null`),
    index("dossiers_register_state_idx")
      .on(t.state, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.voidedAt} is null`),
    // The due date as a trailing key (migration 0042): a ward's overdue and due-today pages check
    // it in the index instead of fetching each open dossier not yet due (at 10 M dossiers a
    // ward's overdue page read 605 rows for its 51).
    index("dossiers_register_open_idx")
      .on(t.unitId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst(), t.dueDate)
      .where(
        sql`${t.voidedAt} is null and ${t.state} in ('received', 'in_progress', 'supplement_requested')`,
      ),
    // The province's open dossiers in the register's order with the due date (and unit) as
    // trailing keys: overdue and due today check the date in the index, so the page and the
    // capped count skip the open dossiers not yet due without reading their rows.
    index("dossiers_register_open_due_idx")
      .on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst(), t.dueDate, t.unitId)
      .where(
        sql`${t.voidedAt} is null and ${t.state} in ('received', 'in_progress', 'supplement_requested')`,
      ),
    index("dossiers_register_voided_idx")
      .on(t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.voidedAt} is not null`),
    // Search: a part of a code ("260310-8801" of "000.01.22.H99-260310-8801": the ward's prefix
    // is the same) or, under three characters, its beginning (pg_trgm pads a pattern's start, so
    // `like 'g0%'` reads this index too); a part of the applicant's folded name.
    // An exact code or a code's beginning: a range of this B-tree (`lower(code) like 'q%'`),
    // tried before the trigrams (every code of a province shares its first trigrams, whose
    // posting lists the trigram index reads whole).
    index("dossiers_code_lower_idx").on(sql`lower(${t.code}) text_pattern_ops`),
    // Its pending list 64 kB, as the name suffix index's below (migration 0041: a code adds two
    // dozen trigrams; at 256 kB the insert overflowing the list held PGlite 100–130 ms idle).
    index("dossiers_code_trgm_idx")
      .using("gin", sql`lower(${t.code}) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 64 }),
    // A part of the applicant's folded name: every suffix of it of three characters or more that
    // starts at a character (not a space), each cut at 200, as a lexeme (`search_suffixes`,
    // migration 0039); a part typed is a prefix of one of them (`'thi thuy':*`), read from the
    // posting lists of those suffixes only. Each suffix also under its receipt week
    // (`'W2970:thi thuy'`, `search_suffixes_weekly`, migration 0043): a search's page reads the
    // matches of its newest weeks only, instead of every match to sort them by receipt time.
    // The trigram index it replaced read the lists of every trigram of the part ("ngu", "thi",
    // "huy"…, each in hundreds of thousands of names at 10 M dossiers) for a whole name.
    // Its new entries wait in a pending list of 64 kB, not the database's (256 kB on PGlite, 4 MB
    // on PostgreSQL): a name adds a dozen long entries, and the insert that overflows the list
    // moves them all into the index (migration 0040: at 1 M dossiers on PGlite, batches of 100
    // rows p99 123–437 ms at 256 kB, 59 ms at 64 kB, and 7 % more rows a second).
    index("dossiers_applicant_weekly_suffix_idx")
      .using("gin", sql`search_suffixes_weekly(${t.applicantNameFolded}, ${t.receivedAt})`)
      .with({ gin_pending_list_limit: 64 }),
    // The administrators' lookup of one person by ID number; partial, so imports (which carry
    // none) do not keep it up.
    index("dossiers_applicant_id_number_idx")
      .on(t.applicantIdNumber)
      .where(sql`${t.applicantIdNumber} is not null`),
    check("dossiers_channel_check", oneOf(t.channel, DOSSIER_CHANNELS)),
    check("dossiers_applicant_kind_check", nullOrOneOf(t.applicantKind, APPLICANT_KINDS)),
    check("dossiers_state_check", oneOf(t.state, DOSSIER_STATES)),
    check("dossiers_rule_set_check", oneOf(t.ruleSet, RULE_SET_IDS)),
    // One line of a book holds one dossier (the counter in dossier_register_books issues it).
    uniqueIndex("dossiers_register_entry_key")
      .on(t.unitId, t.registerYear, t.registerBook, t.registerEntry)
      .where(sql`${t.registerEntry} is not null`),
    check(
      "dossiers_register_entry_check",
      sql`(${t.registerYear} is null) = (${t.registerEntry} is null) and (${t.registerBook} is null) = (${t.registerEntry} is null) and (${t.registerEntry} is null or ${t.registerEntry} >= 1)`,
    ),
    check("dossiers_void_check", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
    check(
      "dossiers_document_sets_check",
      sql`${t.documentSets} is null or ${t.documentSets} between 1 and ${sql.raw(String(MAX_SETS))}`,
    ),
  ],
);

/**
 * A procedure's required documents (thành phần hồ sơ), in the order the catalogue lists them.
 * Saved as a whole list: editing the procedure's list replaces its rows.
 */
export const procedureDocuments = pgTable(
  "procedure_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    form: text("form").$type<DocumentForm>().notNull(),
    copies: integer("copies").notNull().default(1),
    required: boolean("required").notNull().default(true),
  },
  (t) => [
    uniqueIndex("procedure_documents_position_key").on(t.procedureId, t.position),
    check("procedure_documents_form_check", oneOf(t.form, DOCUMENT_FORMS)),
    check(
      "procedure_documents_copies_check",
      sql`${t.copies} between 1 and ${sql.raw(String(MAX_COPIES))}`,
    ),
  ],
);

/**
 * The documents the desk received with a dossier (ticked on the receive form's checklist, with
 * the clerk's extra lines), written in the receipt's transaction and printed on Mẫu 01. A copy,
 * not a reference: later edits of the procedure's list do not change what was received.
 */
export const dossierDocuments = pgTable(
  "dossier_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    form: text("form").$type<DocumentForm>().notNull(),
    copies: integer("copies").notNull(),
  },
  (t) => [
    uniqueIndex("dossier_documents_position_key").on(t.dossierId, t.position),
    check("dossier_documents_form_check", oneOf(t.form, DOCUMENT_FORMS)),
    check(
      "dossier_documents_copies_check",
      sql`${t.copies} between 1 and ${sql.raw(String(MAX_COPIES))}`,
    ),
  ],
);

/**
 * The procedure's required documents as they were when the dossier was received (a copy of
 * procedure_documents written in the receipt's transaction): the supplement request (Mẫu 02)
 * lists the missing ones from it, so a later edit of the catalogue does not change an old
 * dossier's form. Dossiers that recorded what was received before this table existed were given
 * the list of that day by migration 0030.
 */
export const dossierRequiredDocuments = pgTable(
  "dossier_required_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    form: text("form").$type<DocumentForm>().notNull(),
    copies: integer("copies").notNull(),
    required: boolean("required").notNull(),
  },
  (t) => [
    uniqueIndex("dossier_required_documents_position_key").on(t.dossierId, t.position),
    check("dossier_required_documents_form_check", oneOf(t.form, DOCUMENT_FORMS)),
  ],
);

/**
 * The register books' counters: one row per receiving unit, year and book, holding the last line
 * written. A receipt takes the next line with an upsert on the row in its own transaction, so
 * concurrent receipts queue on the row and a receipt rolled back gives its line back: no gap, no
 * line twice.
 */
export const dossierRegisterBooks = pgTable(
  "dossier_register_books",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    book: integer("book").notNull(),
    lastEntry: integer("last_entry").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.book] })],
);

/** A wait for the applicant's supplement; the clock is paused between request and receipt. */
export const dossierPauses = pgTable(
  "dossier_pauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    resumedAt: timestamp("resumed_at", { withTimezone: true }),
    pausedWorkingDays: integer("paused_working_days"),
    note: text("note"),
  },
  (t) => [index("dossier_pauses_dossier_idx").on(t.dossierId)],
);

/** Apology letter for a late dossier, with the new appointment date. */
export const apologyLetters = pgTable(
  "apology_letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    number: text("number").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    newDueDate: date("new_due_date").notNull(),
    reason: text("reason").notNull(),
    ruleSet: text("rule_set").$type<RuleSetId>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("apology_letters_dossier_idx").on(t.dossierId),
    check("apology_letters_rule_set_check", oneOf(t.ruleSet, RULE_SET_IDS)),
  ],
);
