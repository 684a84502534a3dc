/**
 * The reporting calendar: the upper unit defines and publishes report kinds; each of its direct
 * units owes one report per period of each published kind, due on the date the kind's rule gives
 * (moved off a day off only where the kind says so). A unit reads what it owes and where each
 * report stands; the upper unit reads where each of its units stands.
 */
import {
  dueInstances,
  dueStateOf,
  parseDueText,
  type DueInstance,
  type HolidayShift,
  type PeriodRule,
  type ReportKindRule,
  type ReportPeriodKind,
} from "../../core/report/report-calendar.ts";
import type { WorkingCalendar } from "../../core/calendar/index.ts";
import type { UnitTree } from "../../core/organization/unit-tree.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { findUnitById, loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { runUseCase } from "./use-case.ts";

export interface CreateReportKindInput {
  name: string;
  periodKind: ReportPeriodKind;
  dueText?: string | null;
  holidayShift?: HolidayShift;
  periodRule?: PeriodRule;
  adHoc?: { from: string; to: string; dueDate: string } | null;
  remindDaysBefore?: number;
  publish?: boolean;
}

export function kindRuleOf(row: reportRepository.ReportKindRow): ReportKindRule {
  return {
    periodKind: row.periodKind,
    dueRule: row.dueRule ?? null,
    holidayShift: row.holidayShift,
    periodRule: row.periodRule,
    adHoc:
      row.adHocFrom && row.adHocTo && row.adHocDue
        ? {
            from: row.adHocFrom,
            to: row.adHocTo,
            dueDate: row.adHocDue,
            year: Number(row.adHocTo.slice(0, 4)),
          }
        : null,
  };
}

export function kindView(row: reportRepository.ReportKindRow) {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    periodKind: row.periodKind,
    dueText: row.dueText,
    holidayShift: row.holidayShift,
    periodRule: row.periodRule,
    adHoc:
      row.adHocFrom && row.adHocTo && row.adHocDue
        ? { from: row.adHocFrom, to: row.adHocTo, dueDate: row.adHocDue }
        : null,
    remindDaysBefore: row.remindDaysBefore,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function instanceView(instance: DueInstance) {
  return {
    periodKey: instance.period.key,
    periodLabel: instance.period.label,
    from: instance.period.from,
    to: instance.period.to,
    namedDate: instance.namedDate,
    dueDate: instance.dueDate,
  };
}

export async function createReportKind(
  db: Executor,
  actor: Actor,
  unitId: string,
  input: CreateReportKindInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const unit = await findUnitById(tx, unitId);
    if (!unit) throw new AppError("UNIT_NOT_FOUND");
    await access.require(tx, actor, "report.define", "unit", unitId);
    let dueRule = null;
    let adHoc = null;
    if (input.periodKind === "ad_hoc") {
      if (!input.adHoc) {
        throw new AppError("REPORT_PERIOD_INVALID", {
          params: { reason: "Báo cáo đột xuất cần kỳ báo cáo (từ ngày, đến ngày) và hạn nộp." },
        });
      }
      const { from, to, dueDate } = input.adHoc;
      if (from > to || dueDate < from) {
        throw new AppError("REPORT_PERIOD_INVALID", {
          params: {
            reason:
              "Kỳ báo cáo phải bắt đầu trước khi kết thúc, và hạn nộp không sớm hơn ngày đầu kỳ.",
          },
        });
      }
      adHoc = input.adHoc;
    } else {
      if (!input.dueText?.trim()) {
        throw new AppError("REPORT_DUE_TEXT_INVALID", {
          params: { reason: 'Cần ghi hạn nộp báo cáo, ví dụ "trước ngày 15 tháng cuối quý".' },
        });
      }
      const text = input.dueText;
      const kind = input.periodKind;
      dueRule = applyRule(() => parseDueText(text, kind));
    }
    const publish = input.publish ?? false;
    const row = await reportRepository.insertKind(tx, {
      unitId,
      name: input.name.trim(),
      periodKind: input.periodKind,
      dueText: input.periodKind === "ad_hoc" ? null : input.dueText!.trim(),
      dueRule,
      holidayShift: input.holidayShift ?? "none",
      periodRule: input.periodRule ?? "calendar",
      adHocFrom: adHoc?.from ?? null,
      adHocTo: adHoc?.to ?? null,
      adHocDue: adHoc?.dueDate ?? null,
      remindDaysBefore: input.remindDaysBefore ?? 3,
      status: publish ? "published" : "draft",
      publishedAt: publish ? new Date() : null,
      createdById: actor.userId,
    });
    await audit({
      action: "report.kind_create",
      entityId: row.id,
      unitId,
      after: kindView(row),
      summary: `${publish ? "Ban hành" : "Tạo"} loại báo cáo "${row.name}" cho ${unit.name}`,
    });
    return { data: kindView(row) };
  });
}

/** The kinds a unit defined, with their due dates in the year. */
export async function listReportKinds(db: Executor, actor: Actor, unitId: string, year: number) {
  await access.requireRecord(db, actor, "unit", unitId, {
    read: "report.read",
    notFound: "UNIT_NOT_FOUND",
  });
  const rows = await reportRepository.kindsOfUnits(db, [unitId], false);
  const calendar = await loadWorkingCalendar(db);
  const canDefine = await access.check(db, actor, "report.define", "unit", [unitId]);
  return {
    data: rows.map((row) => ({
      ...kindView(row),
      instances: dueInstances(kindRuleOf(row), year, calendar).map(instanceView),
    })),
    can: { define: canDefine.has(unitId) },
  };
}

/** The direct units below the kind's unit that exist on the day: they owe its reports. */
export function owingUnits(tree: UnitTree, kindUnitId: string, on: string): string[] {
  return tree
    .descendants(kindUnitId, { on })
    .filter((id) => tree.node(id)?.parentId === kindUnitId);
}

/** Whether the unit owes the kind's report for a period ending on `periodTo`. */
export function owes(tree: UnitTree, kindUnitId: string, unitId: string, periodTo: string) {
  return tree.node(unitId)?.parentId === kindUnitId && tree.isValidOn(unitId, periodTo);
}

export interface OwedReport {
  kind: ReturnType<typeof kindView>;
  instance: DueInstance;
}

/** Every report a unit owes in a year: the published kinds of its upper unit. */
export async function owedReports(
  exec: Executor,
  tree: UnitTree,
  unitId: string,
  year: number,
  calendar: WorkingCalendar,
): Promise<{ kind: reportRepository.ReportKindRow; instance: DueInstance }[]> {
  const parentId = tree.node(unitId)?.parentId ?? null;
  if (!parentId) return [];
  const kinds = await reportRepository.kindsOfUnits(exec, [parentId], true);
  const owed: { kind: reportRepository.ReportKindRow; instance: DueInstance }[] = [];
  for (const kind of kinds) {
    for (const instance of dueInstances(kindRuleOf(kind), year, calendar)) {
      if (owes(tree, parentId, unitId, instance.period.to)) owed.push({ kind, instance });
    }
  }
  return owed.sort((a, b) => a.instance.dueDate.localeCompare(b.instance.dueDate));
}

/** What a unit owes in the year and where each report stands on the day `on`. */
export async function reportCalendar(
  db: Executor,
  actor: Actor,
  unitId: string,
  year: number,
  on: string,
) {
  await access.requireRecord(db, actor, "unit", unitId, {
    read: "report.read",
    notFound: "UNIT_NOT_FOUND",
  });
  const tree = await loadUnitTree(db);
  const calendar = await loadWorkingCalendar(db);
  const canWrite = await access.check(db, actor, "report.write", "unit", [unitId]);
  const owed = await owedReports(db, tree, unitId, year, calendar);
  const existing = await reportRepository.reportsOfKinds(
    db,
    [...new Set(owed.map((o) => o.kind.id))],
    [unitId],
  );
  const byKey = new Map(existing.map((r) => [`${r.kindId}|${r.periodKey}`, r]));
  return {
    data: owed.map(({ kind, instance }) => {
      const report = byKey.get(`${kind.id}|${instance.period.key}`) ?? null;
      const submitted = report !== null && report.version > 0;
      return {
        kind: kindView(kind),
        ...instanceView(instance),
        state: dueStateOf(instance.dueDate, on, kind.remindDaysBefore, submitted),
        report: report ? { id: report.id, status: report.status, version: report.version } : null,
      };
    }),
    can: { write: canWrite.has(unitId) },
  };
}
