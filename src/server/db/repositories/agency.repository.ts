import { eq, inArray } from "drizzle-orm";
import { forgetSessions } from "../../auth/session-cache.ts";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";

export type AgencyRow = typeof agencies.$inferSelect;
export type AgencyInsert = typeof agencies.$inferInsert;
export interface AgencyListRow extends AgencyRow {
  unitName: string;
}

function selectWithUnit(exec: Executor) {
  return exec
    .select({ agency: agencies, unitName: units.name })
    .from(agencies)
    .innerJoin(units, eq(units.id, agencies.unitId));
}

export async function listAgenciesOfUnits(
  exec: Executor,
  unitIds: string[],
): Promise<AgencyListRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await selectWithUnit(exec).where(inArray(agencies.unitId, unitIds));
  return rows.map((r) => ({ ...r.agency, unitName: r.unitName }));
}

export async function findAgencyById(exec: Executor, id: string): Promise<AgencyListRow | null> {
  const rows = await selectWithUnit(exec).where(eq(agencies.id, id));
  const row = rows[0];
  return row ? { ...row.agency, unitName: row.unitName } : null;
}

export async function unitIdsOfAgencies(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: agencies.id, unitId: agencies.unitId })
    .from(agencies)
    .where(inArray(agencies.id, ids));
}

export async function insertAgency(exec: Executor, values: AgencyInsert): Promise<AgencyRow> {
  const [row] = await exec.insert(agencies).values(values).returning();
  return row!;
}

export async function updateAgency(
  exec: Executor,
  id: string,
  values: Partial<AgencyInsert>,
): Promise<AgencyRow> {
  const [row] = await exec
    .update(agencies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agencies.id, id))
    .returning();
  // A session holds its user's agency name and its roles' agency names.
  forgetSessions("all");
  return row!;
}
