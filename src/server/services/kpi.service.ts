import { maskPersonName, type PersonalDataView } from "../../core/personal-data/index.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import {
  KPI_CATALOGUE,
  METRIC_INPUTS_NOT_MEASURED,
  addCounts,
  emptyCounts,
  kpiFigures,
  metricInputsFromCounts,
  monthsOf,
  periodOf,
  type DossierSet,
  type KpiCounts,
  type KpiPeriod,
  type MetricInputs,
  type PeriodRequest,
  type WorkingDayIndex,
} from "../../core/kpi/index.ts";
import type { UnitTree } from "../../core/organization/unit-tree.ts";
import { formatVietnameseDate, vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import {
  dossierKpiCounts,
  feedbackKpiCounts,
  groupNames,
  listKpiDossiers,
  type KpiCountRow,
  type KpiGroupBy,
  type KpiQuery,
} from "../db/repositories/kpi.repository.ts";
import {
  dossierKpiCountsFromRollups,
  rollupsAnswer,
  type KpiWorkingCalendar,
} from "../db/repositories/kpi-rollup.repository.ts";
import { findUnitById, loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError, applyRule } from "../errors.ts";
import { loadSchedules } from "./calendar.service.ts";
import { kpiWorkingDaysFor } from "./kpi-calendar.ts";

/**
 * Live one-stop KPIs of a unit (with the units under it and the merged-away units that count for
 * it) over a period, whole or broken down by unit, handling agency, procedure or procedure field.
 * Permission: the routes require `dossier.read` on the unit (config.access); everything counted
 * here is the unit's own records.
 */
export interface KpiFilters {
  procedureId?: string;
  field?: string;
  agencyId?: string;
}

export function resolvePeriod(request: PeriodRequest): KpiPeriod {
  return applyRule(() => periodOf(request));
}

/** The working calendar for a period (kpi-calendar.ts), from the schedules in force. */
async function workingDaysFor(exec: Executor, period: { from: string; to: string }) {
  return kpiWorkingDaysFor(await loadSchedules(exec), period);
}

async function unitOrThrow(exec: Executor, unitId: string) {
  const unit = await findUnitById(exec, unitId);
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  return unit;
}

/**
 * Dossier counts from the per-day rollups when they hold the answer (periods are whole days; no
 * filter or breakdown by procedure, field or agency), from the raw rows otherwise.
 */
function dossierCounts(
  exec: Executor,
  query: KpiQuery,
  groupBy: KpiGroupBy,
  workingDays: { calendar: KpiWorkingCalendar; index: WorkingDayIndex },
) {
  return rollupsAnswer(query) && (groupBy === "unit" || groupBy === "none")
    ? dossierKpiCountsFromRollups(exec, query, groupBy, workingDays.calendar)
    : dossierKpiCounts(exec, query, groupBy, workingDays.index);
}

/** The counts of one unit (its subtree and merged predecessors) over a period, in one sum. */
export async function kpiCountsOf(
  exec: Executor,
  unitId: string,
  period: { from: string; to: string },
  filters: KpiFilters = {},
  tree?: UnitTree,
): Promise<KpiCounts> {
  const unitTree = tree ?? (await loadUnitTree(exec));
  const query: KpiQuery = {
    unitIds: unitTree.unitsCountingFor(unitId, period),
    period,
    ...filters,
  };
  const workingDays = await workingDaysFor(exec, period);
  const dossierRows = await dossierCounts(exec, query, "none", workingDays);
  const feedbackRows = await feedbackKpiCounts(exec, query, "none");
  return addCounts(...dossierRows.map((r) => r.counts), ...feedbackRows.map((r) => r.counts));
}

/**
 * The scoring engine's inputs for a unit and period from live data, keyed by the portal's
 * indicator codes (ON_TIME, …). Indicators CCHC has no data for are absent.
 */
export async function metricInputsFor(
  exec: Executor,
  unitId: string,
  period: { from: string; to: string },
): Promise<MetricInputs> {
  return metricInputsFromCounts(await kpiCountsOf(exec, unitId, period));
}

function sumWhere(rows: readonly KpiCountRow[], keys: ReadonlySet<string>): KpiCounts {
  return addCounts(...rows.filter((r) => r.key !== null && keys.has(r.key)).map((r) => r.counts));
}

export interface KpiReportInput extends KpiFilters {
  unitId: string;
  period: PeriodRequest;
  groupBy: KpiGroupBy;
}

const NO_AGENCY_NAME = "Chưa chuyển cơ quan xử lý";

/** Figures of the unit as a whole and, when asked, side by side by unit / agency / procedure / field. */
export async function kpiReport(exec: Executor, input: KpiReportInput) {
  const period = resolvePeriod(input.period);
  const unit = await unitOrThrow(exec, input.unitId);
  const tree = await loadUnitTree(exec);
  const unitIds = tree.unitsCountingFor(input.unitId, period);
  const query: KpiQuery = {
    unitIds,
    period,
    procedureId: input.procedureId,
    field: input.field,
    agencyId: input.agencyId,
  };
  const workingDays = await workingDaysFor(exec, period);
  const dossierGroup = input.groupBy;
  const feedbackGroup =
    input.groupBy === "unit" || input.groupBy === "agency" ? input.groupBy : "none";
  const dossierRows = await dossierCounts(exec, query, dossierGroup, workingDays);
  const feedbackRows = await feedbackKpiCounts(exec, query, feedbackGroup);
  const all = [...dossierRows, ...feedbackRows];
  const total = addCounts(...all.map((r) => r.counts));

  let rows: { key: string | null; code: string | null; name: string; counts: KpiCounts }[] = [];
  if (input.groupBy === "unit") {
    // Each unit directly under this one that holds its own records, with its subtree and the
    // merged-away units counting for it; the unit's own records (not under a child) last.
    const period_ = { from: period.from, to: period.to };
    const children = tree
      .descendants(input.unitId)
      .filter((id) => tree.node(id)?.parentId === input.unitId)
      .filter((id) => tree.heir(id) === id)
      .filter((id) => {
        const node = tree.node(id)!;
        return (
          (node.validFrom === null || node.validFrom <= period.to) &&
          (node.validTo === null || period.from <= node.validTo)
        );
      });
    const names = await groupNames(exec, "unit", [input.unitId, ...children]);
    const assigned = new Set<string>();
    for (const child of children) {
      const keys = new Set(tree.unitsCountingFor(child, period_));
      keys.forEach((k) => assigned.add(k));
      const info = names.get(child);
      rows.push({
        key: child,
        code: info?.code ?? null,
        name: info?.name ?? child,
        counts: sumWhere(all, keys),
      });
    }
    const own = new Set(unitIds.filter((id) => !assigned.has(id)));
    const ownCounts = sumWhere(all, own);
    if (
      children.length > 0 &&
      ownCounts.receivedNew + ownCounts.carriedOver + ownCounts.feedbackWithinCompetence > 0
    ) {
      rows.push({
        key: input.unitId,
        code: unit.code,
        name: `${unit.name} (cấp mình)`,
        counts: ownCounts,
      });
    }
  } else if (input.groupBy !== "none") {
    const byKey = new Map<string | null, KpiCounts>();
    for (const row of all)
      byKey.set(row.key, addCounts(byKey.get(row.key) ?? emptyCounts(), row.counts));
    const ids = [...byKey.keys()].filter((k): k is string => k !== null);
    const names =
      input.groupBy === "field" ? new Map() : await groupNames(exec, input.groupBy, ids);
    rows = [...byKey.entries()].map(([key, counts]) => {
      const info = key === null ? undefined : names.get(key);
      const name =
        input.groupBy === "field"
          ? (key ?? "—")
          : key === null
            ? NO_AGENCY_NAME
            : (info?.name ?? key);
      return { key, code: info?.code ?? null, name, counts };
    });
    rows.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }

  const notes: string[] = [];
  if (input.groupBy === "procedure" || input.groupBy === "field") {
    notes.push("Phản ánh, kiến nghị không gắn với thủ tục: chỉ tính trong dòng tổng.");
  }
  if (input.procedureId || input.field) {
    notes.push("Đang lọc theo thủ tục hoặc lĩnh vực: phản ánh, kiến nghị không được tính.");
  }
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    period: {
      ...period,
      fromText: formatVietnameseDate(period.from),
      toText: formatVietnameseDate(period.to),
    },
    groupBy: input.groupBy,
    total: kpiFigures(total),
    rows: rows.map((row) => ({
      key: row.key,
      code: row.code,
      name: row.name,
      ...kpiFigures(row.counts),
    })),
    metricInputs: metricInputsFromCounts(total),
    notMeasured: METRIC_INPUTS_NOT_MEASURED,
    notes,
  };
}

/** Month-by-month figures over a period (for trend charts). */
export async function kpiTrend(
  exec: Executor,
  input: { unitId: string; period: PeriodRequest } & KpiFilters,
) {
  const period = resolvePeriod(input.period);
  await unitOrThrow(exec, input.unitId);
  const tree = await loadUnitTree(exec);
  const months = monthsOf(period);
  if (months.length > 36) {
    throw new AppError("KPI_PERIOD_INVALID", {
      details: [{ message: "Xu hướng theo tháng: kỳ tối đa 36 tháng." }],
    });
  }
  const points = [];
  for (const month of months) {
    // Only the filters: spreading the whole input would put the request's period over the month's.
    const { procedureId, field, agencyId } = input;
    const counts = await kpiCountsOf(
      exec,
      input.unitId,
      month,
      { procedureId, field, agencyId },
      tree,
    );
    points.push({ period: month, ...kpiFigures(counts) });
  }
  return { period, months: points };
}

export interface KpiDossierInput extends KpiFilters {
  unitId: string;
  period: PeriodRequest;
  set: DossierSet;
  limit: number;
  offset: number;
}

/** The applicant's name in a dossier row, masked outside the unit's own desk. */
export function applicantNameFor(row: { applicantName: string }, view: PersonalDataView) {
  return view === "full"
    ? { applicantName: row.applicantName, personalData: view }
    : { applicantName: maskPersonName(row.applicantName), personalData: view };
}

/** The dossiers behind a figure (a drill-down), paged. */
export async function kpiDossiers(exec: Executor, actor: Actor, input: KpiDossierInput) {
  const period = resolvePeriod(input.period);
  await unitOrThrow(exec, input.unitId);
  const tree = await loadUnitTree(exec);
  const query: KpiQuery = {
    unitIds: tree.unitsCountingFor(input.unitId, period),
    period,
    procedureId: input.procedureId,
    field: input.field,
    agencyId: input.agencyId,
  };
  const { rows, total } = await listKpiDossiers(exec, query, input.set, {
    limit: input.limit,
    offset: input.offset,
  });
  const personalData = await access.personalDataViewsByUnit(exec, actor);
  return {
    data: rows.map((row) => ({
      id: row.id,
      code: row.code,
      unitId: row.unitId,
      unitName: row.unitName,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      field: row.field,
      channel: row.channel,
      ...applicantNameFor(row, personalData(row.unitId)),
      receivedAt: row.receivedAt.toISOString(),
      dueDate: row.dueDate,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      state: row.state,
      timeliness: row.class,
    })),
    total,
    period,
  };
}

/** The catalogue, for the dashboards' legends and tooltips. */
export function kpiCatalogue() {
  return KPI_CATALOGUE.map(({ compute: _compute, ...definition }) => definition);
}

/** A plan's period cut at today: open dossiers are judged as they stand now. */
export function periodUpToToday(from: string, to: string, today = vietnamDate(new Date())) {
  if (from > today) return null;
  return { from, to: to > today ? today : to };
}
