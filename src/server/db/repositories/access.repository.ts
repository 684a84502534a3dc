/**
 * The owners of records, by id, for the access gate: one query per call whatever the number of
 * ids (the unit, and the facts the gate's rules need: plan status, agencies, role units,
 * recipient, the tasks and scorecards evidence is linked to).
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { RecordKind, RecordOwner } from "../../../core/access/record-gate.ts";
import type { Executor } from "../database.ts";
import { dossierImports } from "../schema-dossier-import.ts";
import { feedback } from "../schema-feedback.ts";
import { methodologies } from "../schema-methodology.ts";
import { scorecardEvidence, scorecards } from "../schema-scorecard.ts";
import { dossiers, procedures } from "../schema-one-stop.ts";
import {
  evidenceFiles,
  notifications,
  planTargets,
  planTasks,
  plans,
  taskEvidence,
} from "../schema-plan.ts";
import { agencies, auditEvents, units, userRoles, users } from "../schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ownersOf(
  exec: Executor,
  kind: RecordKind,
  ids: readonly string[],
): Promise<RecordOwner[]> {
  // Ids that cannot exist are unknown records: never allowed, never sent to the database.
  const wanted =
    kind === "audit"
      ? ids.filter((id) => /^\d{1,15}$/.test(id))
      : ids.filter((id) => UUID.test(id));
  if (wanted.length === 0) return [];
  const list = [...new Set(wanted)];
  switch (kind) {
    case "unit":
      return exec
        .select({ id: units.id, unitId: units.id })
        .from(units)
        .where(inArray(units.id, list));
    case "agency":
      return exec
        .select({ id: agencies.id, unitId: agencies.unitId })
        .from(agencies)
        .where(inArray(agencies.id, list));
    case "user":
      return exec
        .select({
          id: users.id,
          unitId: users.unitId,
          roleUnitIds: sql<(string | null)[]>`coalesce(json_agg(${userRoles.unitId})
            filter (where ${userRoles.userId} is not null), '[]'::json)`,
        })
        .from(users)
        .leftJoin(userRoles, eq(userRoles.userId, users.id))
        .where(inArray(users.id, list))
        .groupBy(users.id);
    case "audit":
      return exec
        .select({ id: sql<string>`${auditEvents.id}::text`, unitId: auditEvents.unitId })
        .from(auditEvents)
        .where(inArray(auditEvents.id, list.map(Number)));
    case "plan":
      return exec
        .select({ id: plans.id, unitId: plans.unitId, planStatus: plans.status })
        .from(plans)
        .where(inArray(plans.id, list));
    case "target":
      return exec
        .select({ id: planTargets.id, unitId: plans.unitId, planStatus: plans.status })
        .from(planTargets)
        .innerJoin(plans, eq(plans.id, planTargets.planId))
        .where(inArray(planTargets.id, list));
    case "task":
      return (
        await exec
          .select({
            id: planTasks.id,
            unitId: plans.unitId,
            planStatus: plans.status,
            lead: planTasks.leadAgencyId,
            support: planTasks.supportAgencyIds,
          })
          .from(planTasks)
          .innerJoin(plans, eq(plans.id, planTasks.planId))
          .where(inArray(planTasks.id, list))
      ).map(taskOwner);
    case "evidence":
      return evidenceOwners(exec, list);
    case "dossier":
      return exec
        .select({ id: dossiers.id, unitId: dossiers.unitId })
        .from(dossiers)
        .where(inArray(dossiers.id, list));
    case "dossier_import":
      return exec
        .select({ id: dossierImports.id, unitId: dossierImports.unitId })
        .from(dossierImports)
        .where(inArray(dossierImports.id, list));
    case "procedure":
      return exec
        .select({ id: procedures.id, unitId: procedures.unitId })
        .from(procedures)
        .where(inArray(procedures.id, list));
    case "feedback":
      return (
        await exec
          .select({
            id: feedback.id,
            unitId: feedback.unitId,
            agency: feedback.assignedAgencyId,
          })
          .from(feedback)
          .where(inArray(feedback.id, list))
      ).map(({ agency, ...row }) => ({ ...row, agencyIds: agency ? [agency] : [] }));
    case "methodology":
      return exec
        .select({ id: methodologies.id, unitId: methodologies.unitId })
        .from(methodologies)
        .where(inArray(methodologies.id, list));
    case "scorecard":
      return exec
        .select({
          id: scorecards.id,
          unitId: scorecards.unitId,
          scorecardStatus: scorecards.status,
        })
        .from(scorecards)
        .where(inArray(scorecards.id, list));
    case "notification":
      return (
        await exec
          .select({ id: notifications.id, recipientId: notifications.userId })
          .from(notifications)
          .where(inArray(notifications.id, list))
      ).map((row) => ({ ...row, unitId: null }));
  }
}

function taskOwner(row: {
  id: string;
  unitId: string;
  planStatus: string;
  lead: string | null;
  support: string[];
}): RecordOwner {
  const agencyIds = [...(row.lead ? [row.lead] : []), ...row.support];
  return { id: row.id, unitId: row.unitId, planStatus: row.planStatus, agencyIds };
}

async function evidenceOwners(exec: Executor, ids: string[]): Promise<RecordOwner[]> {
  // One after another: `exec` may be a transaction, whose single connection must not be sent
  // a second query while the first still runs (pg 8 queues it with a warning, pg 9 throws).
  const taskRows = await exec
    .select({
      evidenceId: evidenceFiles.id,
      id: planTasks.id,
      unitId: plans.unitId,
      planStatus: plans.status,
      lead: planTasks.leadAgencyId,
      support: planTasks.supportAgencyIds,
    })
    .from(evidenceFiles)
    .innerJoin(taskEvidence, eq(taskEvidence.evidenceId, evidenceFiles.id))
    .innerJoin(planTasks, eq(planTasks.id, taskEvidence.taskId))
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .where(inArray(evidenceFiles.id, ids));
  const cardRows = await exec
    .selectDistinct({
      evidenceId: scorecardEvidence.evidenceId,
      id: scorecards.id,
      unitId: scorecards.unitId,
      scorecardStatus: scorecards.status,
    })
    .from(scorecardEvidence)
    .innerJoin(scorecards, eq(scorecards.id, scorecardEvidence.scorecardId))
    .where(inArray(scorecardEvidence.evidenceId, ids));
  const byEvidence = new Map<string, { tasks: RecordOwner[]; scorecards: RecordOwner[] }>();
  const of = (id: string) => {
    let links = byEvidence.get(id);
    if (!links) byEvidence.set(id, (links = { tasks: [], scorecards: [] }));
    return links;
  };
  for (const { evidenceId, ...task } of taskRows) of(evidenceId).tasks.push(taskOwner(task));
  for (const { evidenceId, ...card } of cardRows) of(evidenceId).scorecards.push(card);
  return [...byEvidence].map(([id, links]) => ({ id, unitId: null, ...links }));
}
