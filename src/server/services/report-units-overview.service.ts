/**
 * The leader's overview of an upper unit for one report kind and period: its units side by side,
 * each report's state and key figures from its latest frozen version, with the change since the
 * unit's latest frozen version of the previous period (see core/report/report-units-overview.ts).
 * Read by the upper unit's own readers and reviewers only, like the roll-up; drafts are never
 * read.
 */
import { dueInstances } from "../../core/report/report-calendar.ts";
import type { ReportFigures } from "../../core/report/report-figures.ts";
import { unitsOverview } from "../../core/report/report-units-overview.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { kindRuleOf, owes, owingUnits } from "./report-calendar.service.ts";

/** The day in Vietnam (UTC+7, no daylight saving) of a moment. */
const vietnamDay = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export async function reportUnitsOverview(
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
  if (!kind || kind.unitId !== unitId || kind.status !== "published")
    throw new AppError("REPORT_KIND_NOT_FOUND");
  const year = Number(query.periodKey.slice(0, 4));
  const calendar = await loadWorkingCalendar(db);
  const rule = kindRuleOf(kind);
  const instances = Number.isInteger(year) ? dueInstances(rule, year, calendar) : [];
  const index = instances.findIndex((i) => i.period.key === query.periodKey);
  const instance = instances[index];
  if (!instance) throw new AppError("REPORT_PERIOD_NOT_OWED");
  // The period before: the one before in the year, or the last of the year before.
  const previous =
    (index > 0 ? instances[index - 1] : dueInstances(rule, year - 1, calendar).at(-1)) ?? null;
  const previousPeriod =
    previous && previous.period.to < instance.period.from ? previous.period : null;

  const tree = await loadUnitTree(db);
  const children = owingUnits(tree, unitId, instance.period.to).filter((id) =>
    owes(tree, unitId, id, instance.period.to),
  );
  const names = await reportRepository.unitNames(db, children);
  const reports = (await reportRepository.reportsOfKinds(db, [kind.id], children)).filter(
    (r) => r.periodKey === instance.period.key || r.periodKey === previousPeriod?.key,
  );

  const units = [];
  for (const child of children) {
    const current = reports.find((r) => r.unitId === child && r.periodKey === instance.period.key);
    const before = previousPeriod
      ? reports.find((r) => r.unitId === child && r.periodKey === previousPeriod.key)
      : undefined;
    const versions =
      current && current.version > 0 ? await reportRepository.versionsOf(db, current.id) : [];
    const previousVersions =
      before && before.version > 0 ? await reportRepository.versionsOf(db, before.id) : [];
    const figuresOf = (v: reportRepository.ReportVersionRow | undefined) =>
      v ? (v.snapshot as { figures: ReportFigures }).figures : null;
    units.push({
      unitId: child,
      name: names.get(child)?.name ?? "",
      status: current?.status ?? null,
      version: current?.version ?? 0,
      reportId: current?.id ?? null,
      // versionsOf lists the newest first: the last one is the first submission.
      submittedOn: versions.length > 0 ? vietnamDay(versions.at(-1)!.submittedAt) : null,
      figures: figuresOf(versions[0]),
      previousFigures: figuresOf(previousVersions[0]),
    });
  }
  return {
    data: {
      kindId: kind.id,
      kindName: kind.name,
      periodKey: instance.period.key,
      periodLabel: instance.period.label,
      dueDate: instance.dueDate,
      periodFrom: instance.period.from,
      periodTo: instance.period.to,
      previousPeriod: previousPeriod
        ? { key: previousPeriod.key, label: previousPeriod.label }
        : null,
      on: today,
      rows: unitsOverview(units, instance.dueDate, today),
    },
  };
}
