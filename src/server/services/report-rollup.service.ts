/**
 * The upper level's consolidated report for one kind and period, built from its units' frozen
 * versions (submitted or accepted; see core/report/report-rollup.ts for the arithmetic). Only an
 * upper unit's own readers and reviewers see it (its units' figures, never a sibling's).
 */
import { dueInstances } from "../../core/report/report-calendar.ts";
import type { ReportFigures } from "../../core/report/report-figures.ts";
import { rollUp } from "../../core/report/report-rollup.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { kindRuleOf, owes, owingUnits } from "./report-calendar.service.ts";

export async function reportRollup(
  db: Executor,
  actor: Actor,
  unitId: string,
  query: { kindId: string; periodKey: string },
  today: string,
) {
  const read = await access.check(db, actor, "report.read", "unit", [unitId]);
  const review = await access.check(db, actor, "report.review", "unit", [unitId]);
  if (!read.has(unitId) && !review.has(unitId)) throw new AppError("UNIT_NOT_FOUND");
  const kind = await reportRepository.findKind(db, query.kindId);
  if (!kind || kind.unitId !== unitId) throw new AppError("REPORT_KIND_NOT_FOUND");
  const year = Number(query.periodKey.slice(0, 4));
  const calendar = await loadWorkingCalendar(db);
  const instance = Number.isInteger(year)
    ? dueInstances(kindRuleOf(kind), year, calendar).find((i) => i.period.key === query.periodKey)
    : undefined;
  if (!instance) throw new AppError("REPORT_PERIOD_NOT_OWED");
  const tree = await loadUnitTree(db);
  const children = owingUnits(tree, unitId, instance.period.to).filter((id) =>
    owes(tree, unitId, id, instance.period.to),
  );
  const names = await reportRepository.unitNames(db, children);
  const owing = children
    .map((id) => ({ unitId: id, name: names.get(id)?.name ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const reports = (await reportRepository.reportsOfKinds(db, [kind.id], children)).filter(
    (r) => r.periodKey === instance.period.key && r.version > 0,
  );
  // Each report's latest version, in one query for all the units (not one per unit).
  const latestOf = new Map(
    (
      await reportRepository.latestVersionsOf(
        db,
        reports.map((r) => r.id),
      )
    ).map((v) => [v.reportId, v]),
  );
  const versions = reports.map((r) => {
    const latest = latestOf.get(r.id)!;
    return {
      unitId: r.unitId,
      reportId: r.id,
      review: latest.review,
      version: latest.version,
      figures: (latest.snapshot as { figures: ReportFigures }).figures,
    };
  });
  const result = rollUp({ owing, versions });
  const reportIdOf = new Map(versions.map((v) => [v.unitId, v.reportId]));
  return {
    data: {
      kindId: kind.id,
      kindName: kind.name,
      periodKey: instance.period.key,
      periodLabel: instance.period.label,
      dueDate: instance.dueDate,
      /** The day the roll-up was put together (the caller's today; no clock here). */
      preparedOn: today,
      totals: result.totals,
      units: result.units.map((u) => ({ ...u, reportId: reportIdOf.get(u.unitId)! })),
      missing: result.missing,
    },
  };
}
