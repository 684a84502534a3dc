import {
  OFFICIAL_SCHEDULES,
  assertHolidayYear,
  createWorkingCalendar,
  parseOfficialSchedule,
  selectOfficialSchedule,
  type OfficialSchedule,
  type WorkingCalendar,
} from "../../core/calendar/index.ts";
import type { Executor } from "../db/database.ts";
import * as calendarRepository from "../db/repositories/calendar.repository.ts";
import { ensureKpiWorkingCalendar } from "../db/repositories/kpi-rollup.repository.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { kpiCalendarFrom } from "./kpi-calendar.ts";
import { kpiRecomputeStatus } from "./kpi-recompute.job.ts";
import { runUseCase } from "./use-case.ts";

/**
 * Schedules in force: a year with stored schedules uses only those (an administrator's entry
 * replaces the built-in seed for that year); other years fall back to the seed.
 */
export function schedulesInForce(stored: readonly OfficialSchedule[]): OfficialSchedule[] {
  const storedYears = new Set(stored.map((s) => s.year));
  return [...OFFICIAL_SCHEDULES.filter((s) => !storedYears.has(s.year)), ...stored];
}

export async function loadSchedules(exec: Executor): Promise<OfficialSchedule[]> {
  const stored = (await calendarRepository.listOfficialSchedules(exec)).map((row) => row.schedule);
  return schedulesInForce(stored);
}

export async function loadWorkingCalendar(exec: Executor): Promise<WorkingCalendar> {
  return createWorkingCalendar({ schedules: await loadSchedules(exec) });
}

function scheduleView(
  row: calendarRepository.OfficialScheduleRow | null,
  schedule: OfficialSchedule,
) {
  return {
    id: row?.id ?? null,
    origin: row ? ("stored" as const) : ("seed" as const),
    year: schedule.year,
    version: schedule.version,
    effectiveFrom: schedule.effectiveFrom,
    source: schedule.source,
    tetDaysBeforeNewYear: schedule.tetDaysBeforeNewYear ?? null,
    nationalDaySecondDay: schedule.nationalDaySecondDay ?? null,
    entries: schedule.entries.map((entry) => ({
      kind: entry.kind,
      date: entry.date,
      name: entry.name ?? null,
    })),
    createdAt: row ? row.createdAt.toISOString() : null,
  };
}

async function canWriteCalendar(exec: Executor, actor: Actor) {
  const scope = await access.unitScope(exec, actor, "calendar.write");
  return scope.kind === "all" || scope.unitIds.size > 0;
}

export async function listSchedules(db: Executor, actor: Actor) {
  const rows = await calendarRepository.listOfficialSchedules(db);
  const storedYears = new Set(rows.map((r) => r.year));
  const views = [
    ...OFFICIAL_SCHEDULES.filter((s) => !storedYears.has(s.year)).map((s) => scheduleView(null, s)),
    ...rows.map((row) => scheduleView(row, row.schedule)),
  ].sort((a, b) => a.year - b.year || a.version - b.version);
  return {
    data: views,
    can: { create: await canWriteCalendar(db, actor) },
    kpiRecompute: await kpiRecomputeStatus(db),
  };
}

export type ScheduleInput = Omit<OfficialSchedule, "version">;

/** Stores a new version of a year's official schedule; older versions stay as history. */
export async function createSchedule(db: Executor, actor: Actor, input: ScheduleInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    if (!(await canWriteCalendar(tx, actor))) throw new AppError("FORBIDDEN");
    applyRule(() => assertHolidayYear(input.year));
    const version = (await calendarRepository.lastVersionOfYear(tx, input.year)) + 1;
    const schedule = applyRule(() => parseOfficialSchedule({ ...input, version }));
    const row = await calendarRepository.insertOfficialSchedule(tx, {
      year: schedule.year,
      version: schedule.version,
      effectiveFrom: schedule.effectiveFrom,
      source: schedule.source,
      schedule,
      createdById: actor.userId,
    });
    // The KPIs' working days follow the new calendar: the ordinals in this transaction, the
    // processing days by a queued job (kpi-recompute.job.ts); reads stay right meanwhile.
    await ensureKpiWorkingCalendar(tx, kpiCalendarFrom(await loadSchedules(tx)));
    await audit({
      action: "calendar.schedule_create",
      entityId: row.id,
      unitId: null,
      after: schedule,
      summary: `Nhập lịch nghỉ chính thức năm ${schedule.year}, phiên bản ${schedule.version} (${schedule.source})`,
    });
    return { data: scheduleView(row, schedule), kpiRecompute: await kpiRecomputeStatus(tx) };
  });
}

/** The holidays, days off and make-up working days of a year, from stored schedules or the seed. */
export async function holidaysOfYear(db: Executor, year: number) {
  applyRule(() => assertHolidayYear(year));
  const schedules = await loadSchedules(db);
  const calendar = createWorkingCalendar({ schedules });
  const schedule = selectOfficialSchedule(schedules, year);
  const stored = (await calendarRepository.listOfficialSchedules(db)).some((r) => r.year === year);
  return {
    data: {
      year,
      schedule: schedule
        ? {
            origin: stored ? ("stored" as const) : ("seed" as const),
            version: schedule.version,
            source: schedule.source,
          }
        : null,
      holidays: calendar.holidaysOf(year).map((h) => ({
        date: h.date,
        name: h.name,
        kind: h.kind,
        lunar: h.lunar ?? null,
        basis: h.basis ?? null,
      })),
    },
  };
}
