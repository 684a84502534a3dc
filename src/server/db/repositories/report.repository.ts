import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { units } from "../schema.ts";
import { reportKinds, reportVersions, reports } from "../schema-report.ts";

export type ReportKindRow = typeof reportKinds.$inferSelect;
export type ReportKindInsert = typeof reportKinds.$inferInsert;
export type ReportRow = typeof reports.$inferSelect;
export type ReportVersionRow = typeof reportVersions.$inferSelect;

export async function insertKind(exec: Executor, values: ReportKindInsert) {
  const [row] = await exec.insert(reportKinds).values(values).returning();
  return row!;
}

export async function findKind(exec: Executor, id: string) {
  const [row] = await exec.select().from(reportKinds).where(eq(reportKinds.id, id));
  return row ?? null;
}

/** Kinds defined by the units (every status, or the published ones only). */
export async function kindsOfUnits(exec: Executor, unitIds: string[], publishedOnly: boolean) {
  if (unitIds.length === 0) return [];
  return exec
    .select()
    .from(reportKinds)
    .where(
      publishedOnly
        ? and(inArray(reportKinds.unitId, unitIds), eq(reportKinds.status, "published"))
        : inArray(reportKinds.unitId, unitIds),
    )
    .orderBy(asc(reportKinds.createdAt), asc(reportKinds.id));
}

export async function reportsOfKinds(exec: Executor, kindIds: string[], unitIds: string[]) {
  if (kindIds.length === 0 || unitIds.length === 0) return [];
  return exec
    .select()
    .from(reports)
    .where(and(inArray(reports.kindId, kindIds), inArray(reports.unitId, unitIds)));
}

export async function findReport(exec: Executor, id: string) {
  const [row] = await exec.select().from(reports).where(eq(reports.id, id));
  return row ?? null;
}

export async function findReportFor(
  exec: Executor,
  kindId: string,
  unitId: string,
  periodKey: string,
) {
  const [row] = await exec
    .select()
    .from(reports)
    .where(
      and(eq(reports.kindId, kindId), eq(reports.unitId, unitId), eq(reports.periodKey, periodKey)),
    );
  return row ?? null;
}

export async function insertReport(exec: Executor, values: typeof reports.$inferInsert) {
  const [row] = await exec.insert(reports).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Locks the report's row for the rest of the transaction (two submissions never interleave). */
export async function lockReport(exec: Executor, id: string) {
  const [row] = await exec.select().from(reports).where(eq(reports.id, id)).for("update");
  return row ?? null;
}

export async function updateReport(
  exec: Executor,
  id: string,
  values: Partial<typeof reports.$inferInsert>,
) {
  const [row] = await exec
    .update(reports)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(reports.id, id))
    .returning();
  return row!;
}

export async function insertVersion(exec: Executor, values: typeof reportVersions.$inferInsert) {
  const [row] = await exec.insert(reportVersions).values(values).returning();
  return row!;
}

export async function versionsOf(exec: Executor, reportId: string) {
  return exec
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(desc(reportVersions.version));
}

/** The latest version of each given report, in one query (a report without one is left out). */
export async function latestVersionsOf(exec: Executor, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return exec
    .selectDistinctOn([reportVersions.reportId])
    .from(reportVersions)
    .where(inArray(reportVersions.reportId, reportIds))
    .orderBy(reportVersions.reportId, desc(reportVersions.version));
}

export async function updateVersionReview(
  exec: Executor,
  reportId: string,
  version: number,
  values: Pick<
    typeof reportVersions.$inferInsert,
    "review" | "reviewComment" | "reviewedById" | "reviewedByName" | "reviewedAt"
  >,
) {
  await exec
    .update(reportVersions)
    .set(values)
    .where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.version, version)));
}

export async function unitNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; code: string }>();
  const rows = await exec
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name, code: row.code }]));
}

/** Serialises the creation of a unit's kinds for the rest of the transaction (no twin kinds). */
export async function lockKindsOfUnit(exec: Executor, unitId: string) {
  await exec.execute(sql`select pg_advisory_xact_lock(hashtext(${`report_kinds:${unitId}`}))`);
}
