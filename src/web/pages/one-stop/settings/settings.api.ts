import { request, requestData } from "../../../api/client.ts";

/** Client of the desk administration API: official holiday schedules and desk settings. */

export type ScheduleEntryKind = "official" | "makeup_workday" | "no_substitute";

export interface ScheduleEntry {
  kind: ScheduleEntryKind;
  date: string;
  name: string | null;
}

export interface Schedule {
  id: string | null;
  origin: "stored" | "seed";
  year: number;
  version: number;
  effectiveFrom: string;
  source: string;
  tetDaysBeforeNewYear: number | null;
  nationalDaySecondDay: "before" | "after" | null;
  entries: ScheduleEntry[];
  createdAt: string | null;
}

export interface ScheduleInput {
  year: number;
  effectiveFrom: string;
  source: string;
  tetDaysBeforeNewYear?: number;
  nationalDaySecondDay?: "before" | "after";
  entries: { kind: ScheduleEntryKind; date: string; name?: string }[];
}

export interface YearHolidays {
  year: number;
  schedule: { origin: "stored" | "seed"; version: number; source: string } | null;
  holidays: {
    date: string;
    name: string;
    kind: string;
    lunar: string | null;
    /** official: placed by the year's schedule; rule: by CCHC's rule while there is none. */
    basis: "official" | "rule" | null;
  }[];
}

export interface DeskSettings {
  unitId: string;
  unitName: string;
  cutoff: string;
  agencyCode: string | null;
  receivingBody: string | null;
  can: { update: boolean };
}

export const settingsKeys = {
  schedules: ["calendar", "schedules"] as const,
  holidays: (year: number) => ["calendar", "holidays", year] as const,
  desk: (unitId: string) => ["desk-settings", unitId] as const,
};

/** Whether the KPIs' processing days are being recomputed after a schedule change. */
export interface KpiRecompute {
  state: "none" | "pending" | "running" | "done";
  /** In Vietnamese, from the server. */
  message: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function listSchedules() {
  const envelope = await request<Schedule[], { create: boolean }>("/api/calendar/schedules");
  return envelope as typeof envelope & { kpiRecompute: KpiRecompute };
}

export function createSchedule(input: ScheduleInput) {
  return requestData<Schedule>("/api/calendar/schedules", { method: "POST", body: input });
}

export function holidaysOfYear(year: number) {
  return requestData<YearHolidays>(`/api/calendar/holidays?year=${year}`);
}

export function getDeskSettings(unitId: string) {
  return requestData<DeskSettings>(`/api/one-stop/desk-settings/${encodeURIComponent(unitId)}`);
}

export function updateDeskSettings(
  unitId: string,
  input: { cutoff: string; agencyCode: string | null; receivingBody: string | null },
) {
  return requestData<DeskSettings>(`/api/one-stop/desk-settings/${encodeURIComponent(unitId)}`, {
    method: "PUT",
    body: input,
  });
}
