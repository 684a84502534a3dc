import { and, desc, eq, sql } from "drizzle-orm";
import type { ColumnMapping, ImportedDossier } from "../../../core/dossier/import/index.ts";
import { queryRows, type Executor } from "../database.ts";
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

/** Runs marked running when the server stopped: they can never finish. */
export async function failInterruptedImports(exec: Executor, message: string) {
  await exec
    .update(dossierImports)
    .set({ state: "failed", message, finishedAt: new Date() })
    .where(eq(dossierImports.state, "running"));
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

/** Of the given codes, those already used by a dossier of another unit. */
export async function codesOfOtherUnits(exec: Executor, unitId: string, codes: string[]) {
  const rows = await queryRows<{ code: string }>(
    exec,
    sql`select code from dossiers where code = any(${sql.param(codes)}::text[]) and unit_id <> ${unitId}`,
  );
  return new Set(rows.map((row) => row.code));
}

export interface UpsertedCounts {
  inserted: number;
  updated: number;
}

/**
 * One multi-row `INSERT … ON CONFLICT (code) DO UPDATE` for a batch, with the rows passed as one
 * array per column (unnest), so the statement has 20 parameters whatever the batch size. A row
 * whose values are all unchanged is not touched (the WHERE of DO UPDATE), so re-importing a file
 * changes nothing, not even updated_at. Rows whose code belongs to another unit must be removed
 * before: the unit guard only keeps them from being overwritten.
 */
export async function upsertDossiers(
  exec: Executor,
  unitId: string,
  rows: readonly (ImportedDossier & { procedureId: string })[],
): Promise<UpsertedCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const column = <T>(pick: (row: ImportedDossier & { procedureId: string }) => T) =>
    sql.param(rows.map(pick));
  const result = await queryRows<{ inserted: boolean }>(
    exec,
    sql`
    insert into dossiers (
      code, unit_id, procedure_id, applicant_name, applicant_phone, applicant_address, channel,
      received_at, counted_from, due_date, original_due_date, state, finished_at, returned_at,
      supplement_count, reason, digitised, electronic_result, online_payment, rule_set
    )
    select t.code, ${unitId}::uuid, t.procedure_id, t.applicant_name, t.applicant_phone,
      t.applicant_address, t.channel, t.received_at, t.counted_from, t.due_date, t.due_date,
      t.state, t.finished_at, t.returned_at, t.supplement_count, t.reason, t.digitised,
      t.electronic_result, t.online_payment, t.rule_set
    from unnest(
      ${column((r) => r.code)}::text[],
      ${column((r) => r.procedureId)}::uuid[],
      ${column((r) => r.applicantName)}::text[],
      ${column((r) => r.applicantPhone)}::text[],
      ${column((r) => r.applicantAddress)}::text[],
      ${column((r) => r.channel)}::text[],
      ${column((r) => r.receivedAt)}::timestamptz[],
      ${column((r) => r.receivedOn)}::date[],
      ${column((r) => r.dueDate)}::date[],
      ${column((r) => r.state)}::text[],
      ${column((r) => r.finishedAt)}::timestamptz[],
      ${column((r) => r.returnedAt)}::timestamptz[],
      ${column((r) => r.supplementCount)}::int[],
      ${column((r) => r.reason)}::text[],
      ${column((r) => r.digitised)}::boolean[],
      ${column((r) => r.electronicResult)}::boolean[],
      ${column((r) => r.onlinePayment)}::boolean[],
      ${column((r) => r.ruleSet)}::text[]
    ) as t(code, procedure_id, applicant_name, applicant_phone, applicant_address, channel,
      received_at, counted_from, due_date, state, finished_at, returned_at, supplement_count,
      reason, digitised, electronic_result, online_payment, rule_set)
    on conflict (code) do update set
      procedure_id = excluded.procedure_id,
      applicant_name = excluded.applicant_name,
      applicant_phone = excluded.applicant_phone,
      applicant_address = excluded.applicant_address,
      channel = excluded.channel,
      received_at = excluded.received_at,
      counted_from = excluded.counted_from,
      due_date = excluded.due_date,
      original_due_date = excluded.original_due_date,
      state = excluded.state,
      finished_at = excluded.finished_at,
      returned_at = excluded.returned_at,
      supplement_count = excluded.supplement_count,
      reason = excluded.reason,
      digitised = excluded.digitised,
      electronic_result = excluded.electronic_result,
      online_payment = excluded.online_payment,
      rule_set = excluded.rule_set,
      updated_at = now()
    where dossiers.unit_id = excluded.unit_id
      and (dossiers.procedure_id, dossiers.applicant_name, dossiers.applicant_phone,
        dossiers.applicant_address, dossiers.channel, dossiers.received_at, dossiers.due_date,
        dossiers.state, dossiers.finished_at, dossiers.returned_at, dossiers.supplement_count,
        dossiers.reason, dossiers.digitised, dossiers.electronic_result, dossiers.online_payment)
      is distinct from
        (excluded.procedure_id, excluded.applicant_name, excluded.applicant_phone,
        excluded.applicant_address, excluded.channel, excluded.received_at, excluded.due_date,
        excluded.state, excluded.finished_at, excluded.returned_at, excluded.supplement_count,
        excluded.reason, excluded.digitised, excluded.electronic_result, excluded.online_payment)
    returning (xmax = 0) as inserted`,
  );
  let inserted = 0;
  for (const row of result) if (row.inserted) inserted += 1;
  return { inserted, updated: result.length - inserted };
}
