import type { z } from "zod";
import { buildQuery, csrfHeaders, request } from "../../api/client.ts";
import type { DossierSet, KpiCode, KpiFigures } from "../../../core/kpi/catalogue.ts";
import type {
  dueSoonQuery,
  serviceIndexByUnitView,
  tableExportBody,
} from "../../../server/routes/dashboard.routes.ts";
import type {
  kpiDossierView,
  kpiReportView,
  periodView,
} from "../../../server/routes/kpi.schemas.ts";
import type { methodologyScoreView } from "../../../server/routes/methodology.schemas.ts";
import { selectionQuery, type Selection } from "./period.ts";

/**
 * Client of the KPI API for the dashboards (`/api/kpi…`) and of the table export. Types are
 * inferred from the server's schemas (type-only imports, erased from the bundle).
 */
export type { DossierSet, KpiCode, KpiFigures };
type KpiReportBase = z.infer<typeof kpiReportView>;
/** The report with its figures typed by the core (the schema builds their keys at run time). */
export type KpiReport = Omit<KpiReportBase, "total" | "rows"> & {
  total: KpiFigures;
  rows: (KpiFigures & { key: string | null; code: string | null; name: string })[];
};
export type KpiPeriod = z.infer<typeof periodView>;
export type KpiDossier = z.infer<typeof kpiDossierView>;
export type MethodologyScore = z.infer<typeof methodologyScoreView>;
export type ScoredNode = MethodologyScore["nodes"][number];
export type UnitsIndex = z.infer<typeof serviceIndexByUnitView>;
export type DueSoonQuery = z.input<typeof dueSoonQuery>;
export type TableExport = z.input<typeof tableExportBody>;

export interface TrendMonth extends KpiFigures {
  period: KpiPeriod;
}

export const dashboardKeys = {
  all: ["kpi"] as const,
  report: (q: string) => ["kpi", "report", q] as const,
  trend: (q: string) => ["kpi", "trend", q] as const,
  index: (q: string) => ["kpi", "index766", q] as const,
  unitsIndex: (q: string) => ["kpi", "index766-units", q] as const,
  dossiers: (q: string) => ["kpi", "dossiers", q] as const,
  dueSoon: (q: string) => ["kpi", "due-soon", q] as const,
};

export function getKpiReport(selection: Selection, groupBy: "none" | "unit" = "none") {
  return request<KpiReport>(`/api/kpi?${selectionQuery(selection, { groupBy })}`);
}

export function getKpiTrend(unitId: string, range: { from: string; to: string }) {
  return request<{ period: KpiPeriod; months: TrendMonth[] }>(
    `/api/kpi/trend?${selectionQuery({ unitId, period: "custom", ...range })}`,
  );
}

export function getServiceIndex(selection: Selection) {
  return request<{ score: MethodologyScore; notMeasured: { code: string; reason: string }[] }>(
    `/api/kpi/service-index-766?${selectionQuery(selection)}`,
  ).then((envelope) => envelope as typeof envelope & { period: KpiPeriod });
}

export function getUnitsIndex(selection: Selection) {
  return request<UnitsIndex>(`/api/kpi/service-index-766/units?${selectionQuery(selection)}`);
}

export function listKpiDossiers(
  selection: Selection,
  page: { set: DossierSet; limit: number; offset: number },
) {
  return request<KpiDossier[]>(`/api/kpi/dossiers?${selectionQuery(selection, page)}`).then(
    (envelope) => envelope as typeof envelope & { total: number; period: KpiPeriod },
  );
}

export function listDueSoon(query: DueSoonQuery) {
  const { unitId, date, days, limit, offset } = query;
  const params = {
    unitId,
    date,
    days: days as number,
    limit: limit as number,
    offset: offset as number,
  };
  return request<KpiDossier[]>(`/api/kpi/due-soon${buildQuery(params)}`).then(
    (envelope) => envelope as typeof envelope & { total: number; date: string; until: string },
  );
}

/** Sends a table to `POST /api/exports/table.xlsx` and saves the workbook it answers. */
export async function downloadTable(table: TableExport): Promise<void> {
  const response = await fetch("/api/exports/table.xlsx", {
    method: "POST",
    headers: { "content-type": "application/json", ...csrfHeaders() },
    body: JSON.stringify(table),
    credentials: "same-origin",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `${table.fileName}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
