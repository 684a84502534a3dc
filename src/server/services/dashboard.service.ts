import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { applicantNameFor } from "./kpi.service.ts";
import { addDays } from "../../core/calendar/calendar-date.ts";
import { metricInputsFromCounts, type KpiCounts } from "../../core/kpi/index.ts";
import { builtInMethodology } from "../../core/methodology/documents/index.ts";
import { scoreMethodology } from "../../core/methodology/index.ts";
import type { Executor } from "../db/database.ts";
import { listDueSoonDossiers } from "../db/repositories/dashboard.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { kpiReport, resolvePeriod } from "./kpi.service.ts";
import type { PeriodRequest } from "../../core/kpi/index.ts";

/**
 * What the dashboards need beyond the KPI routes: the dossiers coming due in the next working
 * days (the desk's "sắp đến hạn" list) and the 766 index of each unit under an upper level, side
 * by side. Permission: the routes require `dossier.read` on the unit (config.access).
 */

/** The date `days` working days after `date` (the same date when `days` is 0). */
export async function workingDaysAfter(exec: Executor, date: string, days: number) {
  const calendar = await loadWorkingCalendar(exec);
  let day = date;
  let left = days;
  // A year has at most ~120 days off: 400 steps bound any request the schema allows.
  for (let step = 0; left > 0 && step < 400; step += 1) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  return day;
}

export interface DueSoonInput {
  unitId: string;
  /** The day the list is for (Vietnam date; the web app sends its today). */
  date: string;
  /** Working days ahead. */
  days: number;
  limit: number;
  offset: number;
}

/**
 * Dossiers in the clerk's or the handler's hands (received, in progress; not waiting for a
 * supplement) received by the end of `date`, not finished then, whose due date falls from
 * `date` to `days` working days after it: the ones to finish now to stay on time.
 */
export async function dueSoonDossiers(exec: Executor, actor: Actor, input: DueSoonInput) {
  const tree = await loadUnitTree(exec);
  if (!tree.node(input.unitId)) throw new AppError("UNIT_NOT_FOUND");
  const until = await workingDaysAfter(exec, input.date, input.days);
  const period = { from: input.date, to: input.date };
  const { rows, total } = await listDueSoonDossiers(
    exec,
    { unitIds: tree.unitsCountingFor(input.unitId, period), date: input.date, until },
    { limit: input.limit, offset: input.offset },
  );
  const personalData = await access.personalDataViewsByUnit(exec, actor);
  return {
    data: rows.map((row) => ({
      ...row,
      ...applicantNameFor(row, personalData(row.unitId)),
      receivedAt: row.receivedAt.toISOString(),
      finishedAt: null,
      timeliness: "pending",
    })),
    total,
    date: input.date,
    until,
  };
}

function score766(counts: KpiCounts) {
  const score = scoreMethodology(builtInMethodology("766")!, metricInputsFromCounts(counts));
  return {
    total: score.total,
    scale: score.scale,
    band: score.band,
    groups: score.nodes.map((node) => ({
      code: node.code,
      name: node.name,
      points: node.points,
      max: node.max,
    })),
  };
}

/**
 * The 766 index of each unit directly under `unitId` (as `GET /api/kpi?groupBy=unit` breaks it
 * down: subtrees, merged units counting for their heir) and of `unitId` as a whole.
 */
export async function serviceIndexByUnit(
  exec: Executor,
  input: { unitId: string; period: PeriodRequest },
) {
  const period = resolvePeriod(input.period);
  const report = await kpiReport(exec, {
    unitId: input.unitId,
    period: input.period,
    groupBy: "unit",
  });
  return {
    data: {
      unit: report.unit,
      total: score766(report.total.counts),
      rows: report.rows.map((row) => ({
        key: row.key,
        code: row.code,
        name: row.name,
        ...score766(row.counts),
      })),
    },
    period,
  };
}
