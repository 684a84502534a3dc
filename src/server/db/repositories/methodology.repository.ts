import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { units, users } from "../schema.ts";
import { methodologies, methodologyCriteria } from "../schema-methodology.ts";

export type MethodologyRow = typeof methodologies.$inferSelect;
export type MethodologyInsert = typeof methodologies.$inferInsert;
export type CriterionRow = typeof methodologyCriteria.$inferSelect;
export type CriterionInsert = typeof methodologyCriteria.$inferInsert;

const withNames = {
  methodology: methodologies,
  unitName: units.name,
  createdByName: users.fullName,
};

export async function insertMethodology(exec: Executor, values: MethodologyInsert) {
  const [row] = await exec.insert(methodologies).values(values).returning();
  return row!;
}

/** All criteria of a methodology in one statement; parents' ids are given, so order is free. */
export async function insertCriteria(exec: Executor, values: CriterionInsert[]) {
  if (values.length === 0) return;
  await exec.insert(methodologyCriteria).values(values);
}

export async function findMethodology(exec: Executor, id: string) {
  const [row] = await exec
    .select(withNames)
    .from(methodologies)
    .innerJoin(units, eq(units.id, methodologies.unitId))
    .leftJoin(users, eq(users.id, methodologies.createdBy))
    .where(eq(methodologies.id, id));
  return row
    ? { ...row.methodology, unitName: row.unitName, createdByName: row.createdByName }
    : null;
}

/** Methodologies of the given units (null: all), newest year first. */
export async function listMethodologiesOfUnits(exec: Executor, unitIds: string[] | null) {
  if (unitIds !== null && unitIds.length === 0) return [];
  const query = exec
    .select(withNames)
    .from(methodologies)
    .innerJoin(units, eq(units.id, methodologies.unitId))
    .leftJoin(users, eq(users.id, methodologies.createdBy))
    .orderBy(desc(methodologies.year), desc(methodologies.createdAt));
  const rows =
    unitIds === null ? await query : await query.where(inArray(methodologies.unitId, unitIds));
  return rows.map((r) => ({
    ...r.methodology,
    unitName: r.unitName,
    createdByName: r.createdByName,
  }));
}

/** Criteria of the methodologies, each methodology's in table order. */
export async function listCriteria(exec: Executor, methodologyIds: string[]) {
  if (methodologyIds.length === 0) return [];
  return exec
    .select()
    .from(methodologyCriteria)
    .where(inArray(methodologyCriteria.methodologyId, methodologyIds))
    .orderBy(asc(methodologyCriteria.methodologyId), asc(methodologyCriteria.position));
}

export async function unitIdsOfMethodologies(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: methodologies.id, unitId: methodologies.unitId })
    .from(methodologies)
    .where(inArray(methodologies.id, ids));
}

/** The unit's methodology with this document code and version, if there is one. */
export async function findVersion(exec: Executor, unitId: string, code: string, version: string) {
  const [row] = await exec
    .select({ id: methodologies.id })
    .from(methodologies)
    .where(
      and(
        eq(methodologies.unitId, unitId),
        eq(methodologies.code, code),
        eq(methodologies.version, version),
      ),
    );
  return row ?? null;
}
