import { and, desc, eq, sql } from "drizzle-orm";
import type { ColumnMapping } from "../../../core/dossier/import/index.ts";
import { copyRows } from "../copy-rows.ts";
import { DOSSIER_COPY_COLUMNS as COPY_COLUMNS } from "../dossier-copy.ts";
import { queryRows, type Executor } from "../database.ts";
import { forgetRegisterTotals } from "../register-total-cache.ts";
import { dossierImportMappings, dossierImports } from "../schema-dossier-import.ts";

export type DossierImportRow = typeof dossierImports.$inferSelect;
export type DossierImportMappingRow = typeof dossierImportMappings.$inferSelect;

/* ---------- saved mappings ---------- */

export async function findMapping(exec: Executor, unitId: string, source: string) {
  const [row] = await exec
    .select()
    .from(dossierImportMappings)
    .where(and(eq(dossierImportMappings.unitId, unitId), eq(dossierImportMappings.source, source)));
  return row ?? null;
}

export async function listMappings(exec: Executor, unitId: string) {
  return exec
    .select()
    .from(dossierImportMappings)
    .where(eq(dossierImportMappings.unitId, unitId))
    .orderBy(desc(dossierImportMappings.updatedAt));
}

export async function saveMapping(
  exec: Executor,
  values: { unitId: string; source: string; mapping: ColumnMapping; updatedById: string | null },
) {
  const [row] = await exec
    .insert(dossierImportMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [dossierImportMappings.unitId, dossierImportMappings.source],
      set: { mapping: values.mapping, updatedById: values.updatedById, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/* ---------- import runs ---------- */

export async function insertImport(exec: Executor, values: typeof dossierImports.$inferInsert) {
  const [row] = await exec.insert(dossierImports).values(values).returning();
  return row!;
}

export async function findImport(exec: Executor, id: string) {
  const [row] = await exec.select().from(dossierImports).where(eq(dossierImports.id, id));
  return row ?? null;
}

/** Locks the run's row for the rest of the transaction. */
export async function lockImport(exec: Executor, id: string) {
  const [row] = await exec
    .select()
    .from(dossierImports)
    .where(eq(dossierImports.id, id))
    .for("update");
  return row ?? null;
}

export async function listImports(exec: Executor, unitIds: string[] | null, limit: number) {
  if (unitIds !== null && unitIds.length === 0) return [];
  const query = exec.select().from(dossierImports);
  const filtered =
    unitIds === null
      ? query
      : query.where(sql`${dossierImports.unitId} = any(${sql.param(unitIds)}::uuid[])`);
  return filtered.orderBy(desc(dossierImports.startedAt)).limit(limit);
}

export async function findRunningImport(exec: Executor, unitId: string) {
  const [row] = await exec
    .select()
    .from(dossierImports)
    .where(and(eq(dossierImports.unitId, unitId), eq(dossierImports.state, "running")));
  return row ?? null;
}

export async function updateImport(
  exec: Executor,
  id: string,
  values: Partial<typeof dossierImports.$inferInsert>,
) {
  await exec.update(dossierImports).set(values).where(eq(dossierImports.id, id));
}

/** Adds a committed batch's counts to the run, in the batch's own transaction. */
export async function addImportProgress(
  exec: Executor,
  id: string,
  counts: {
    processed: number;
    inserted: number;
    updated: number;
    unchanged: number;
    errors: number;
  },
) {
  await exec.execute(sql`
    update dossier_imports set
      processed = processed + ${counts.processed},
      inserted = inserted + ${counts.inserted},
      updated = updated + ${counts.updated},
      unchanged = unchanged + ${counts.unchanged},
      error_count = error_count + ${counts.errors}
    where id = ${id}`);
}

/** Runs marked running with no queued or running job to finish them: they never will. */
export async function failInterruptedImports(exec: Executor, message: string) {
  await exec.execute(sql`
    update dossier_imports set state = 'failed', message = ${message}, finished_at = now()
    where state = 'running' and not exists (
      select 1 from jobs
      where jobs.subject = 'dossier-import:' || dossier_imports.id::text
        and jobs.state in ('queued', 'running'))`);
}

/** The uploads that queued or running import jobs still need. */
export async function uploadsOfLiveImportJobs(exec: Executor): Promise<Set<string>> {
  const rows = await queryRows<{ upload_id: string }>(
    exec,
    sql`select payload->>'uploadId' as upload_id from jobs
      where kind = 'dossier-import' and state in ('queued', 'running')`,
  );
  return new Set(rows.map((row) => row.upload_id));
}

/* ---------- bulk writes (plain SQL) ---------- */

/** Procedure ids of a unit by national code. */
export async function procedureIdsByCode(exec: Executor, unitId: string) {
  const rows = await queryRows<{ id: string; code: string }>(
    exec,
    sql`select id, code from procedures where unit_id = ${unitId}`,
  );
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** The names of the dossiers table's GIN indexes (the code's trigrams, the name's suffixes). */
export async function dossierGinIndexes(exec: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    exec,
    sql`select c.relname as name
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
        where i.indrelid = 'dossiers'::regclass and a.amname = 'gin'
        order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/**
 * Moves the entries waiting in each index's pending list into the index, one statement (one
 * turn of PGlite's connection) per index. Run by the import after each batch on PGlite, so no
 * batch's COPY overflows a list and moves it whole within the batch's turn.
 */
export async function flushPendingLists(exec: Executor, indexes: string[]): Promise<void> {
  for (const index of indexes) {
    await exec.execute(sql`select gin_clean_pending_list(${index}::regclass)`);
  }
}

/**
 * Inserts dossiers given as COPY text (see dossierCopyLine): several times faster than INSERT.
 * Any code that already exists makes the whole COPY fail with a unique violation (23505), so
 * callers run it under a savepoint and fall back to upsertCopiedDossiers.
 */
export async function copyNewDossiers(tx: Executor, data: Uint8Array): Promise<void> {
  await copyRows(tx, "dossiers", COPY_COLUMNS, data);
  forgetRegisterTotals({ register: "dossier" });
}

/** A row the import updates keeps its code, its unit and the run that created it. */
const UPDATED_COLUMNS = COPY_COLUMNS.filter(
  (c) => c !== "code" && c !== "unit_id" && c !== "import_id",
);
/** Columns compared to tell a changed row from an unchanged one (derived ones left out). */
const COMPARED_COLUMNS = UPDATED_COLUMNS.filter(
  (c) => c !== "counted_from" && c !== "original_due_date" && c !== "rule_set",
);

export interface UpsertedCounts {
  inserted: number;
  updated: number;
  /** Codes that belong to another unit's dossiers: left untouched. */
  otherUnitCodes: string[];
}

/**
 * The slower path for a batch that meets existing codes: the COPY text goes into a temporary
 * table, then one `INSERT … ON CONFLICT (code) DO UPDATE` writes it. A row whose values are all
 * unchanged is not touched (the WHERE of DO UPDATE), so re-importing a file changes nothing, not
 * even updated_at; another unit's dossier is never overwritten (the unit guard) and its code is
 * returned so the row can be reported.
 */
export async function upsertCopiedDossiers(
  tx: Executor,
  unitId: string,
  data: Uint8Array,
): Promise<UpsertedCounts> {
  await tx.execute(
    sql.raw(`create temp table dossier_import_stage on commit drop as
      select ${COPY_COLUMNS.join(", ")} from dossiers with no data`),
  );
  await copyRows(tx, "dossier_import_stage", COPY_COLUMNS, data);
  const list = (prefix: string, columns: readonly string[]) =>
    columns.map((c) => `${prefix}${c}`).join(", ");
  const [counts] = await queryRows<{ inserted: number; updated: number }>(
    tx,
    sql.raw(`
    with written as (
      insert into dossiers (${COPY_COLUMNS.join(", ")})
      select ${COPY_COLUMNS.join(", ")} from dossier_import_stage
      on conflict (code) where voided_at is null do update set
        ${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()
      where dossiers.unit_id = excluded.unit_id
        and (${list("dossiers.", COMPARED_COLUMNS)}) is distinct from (${list("excluded.", COMPARED_COLUMNS)})
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted,
      count(*) filter (where not inserted)::int as updated
    from written`),
  );
  const others = await queryRows<{ code: string }>(
    tx,
    sql`select s.code from dossier_import_stage s
      join dossiers d on d.code = s.code and d.voided_at is null
      where d.unit_id <> ${unitId}`,
  );
  forgetRegisterTotals({ register: "dossier", unitId });
  return {
    inserted: counts?.inserted ?? 0,
    updated: counts?.updated ?? 0,
    otherUnitCodes: others.map((row) => row.code),
  };
}
