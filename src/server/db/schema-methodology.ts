import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type {
  MethodologyDocument,
  MethodologyKind,
  MethodologyStatus,
} from "../../core/methodology/index.ts";
import { UNIT_LEVELS, type UnitLevel } from "../../core/organization/unit-rules.ts";
import {
  METHODOLOGY_KINDS,
  METHODOLOGY_STATUSES,
} from "../../core/methodology/methodology-status.ts";
import { oneOf } from "./closed-values.ts";
import { units, users, createdAt, updatedAt } from "./schema.ts";

/*
 * Methodologies (bộ tiêu chí, phương pháp chấm điểm): a scoring scheme owned by a unit, for a
 * year, for the units of one level. Only PAR Index criteria sets (Chỉ số CCHC) exist so far, saved
 * as drafts from a self-scoring appendix; scoring rules per leaf, publishing to the units below
 * and score sheets come later and will add their own tables.
 *
 * Decisions:
 * - The criteria are a tree (`parent_id`); `position` keeps the table's order, `ref` its printed
 *   TT ("1.1.2", or "a" under a criterion), so the tree prints back as the official table.
 * - `max_points` is numeric (0,25 and 1,5 occur) and nullable: a parent may leave it to its
 *   children's sum. Whether the points add up is a warning of the domain core, not a constraint.
 * - A methodology imported as a scoring document (the QĐ 766 index, a PAR set with rules per
 *   leaf) keeps the checked document whole in `document`, the source of truth for scoring and
 *   export; its criteria rows mirror the tree for reading. `code` + `version` name the version, one
 *   row per unit, and the effective dates say when it applies. Drafts from a criteria table have
 *   no document, code or dates.
 */

export const methodologies = pgTable(
  "methodologies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The unit that owns (and, later, publishes) the methodology. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind").$type<MethodologyKind>().notNull().default("par_index"),
    name: text("name").notNull(),
    /** The year the criteria score. */
    year: integer("year").notNull(),
    /** Level of the units it scores (province, district, commune). */
    level: text("level").$type<UnitLevel>().notNull(),
    status: text("status").$type<MethodologyStatus>().notNull().default("draft"),
    /** The file the criteria were imported from, when they were. */
    sourceFilename: text("source_filename"),
    /** The scoring document's code ("service-index-766") and version; null for table drafts. */
    code: text("code"),
    version: text("version"),
    effectiveFrom: date("effective_from"),
    /** Last day it applies; open-ended when null. */
    effectiveTo: date("effective_to"),
    /** The checked scoring document (rules per leaf, policies, bands). */
    document: jsonb("document").$type<MethodologyDocument>(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("methodologies_unit_idx").on(t.unitId),
    uniqueIndex("methodologies_unit_code_version_key").on(t.unitId, t.code, t.version),
    check("methodologies_kind_check", oneOf(t.kind, METHODOLOGY_KINDS)),
    check(
      "methodologies_document_check",
      sql`(${t.document} is null) = (${t.code} is null) and (${t.code} is null) = (${t.version} is null) and (${t.code} is null) = (${t.effectiveFrom} is null)`,
    ),
    check(
      "methodologies_effective_check",
      sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`,
    ),
    check("methodologies_status_check", oneOf(t.status, METHODOLOGY_STATUSES)),
    check("methodologies_level_check", oneOf(t.level, UNIT_LEVELS)),
    check("methodologies_year_check", sql`${t.year} between 2000 and 2100`),
  ],
);

export const methodologyCriteria = pgTable(
  "methodology_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    methodologyId: uuid("methodology_id")
      .notNull()
      .references(() => methodologies.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => methodologyCriteria.id, {
      onDelete: "cascade",
    }),
    ref: text("ref").notNull(),
    text: text("text").notNull(),
    maxPoints: numeric("max_points", { mode: "number" }),
    /** 1-based order of the row in the criteria table. */
    position: integer("position").notNull(),
    /** The evidence the criterion asks for (Tài liệu kiểm chứng). */
    evidenceHint: text("evidence_hint"),
  },
  (t) => [
    uniqueIndex("methodology_criteria_position_key").on(t.methodologyId, t.position),
    index("methodology_criteria_parent_idx").on(t.parentId),
    check(
      "methodology_criteria_max_points_check",
      sql`${t.maxPoints} is null or ${t.maxPoints} >= 0`,
    ),
  ],
);
