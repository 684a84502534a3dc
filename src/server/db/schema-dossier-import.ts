import {
  check,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  DOSSIER_IMPORT_STATES,
  type DossierImportState,
} from "../../core/dossier/import/import-states.ts";
import { oneOf } from "./closed-values.ts";
import type { ColumnMapping } from "../../core/dossier/import/index.ts";
import { units, users } from "./schema.ts";

/*
 * Bulk import of dossier records exported from the provincial one-stop system.
 *
 * Decisions:
 * - The column mapping is saved per unit and source name (for example "Hệ thống Một cửa tỉnh"),
 *   as field → header text, so a reordered export still maps.
 * - One row per import run keeps its progress (written with each committed batch, so the counts
 *   always match what is in the database) and its outcome; the per-row errors are a CSV file in
 *   the data folder, not rows here.
 */

export const dossierImportMappings = pgTable(
  "dossier_import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    source: text("source").notNull(),
    mapping: jsonb("mapping").$type<ColumnMapping>().notNull(),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("dossier_import_mappings_unit_source_key").on(t.unitId, t.source)],
);

export const dossierImports = pgTable(
  "dossier_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    source: text("source").notNull(),
    fileName: text("file_name").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    state: text("state").$type<DossierImportState>().notNull().default("running"),
    /** Data rows in the file when known (counted before the import for CSV). */
    total: integer("total"),
    processed: integer("processed").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** Why the run stopped, in Vietnamese, when it failed. */
    message: text("message"),
    startedById: uuid("started_by_id").references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Set when an administrator voided the dossiers this run created (a wrong import). */
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedById: uuid("voided_by_id").references(() => users.id),
    voidReason: text("void_reason"),
    voidedCount: integer("voided_count"),
  },
  (t) => [check("dossier_imports_state_check", oneOf(t.state, DOSSIER_IMPORT_STATES))],
);
