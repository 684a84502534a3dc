import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { units } from "../schema.ts";
import type { ProcedureDocument } from "../../../core/dossier/required-documents.ts";
import { procedureDocuments, procedures } from "../schema-one-stop.ts";

export type ProcedureRow = typeof procedures.$inferSelect;
export type ProcedureInsert = typeof procedures.$inferInsert;
export interface ProcedureListRow extends ProcedureRow {
  unitName: string;
  unitCode: string;
}

function selectWithUnit(exec: Executor) {
  return exec
    .select({ procedure: procedures, unitName: units.name, unitCode: units.code })
    .from(procedures)
    .innerJoin(units, eq(units.id, procedures.unitId));
}

function flatten(rows: { procedure: ProcedureRow; unitName: string; unitCode: string }[]) {
  return rows.map((r) => ({ ...r.procedure, unitName: r.unitName, unitCode: r.unitCode }));
}

/** Procedures of the given units (all units when null). */
export async function listProcedures(
  exec: Executor,
  unitIds: string[] | null,
): Promise<ProcedureListRow[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  const query = selectWithUnit(exec);
  const rows =
    unitIds === null
      ? await query.orderBy(asc(procedures.code))
      : await query.where(inArray(procedures.unitId, unitIds)).orderBy(asc(procedures.code));
  return flatten(rows);
}

export async function findProcedureById(
  exec: Executor,
  id: string,
): Promise<ProcedureListRow | null> {
  return flatten(await selectWithUnit(exec).where(eq(procedures.id, id)))[0] ?? null;
}

export async function findProcedureByCode(exec: Executor, unitId: string, code: string) {
  const [row] = await exec
    .select()
    .from(procedures)
    .where(and(eq(procedures.unitId, unitId), eq(procedures.code, code)));
  return row ?? null;
}

export async function insertProcedure(
  exec: Executor,
  values: ProcedureInsert,
): Promise<ProcedureRow> {
  const [row] = await exec.insert(procedures).values(values).returning();
  return row!;
}

export async function updateProcedure(
  exec: Executor,
  id: string,
  values: Partial<ProcedureInsert>,
) {
  const [row] = await exec
    .update(procedures)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(procedures.id, id))
    .returning();
  return row!;
}

export async function unitIdsOfProcedures(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: procedures.id, unitId: procedures.unitId })
    .from(procedures)
    .where(inArray(procedures.id, ids));
}

/** The required documents of the given procedures, in order, by procedure id. */
export async function listProcedureDocuments(
  exec: Executor,
  procedureIds: string[],
): Promise<Map<string, ProcedureDocument[]>> {
  const byProcedure = new Map<string, ProcedureDocument[]>();
  if (procedureIds.length === 0) return byProcedure;
  const rows = await exec
    .select()
    .from(procedureDocuments)
    .where(inArray(procedureDocuments.procedureId, procedureIds))
    .orderBy(asc(procedureDocuments.procedureId), asc(procedureDocuments.position));
  for (const row of rows) {
    const list = byProcedure.get(row.procedureId) ?? [];
    list.push({ name: row.name, form: row.form, copies: row.copies, required: row.required });
    byProcedure.set(row.procedureId, list);
  }
  return byProcedure;
}

/** Replaces a procedure's list of required documents (the list is saved as a whole). */
export async function replaceProcedureDocuments(
  exec: Executor,
  procedureId: string,
  documents: readonly ProcedureDocument[],
) {
  await exec.delete(procedureDocuments).where(eq(procedureDocuments.procedureId, procedureId));
  if (documents.length === 0) return;
  await exec
    .insert(procedureDocuments)
    .values(documents.map((doc, position) => ({ procedureId, position, ...doc })));
}
