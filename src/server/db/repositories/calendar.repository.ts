import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { officialSchedules } from "../schema-one-stop.ts";

export type OfficialScheduleRow = typeof officialSchedules.$inferSelect;

export async function listOfficialSchedules(exec: Executor): Promise<OfficialScheduleRow[]> {
  return exec
    .select()
    .from(officialSchedules)
    .orderBy(asc(officialSchedules.year), asc(officialSchedules.version));
}

export async function findOfficialSchedule(exec: Executor, id: string) {
  const [row] = await exec.select().from(officialSchedules).where(eq(officialSchedules.id, id));
  return row ?? null;
}

export async function lastVersionOfYear(exec: Executor, year: number): Promise<number> {
  const [row] = await exec
    .select({ version: sql<number>`coalesce(max(${officialSchedules.version}), 0)::int` })
    .from(officialSchedules)
    .where(and(eq(officialSchedules.year, year)));
  return row?.version ?? 0;
}

export async function insertOfficialSchedule(
  exec: Executor,
  values: typeof officialSchedules.$inferInsert,
): Promise<OfficialScheduleRow> {
  const [row] = await exec.insert(officialSchedules).values(values).returning();
  return row!;
}
