/** SQL of PAR scorecards: publications, scorecards, entries, evidence links, events. */
import { and, asc, desc, eq, inArray, isNotNull, lte, gte } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { methodologies } from "../schema-methodology.ts";
import { evidenceFiles, planAreas, planTasks, plans } from "../schema-plan.ts";
import {
  methodologyPublications,
  scorecardEntries,
  scorecardEvents,
  scorecardEvidence,
  scorecards,
} from "../schema-scorecard.ts";
import { units } from "../schema.ts";

export async function findPublication(exec: Executor, methodologyId: string) {
  const [row] = await exec
    .select()
    .from(methodologyPublications)
    .where(eq(methodologyPublications.methodologyId, methodologyId));
  return row ?? null;
}

export async function insertPublication(
  exec: Executor,
  values: typeof methodologyPublications.$inferInsert,
) {
  const [row] = await exec.insert(methodologyPublications).values(values).returning();
  return row!;
}

/** Published PAR methodologies with a document for a year and level, owned by one of the units. */
export async function publishedMethodologies(
  exec: Executor,
  ownerUnitIds: string[],
  year: number,
  level: string,
) {
  if (ownerUnitIds.length === 0) return [];
  return exec
    .select({
      id: methodologies.id,
      unitId: methodologies.unitId,
      publishedAt: methodologyPublications.publishedAt,
    })
    .from(methodologies)
    .innerJoin(methodologyPublications, eq(methodologyPublications.methodologyId, methodologies.id))
    .where(
      and(
        inArray(methodologies.unitId, ownerUnitIds),
        eq(methodologies.year, year),
        eq(methodologies.level, level as "commune"),
        eq(methodologies.kind, "par_index"),
        isNotNull(methodologies.document),
      ),
    )
    .orderBy(desc(methodologyPublications.publishedAt));
}

export async function findScorecard(exec: Executor, id: string) {
  const [row] = await exec.select().from(scorecards).where(eq(scorecards.id, id));
  return row ?? null;
}

export async function findScorecardOf(exec: Executor, unitId: string, year: number) {
  const [row] = await exec
    .select()
    .from(scorecards)
    .where(and(eq(scorecards.unitId, unitId), eq(scorecards.year, year)));
  return row ?? null;
}

export async function insertScorecard(exec: Executor, values: typeof scorecards.$inferInsert) {
  const [row] = await exec
    .insert(scorecards)
    .values(values)
    .onConflictDoNothing({ target: [scorecards.unitId, scorecards.year] })
    .returning();
  return row ?? null;
}

export async function updateScorecard(
  exec: Executor,
  id: string,
  values: Partial<typeof scorecards.$inferInsert>,
) {
  await exec
    .update(scorecards)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(scorecards.id, id));
}

export async function scorecardsOfUnits(exec: Executor, unitIds: string[], year?: number) {
  if (unitIds.length === 0) return [];
  return exec
    .select()
    .from(scorecards)
    .where(
      and(
        inArray(scorecards.unitId, unitIds),
        year === undefined ? undefined : eq(scorecards.year, year),
      ),
    );
}

export async function entriesOf(exec: Executor, scorecardIds: string[]) {
  if (scorecardIds.length === 0) return [];
  return exec
    .select()
    .from(scorecardEntries)
    .where(inArray(scorecardEntries.scorecardId, scorecardIds));
}

export async function upsertEntry(exec: Executor, values: typeof scorecardEntries.$inferInsert) {
  const { scorecardId: _id, leafCode: _leaf, ...set } = values;
  await exec
    .insert(scorecardEntries)
    .values(values)
    .onConflictDoUpdate({
      target: [scorecardEntries.scorecardId, scorecardEntries.leafCode],
      set: { ...set, updatedAt: new Date() },
    });
}

export async function evidenceOf(exec: Executor, scorecardId: string) {
  return exec
    .select({
      leafCode: scorecardEvidence.leafCode,
      evidenceId: evidenceFiles.id,
      fileName: evidenceFiles.fileName,
      documentNumber: evidenceFiles.documentNumber,
      documentDate: evidenceFiles.documentDate,
    })
    .from(scorecardEvidence)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, scorecardEvidence.evidenceId))
    .where(eq(scorecardEvidence.scorecardId, scorecardId))
    .orderBy(asc(scorecardEvidence.linkedAt));
}

export async function evidenceFilesOfUnit(exec: Executor, unitId: string, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  return exec
    .select({
      id: evidenceFiles.id,
      fileName: evidenceFiles.fileName,
      documentNumber: evidenceFiles.documentNumber,
      documentDate: evidenceFiles.documentDate,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.unitId, unitId), ids ? inArray(evidenceFiles.id, ids) : undefined))
    .orderBy(desc(evidenceFiles.uploadedAt))
    .limit(500);
}

export async function linkEvidence(
  exec: Executor,
  rows: (typeof scorecardEvidence.$inferInsert)[],
) {
  if (rows.length === 0) return;
  await exec.insert(scorecardEvidence).values(rows).onConflictDoNothing();
}

export async function unlinkEvidence(
  exec: Executor,
  scorecardId: string,
  leafCode: string,
  evidenceId: string,
) {
  await exec
    .delete(scorecardEvidence)
    .where(
      and(
        eq(scorecardEvidence.scorecardId, scorecardId),
        eq(scorecardEvidence.leafCode, leafCode),
        eq(scorecardEvidence.evidenceId, evidenceId),
      ),
    );
}

export async function insertEvent(exec: Executor, values: typeof scorecardEvents.$inferInsert) {
  await exec.insert(scorecardEvents).values(values);
}

export async function eventsOf(exec: Executor, scorecardId: string) {
  return exec
    .select()
    .from(scorecardEvents)
    .where(eq(scorecardEvents.scorecardId, scorecardId))
    .orderBy(asc(scorecardEvents.id));
}

/** Issued yearly plans of a unit covering the year. */
function yearPlans(unitId: string, year: number) {
  return and(
    eq(plans.unitId, unitId),
    eq(plans.status, "issued"),
    lte(plans.periodStart, `${year}-12-31`),
    gte(plans.periodEnd, `${year}-01-01`),
  );
}

/** The tasks of the unit's issued plans for the year, with their area key. */
export async function yearTasks(exec: Executor, unitId: string, year: number) {
  return exec
    .select({
      text: planTasks.text,
      status: planTasks.status,
      dueDate: planTasks.dueDate,
      areaKey: planAreas.key,
    })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .leftJoin(planAreas, eq(planAreas.id, planTasks.areaId))
    .where(yearPlans(unitId, year))
    .orderBy(asc(planTasks.dueDate), asc(planTasks.position));
}

/** The plan's per-area target scores ("Phấn đấu đạt 9,5/10 điểm"). */
export async function areaTargets(exec: Executor, unitId: string, year: number) {
  return exec
    .select({
      key: planAreas.key,
      targetScore: planAreas.targetScore,
      maxScore: planAreas.maxScore,
    })
    .from(planAreas)
    .innerJoin(plans, eq(plans.id, planAreas.planId))
    .where(and(yearPlans(unitId, year), isNotNull(planAreas.targetScore)));
}

export async function unitNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: units.id, name: units.name, level: units.level })
    .from(units)
    .where(inArray(units.id, ids));
}
