/**
 * The report builder: a unit's figures for a period, gathered from live data through the
 * capabilities that own it — tasks of the unit's issued plans (the state's four buckets, per
 * area), plan targets against their measured values (plan-view), one-stop and feedback counts
 * (kpi), SIPAS satisfaction (sipas), the QĐ 766 score (service-index) and the PAR self-score of
 * the year so far (scorecard). Figures are taken as of
 * the earlier of the period's end and today. No access check: the report service checked the unit.
 */
import {
  bucketTasks,
  type AreaTasks,
  type ReportFigures,
  type TargetFigure,
} from "../../core/report/report-figures.ts";
import type { Executor } from "../db/database.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import { kpiCountsOf } from "./kpi.service.ts";
import { effectiveStatus, targetViews } from "./plan-view.service.ts";
import { serviceIndex766 } from "./service-index.service.ts";
import { parFigureOf } from "./scorecard.service.ts";
import { sipasSatisfaction } from "./sipas.service.ts";

export interface FigurePeriod {
  key: string;
  label: string;
  from: string;
  to: string;
}

const OTHER_AREA = { key: "_other", heading: "Nhiệm vụ khác" };

export async function gatherFigures(
  exec: Executor,
  unitId: string,
  period: FigurePeriod,
  today: string,
): Promise<ReportFigures> {
  const unit = await findUnitById(exec, unitId);
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const asOf = today < period.from ? period.from : today < period.to ? today : period.to;
  const yearStart = `${period.to.slice(0, 4)}-01-01`;

  // Tasks and targets of the unit's issued plans that overlap the period.
  const plans = (await planRepository.listPlansOfUnits(exec, [unitId])).filter(
    (p) => p.status === "issued" && p.periodStart <= period.to && p.periodEnd >= yearStart,
  );
  const planIds = plans.map((p) => p.id);
  const tasks = await planRepository.listTasksOfPlans(exec, planIds);
  const areas = await planRepository.listAreasOfPlans(exec, planIds);
  // Leaf tasks only: a task with sub-tasks is counted through them.
  const parents = new Set(tasks.map((t) => t.parentTaskId).filter((id): id is string => !!id));
  const areaOf = new Map(areas.map((a) => [a.id, a]));
  const byArea = new Map<string, AreaTasks>();
  for (const task of tasks) {
    if (parents.has(task.id)) continue;
    if (task.dueDate === null || task.dueDate < yearStart || task.dueDate > period.to) continue;
    const area = task.areaId ? areaOf.get(task.areaId) : undefined;
    const key = area ? area.heading : OTHER_AREA.heading;
    const entry = byArea.get(key) ?? {
      key: area ? String(area.position).padStart(3, "0") + "-" + area.key : OTHER_AREA.key,
      heading: key,
      tasks: [],
    };
    entry.tasks.push({ stored: task.status, dueDate: task.dueDate, completedOn: task.completedAt });
    byArea.set(key, entry);
  }
  const ordered = [...byArea.values()].sort((a, b) => a.key.localeCompare(b.key));
  const taskSection = bucketTasks(ordered, asOf);

  const targetItems: TargetFigure[] = [];
  for (const plan of plans) {
    const targets = await planRepository.listTargets(exec, plan.id);
    if (targets.length === 0) continue;
    const statuses = tasks.filter((t) => t.planId === plan.id).map((t) => effectiveStatus(t, asOf));
    for (const view of await targetViews(exec, plan, targets, statuses)) {
      targetItems.push({
        text: view.text,
        metricLabel: view.metricLabel,
        targetText: view.targetText,
        measuredText: view.measuredText,
        stateLabel: view.stateLabel,
      });
    }
  }

  const window = { from: period.from, to: asOf };
  const counts = await kpiCountsOf(exec, unitId, window);
  const oneStopAvailable = counts.receivedNew + counts.carriedOver > 0;
  const feedbackAvailable = counts.feedbackWithinCompetence > 0;
  const satisfaction = await sipasSatisfaction(exec, { unitId, from: window.from, to: window.to });
  const index = oneStopAvailable ? await serviceIndex766(exec, unitId, window) : null;
  // The PAR self-score of the report's year so far, as of the same cut-off day.
  const par = await parFigureOf(exec, unitId, Number(period.to.slice(0, 4)), asOf);

  return {
    unit: { id: unit.id, name: unit.name, code: unit.code },
    period: { ...period, asOf },
    tasks: taskSection,
    targets: { available: targetItems.length > 0, items: targetItems },
    oneStop: {
      available: oneStopAvailable,
      received: counts.receivedNew,
      carriedOver: counts.carriedOver,
      resolved: counts.resolved,
      onTime: { numerator: counts.early + counts.onTime, denominator: counts.resolved },
      pendingAtEnd: counts.pendingAtEnd,
      overdueAtEnd: counts.overdueAtEnd,
      online: { numerator: counts.online, denominator: counts.receivedNew },
      apology: {
        numerator: counts.lateWithApology,
        denominator: counts.late + counts.overdueAtEnd,
      },
    },
    feedback: {
      available: feedbackAvailable,
      received: counts.feedbackWithinCompetence,
      onTime: {
        numerator: counts.feedbackOnTime,
        denominator: counts.feedbackOnTime + counts.feedbackLate + counts.feedbackOverdue,
      },
      pending: counts.feedbackPending,
      overdue: counts.feedbackOverdue,
    },
    satisfaction: {
      available: satisfaction.denominator > 0,
      rate: { numerator: satisfaction.numerator, denominator: satisfaction.denominator },
      respondents: satisfaction.respondents,
      isSmallSample: satisfaction.isSmallSample,
    },
    serviceIndex766: {
      available: index !== null,
      total: index ? index.score.total : null,
      scale: index ? index.score.scale : 100,
      band: index?.score.band?.label ?? null,
    },
    par,
  };
}
