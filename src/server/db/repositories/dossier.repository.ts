import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";
import {
  apologyLetters,
  dossierDailyCounters,
  dossierEvents,
  dossierPauses,
  dossiers,
  procedures,
} from "../schema-one-stop.ts";

export type DossierRow = typeof dossiers.$inferSelect;
export type DossierInsert = typeof dossiers.$inferInsert;
export type DossierEventRow = typeof dossierEvents.$inferSelect;
export type DossierPauseRow = typeof dossierPauses.$inferSelect;
export type ApologyLetterRow = typeof apologyLetters.$inferSelect;

export interface DossierListRow extends DossierRow {
  unitName: string;
  unitCode: string;
  procedureCode: string;
  procedureName: string;
  procedureField: string;
  processingDays: number;
  feeText: string | null;
  handlerAgencyName: string | null;
}

const handler = alias(agencies, "handler");

function selectWithNames(exec: Executor) {
  return exec
    .select({
      dossier: dossiers,
      unitName: units.name,
      unitCode: units.code,
      procedureCode: procedures.code,
      procedureName: procedures.name,
      procedureField: procedures.field,
      processingDays: procedures.processingDays,
      feeText: procedures.feeText,
      handlerAgencyName: handler.name,
    })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.unitId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(handler, eq(handler.id, dossiers.handlerAgencyId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectWithNames>["execute"]>>[number];

function flatten(rows: Joined[]): DossierListRow[] {
  return rows.map(({ dossier, ...names }) => ({ ...dossier, ...names }));
}

export interface DossierFilter {
  unitIds: string[] | null;
  unitId?: string;
  state?: string;
  procedureId?: string;
  q?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Not finished and past the due date on `today`. */
  overdueOn?: string;
  limit: number;
  offset: number;
}

export async function listDossiers(
  exec: Executor,
  filter: DossierFilter,
): Promise<{ rows: DossierListRow[]; total: number }> {
  if (filter.unitIds !== null && filter.unitIds.length === 0) return { rows: [], total: 0 };
  const conditions: SQL[] = [];
  if (filter.unitIds !== null) conditions.push(inArray(dossiers.unitId, filter.unitIds));
  if (filter.unitId) conditions.push(eq(dossiers.unitId, filter.unitId));
  if (filter.state) conditions.push(eq(dossiers.state, filter.state));
  if (filter.procedureId) conditions.push(eq(dossiers.procedureId, filter.procedureId));
  if (filter.receivedFrom) conditions.push(gte(dossiers.receivedAt, filter.receivedFrom));
  if (filter.receivedBefore) conditions.push(lt(dossiers.receivedAt, filter.receivedBefore));
  if (filter.overdueOn) {
    conditions.push(
      inArray(dossiers.state, ["received", "in_progress", "supplement_requested"]),
      lt(dossiers.dueDate, filter.overdueOn),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(dossiers.code, pattern), ilike(dossiers.applicantName, pattern))!);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await selectWithNames(exec)
    .where(where)
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.code))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(dossiers)
    .where(where);
  return { rows: flatten(rows), total: count?.n ?? 0 };
}

export async function findDossierById(exec: Executor, id: string): Promise<DossierListRow | null> {
  return flatten(await selectWithNames(exec).where(eq(dossiers.id, id)))[0] ?? null;
}

export async function findDossierByCode(
  exec: Executor,
  code: string,
): Promise<DossierListRow | null> {
  return flatten(await selectWithNames(exec).where(eq(dossiers.code, code)))[0] ?? null;
}

/** Locks the dossier row for the rest of the transaction, so transitions never interleave. */
export async function lockDossier(exec: Executor, id: string): Promise<DossierRow | null> {
  const [row] = await exec.select().from(dossiers).where(eq(dossiers.id, id)).for("update");
  return row ?? null;
}

export async function unitIdsOfDossiers(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: dossiers.id, unitId: dossiers.unitId })
    .from(dossiers)
    .where(inArray(dossiers.id, ids));
}

/**
 * The next daily sequence number of a unit: one upsert, so concurrent receipts queue on the
 * counter row and each gets its own number.
 */
export async function nextDailySequence(
  exec: Executor,
  unitId: string,
  day: string,
): Promise<number> {
  const [row] = await exec
    .insert(dossierDailyCounters)
    .values({ unitId, day, lastValue: 1 })
    .onConflictDoUpdate({
      target: [dossierDailyCounters.unitId, dossierDailyCounters.day],
      set: { lastValue: sql`${dossierDailyCounters.lastValue} + 1` },
    })
    .returning({ value: dossierDailyCounters.lastValue });
  return row!.value;
}

export async function insertDossier(exec: Executor, values: DossierInsert): Promise<DossierRow> {
  const [row] = await exec.insert(dossiers).values(values).returning();
  return row!;
}

export async function updateDossier(exec: Executor, id: string, values: Partial<DossierInsert>) {
  const [row] = await exec
    .update(dossiers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(dossiers.id, id))
    .returning();
  return row!;
}

export async function insertDossierEvent(
  exec: Executor,
  values: typeof dossierEvents.$inferInsert,
) {
  const [row] = await exec.insert(dossierEvents).values(values).returning();
  return row!;
}

export async function listDossierEvents(exec: Executor, dossierId: string) {
  return exec
    .select({ event: dossierEvents, toAgencyName: agencies.name })
    .from(dossierEvents)
    .leftJoin(agencies, eq(agencies.id, dossierEvents.toAgencyId))
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(dossierEvents.at, dossierEvents.id);
}

export async function lastEventAt(exec: Executor, dossierId: string): Promise<Date | null> {
  const [row] = await exec
    .select({ at: sql<Date | string | null>`max(${dossierEvents.at})` })
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId));
  return row?.at ? new Date(row.at) : null;
}

export async function insertPause(exec: Executor, values: typeof dossierPauses.$inferInsert) {
  const [row] = await exec.insert(dossierPauses).values(values).returning();
  return row!;
}

export async function openPause(
  exec: Executor,
  dossierId: string,
): Promise<DossierPauseRow | null> {
  const [row] = await exec
    .select()
    .from(dossierPauses)
    .where(and(eq(dossierPauses.dossierId, dossierId), sql`${dossierPauses.resumedAt} is null`));
  return row ?? null;
}

export async function closePause(
  exec: Executor,
  id: string,
  values: { resumedAt: Date; pausedWorkingDays: number },
) {
  await exec.update(dossierPauses).set(values).where(eq(dossierPauses.id, id));
}

export async function listPauses(exec: Executor, dossierId: string) {
  return exec
    .select()
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, dossierId))
    .orderBy(dossierPauses.requestedAt);
}

export async function insertApologyLetter(
  exec: Executor,
  values: typeof apologyLetters.$inferInsert,
) {
  const [row] = await exec.insert(apologyLetters).values(values).returning();
  return row!;
}

export async function listApologyLetters(exec: Executor, dossierId: string) {
  return exec
    .select()
    .from(apologyLetters)
    .where(eq(apologyLetters.dossierId, dossierId))
    .orderBy(apologyLetters.issuedAt);
}

/** Apology letters a unit issued in a calendar year (for numbering). */
export async function countApologyLettersOfUnitYear(exec: Executor, unitId: string, year: number) {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(apologyLetters)
    .innerJoin(dossiers, eq(dossiers.id, apologyLetters.dossierId))
    .where(
      and(
        eq(dossiers.unitId, unitId),
        sql`extract(year from (${apologyLetters.issuedAt} at time zone 'UTC') + interval '7 hours') = ${year}`,
      ),
    );
  return row?.n ?? 0;
}
