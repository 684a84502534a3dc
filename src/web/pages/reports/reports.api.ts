import type { z } from "zod";
import { buildQuery, request, requestData } from "../../api/client.ts";
import type {
  changesView,
  reportView,
  calendarEntryView,
  instanceView,
  kindInput,
  kindView,
  kindsFromPlanView,
  rollupView,
  unitsOverviewView,
} from "../../../server/routes/report.schemas.ts";

/**
 * Client of `/api/report-kinds` and `/api/reports`. Types are inferred from the server's schemas
 * (type-only imports, erased from the bundle).
 */
export type ReportKindView = z.infer<typeof kindView> & {
  instances: z.infer<typeof instanceView>[];
};
export type ReportKindInput = z.input<typeof kindInput>;
export type CalendarEntry = z.infer<typeof calendarEntryView>;

export const reportKeys = {
  all: ["reports"] as const,
  kinds: (unitId: string, year: number) => ["reports", "kinds", unitId, year] as const,
  calendar: (unitId: string, year: number) => ["reports", "calendar", unitId, year] as const,
};

export function listKinds(unitId: string, year: number) {
  return request<ReportKindView[], { define: boolean }>(
    `/api/report-kinds${buildQuery({ unitId, year })}`,
  );
}

export function createKind(unitId: string, input: ReportKindInput) {
  return requestData<z.infer<typeof kindView>>(`/api/report-kinds${buildQuery({ unitId })}`, {
    method: "POST",
    body: input,
  });
}

export function getCalendar(unitId: string, year: number) {
  return request<CalendarEntry[], { write: boolean }>(
    `/api/reports/calendar${buildQuery({ unitId, year })}`,
  );
}

export type ReportView = z.infer<typeof reportView>;
export type ReportChanges = z.infer<typeof changesView>;

export function getReport(id: string) {
  return request<ReportView, { edit: boolean; submit: boolean; review: boolean }>(
    `/api/reports/${id}`,
  );
}

export function openReport(unitId: string, kindId: string, periodKey: string) {
  return requestData<{ id: string; created: boolean }>(`/api/reports${buildQuery({ unitId })}`, {
    method: "POST",
    body: { kindId, periodKey },
  });
}

export function saveNarrative(id: string, narrative: Record<string, string>) {
  return requestData<unknown>(`/api/reports/${id}/narrative`, { method: "PUT", body: narrative });
}

export function submitReport(id: string) {
  return requestData<unknown>(`/api/reports/${id}/submit`, { method: "POST", body: {} });
}

export function reviewReport(id: string, decision: "accept" | "return", comment: string | null) {
  return requestData<unknown>(`/api/reports/${id}/review`, {
    method: "POST",
    body: { decision, comment },
  });
}

export function getChanges(id: string) {
  return requestData<ReportChanges>(`/api/reports/${id}/changes`);
}

/** The report's files: the ND 30 Word report and the Excel annex (a version, or what is shown). */
export const reportFileUrls = {
  word: (id: string, version?: number) =>
    `/api/reports/${encodeURIComponent(id)}/report.docx${version ? `?version=${version}` : ""}`,
  excel: (id: string, version?: number) =>
    `/api/reports/${encodeURIComponent(id)}/report.xlsx${version ? `?version=${version}` : ""}`,
  pdf: (id: string, version?: number) =>
    `/api/reports/${encodeURIComponent(id)}/report.pdf${version ? `?version=${version}` : ""}`,
};

export type ReportRollupView = z.infer<typeof rollupView>;

/** The consolidated report's files (same query as the roll-up): Word and the Excel annexes. */
export const rollupFileUrls = {
  word: (unitId: string, kindId: string, periodKey: string) =>
    `/api/reports/rollup.docx${buildQuery({ unitId, kindId, periodKey })}`,
  excel: (unitId: string, kindId: string, periodKey: string) =>
    `/api/reports/rollup.xlsx${buildQuery({ unitId, kindId, periodKey })}`,
};

/** The upper level's roll-up of its units' submitted and accepted versions. */
export function getRollup(unitId: string, kindId: string, periodKey: string) {
  return requestData<ReportRollupView>(
    `/api/reports/rollup${buildQuery({ unitId, kindId, periodKey })}`,
  );
}

export type UnitsOverviewView = z.infer<typeof unitsOverviewView>;

/** The leader's overview: the units side by side for a kind and period, with their trends. */
export function getUnitsOverview(unitId: string, kindId: string, periodKey: string) {
  return requestData<UnitsOverviewView>(
    `/api/reports/overview/units${buildQuery({ unitId, kindId, periodKey })}`,
  );
}

export type KindsFromPlan = z.infer<typeof kindsFromPlanView>;

/** Draft report kinds from a plan's reporting schedule (those the unit lacks). */
export function createKindsFromPlan(planId: string) {
  return requestData<KindsFromPlan>(`/api/plans/${encodeURIComponent(planId)}/report-kinds`, {
    method: "POST",
  });
}
