import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { CaseRegister } from "../../../core/case-register/index.ts";
import type { Executor } from "../database.ts";
import { agencies } from "../schema.ts";
import { caseDailyCounters, caseEvents } from "../schema-case-register.ts";

export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseEventValues = Omit<typeof caseEvents.$inferInsert, "id" | "register" | "caseId">;

const ofCase = (register: CaseRegister, caseId: string) =>
  and(eq(caseEvents.register, register), eq(caseEvents.caseId, caseId));

export async function insertCaseEvent(
  exec: Executor,
  register: CaseRegister,
  caseId: string,
  values: CaseEventValues,
): Promise<CaseEventRow> {
  const [row] = await exec
    .insert(caseEvents)
    .values({ ...values, register, caseId })
    .returning();
  return row!;
}

/** A case's history in the order it happened, with the name of the agency a step sent it to. */
export async function listCaseEvents(exec: Executor, register: CaseRegister, caseId: string) {
  return exec
    .select({ event: caseEvents, toAgencyName: agencies.name })
    .from(caseEvents)
    .leftJoin(agencies, eq(agencies.id, caseEvents.toAgencyId))
    .where(ofCase(register, caseId))
    .orderBy(caseEvents.at, caseEvents.id);
}

/** When the case's last step happened (a new step may not be dated before it). */
export async function lastCaseEventAt(
  exec: Executor,
  register: CaseRegister,
  caseId: string,
): Promise<Date | null> {
  const [row] = await exec
    .select({ at: sql<Date | string | null>`max(${caseEvents.at})` })
    .from(caseEvents)
    .where(ofCase(register, caseId));
  return row?.at ? new Date(row.at) : null;
}

/** An SQL condition: the case whose id is in `caseIdColumn` has an event `action`. */
export function caseHasEvent(
  register: CaseRegister,
  caseIdColumn: AnyPgColumn,
  action: string,
): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${caseEvents}
    where ${caseEvents.register} = ${register} and ${caseEvents.caseId} = ${caseIdColumn}
      and ${caseEvents.action} = ${action})`;
}

const counterOf = (register: CaseRegister, unitId: string, day: string) =>
  and(
    eq(caseDailyCounters.register, register),
    eq(caseDailyCounters.unitId, unitId),
    eq(caseDailyCounters.day, day),
  );

/**
 * Locks the unit's counter row of the register for the day (created at 0) and returns the last
 * number it issued: concurrent receipts of the unit queue here until the holder's transaction ends.
 */
export async function lockDailyCounter(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
): Promise<number> {
  const [row] = await exec
    .insert(caseDailyCounters)
    .values({ register, unitId, day, lastValue: 0 })
    .onConflictDoUpdate({
      target: [caseDailyCounters.register, caseDailyCounters.unitId, caseDailyCounters.day],
      set: { lastValue: sql`${caseDailyCounters.lastValue}` },
    })
    .returning({ value: caseDailyCounters.lastValue });
  return row!.value;
}

export async function setDailyCounter(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
  value: number,
) {
  await exec
    .update(caseDailyCounters)
    .set({ lastValue: value })
    .where(counterOf(register, unitId, day));
}

/** The next daily sequence number of a unit: one upsert, so concurrent receipts queue on the row. */
export async function nextDailySequence(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
): Promise<number> {
  const [row] = await exec
    .insert(caseDailyCounters)
    .values({ register, unitId, day, lastValue: 1 })
    .onConflictDoUpdate({
      target: [caseDailyCounters.register, caseDailyCounters.unitId, caseDailyCounters.day],
      set: { lastValue: sql`${caseDailyCounters.lastValue} + 1` },
    })
    .returning({ value: caseDailyCounters.lastValue });
  return row!.value;
}
