import { UnitTree } from "../../../core/organization/unit-tree.ts";
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { forgetRequestMemo, memoizedPerRequest } from "../../http/request-memo.ts";
import { forgetSessions } from "../../auth/session-cache.ts";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";

export type UnitRow = typeof units.$inferSelect;
export type UnitInsert = typeof units.$inferInsert;

export interface UnitListRow extends UnitRow {
  parentName: string | null;
  mergedIntoName: string | null;
}

const parent = alias(units, "parent");
const mergedInto = alias(units, "merged_into");

function selectWithNames(exec: Executor) {
  return exec
    .select({
      unit: units,
      parentName: parent.name,
      mergedIntoName: mergedInto.name,
    })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .leftJoin(mergedInto, eq(mergedInto.id, units.mergedIntoId));
}

function flatten(
  rows: { unit: UnitRow; parentName: string | null; mergedIntoName: string | null }[],
) {
  return rows.map((r) => ({
    ...r.unit,
    parentName: r.parentName,
    mergedIntoName: r.mergedIntoName,
  }));
}

export async function listUnitLinks(exec: Executor) {
  return exec.select({ id: units.id, parentId: units.parentId }).from(units);
}

const UNIT_TREE = "unitTree";

/**
 * Every unit with its parent, validity and merger: the input of the core's UnitTree. Read once
 * per request (src/server/http/request-memo.ts); a unit written in the request reads it again.
 */
export async function loadUnitTree(exec: Executor): Promise<UnitTree> {
  return memoizedPerRequest(exec, UNIT_TREE, () => readUnitTree(exec));
}

async function readUnitTree(exec: Executor): Promise<UnitTree> {
  const nodes = await exec
    .select({
      id: units.id,
      parentId: units.parentId,
      validFrom: units.validFrom,
      validTo: units.validTo,
      mergedIntoId: units.mergedIntoId,
    })
    .from(units);
  return new UnitTree(nodes);
}

/** Units in the given id set, or all when `ids` is null. */
export async function listUnits(exec: Executor, ids: string[] | null): Promise<UnitListRow[]> {
  if (ids !== null && ids.length === 0) return [];
  const query = selectWithNames(exec);
  const rows = ids === null ? await query : await query.where(inArray(units.id, ids));
  return flatten(rows);
}

export async function findUnitById(exec: Executor, id: string): Promise<UnitListRow | null> {
  const rows = await selectWithNames(exec).where(eq(units.id, id));
  return flatten(rows)[0] ?? null;
}

export async function findUnitsByCodes(exec: Executor, codes: string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return [];
  return exec.select().from(units).where(inArray(units.code, codes));
}

export async function insertUnit(exec: Executor, values: UnitInsert): Promise<UnitRow> {
  forgetRequestMemo(UNIT_TREE);
  const [row] = await exec.insert(units).values(values).returning();
  return row!;
}

export async function updateUnit(
  exec: Executor,
  id: string,
  values: Partial<UnitInsert>,
): Promise<UnitRow> {
  forgetRequestMemo(UNIT_TREE);
  const [row] = await exec
    .update(units)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(units.id, id))
    .returning();
  // A session holds its user's unit and its roles' unit names; a new unit changes no session.
  forgetSessions("all");
  return row!;
}

export async function countUnitChildren(exec: Executor, id: string): Promise<number> {
  const [row] = await exec
    .select({ count: sql<number>`count(*)::int` })
    .from(units)
    .where(eq(units.parentId, id));
  return row?.count ?? 0;
}

export async function countUnitAgencies(exec: Executor, id: string): Promise<number> {
  const [row] = await exec
    .select({ count: sql<number>`count(*)::int` })
    .from(agencies)
    .where(and(eq(agencies.unitId, id), eq(agencies.isActive, true)));
  return row?.count ?? 0;
}
