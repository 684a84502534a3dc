/**
 * Reports: opened as a draft with starter text from live figures, edited, submitted (the figures
 * and the narrative frozen into a new version that later changes never alter), accepted or
 * returned with a comment by the upper unit, corrected and submitted again as a new version.
 *
 * Who reads what:
 * - the unit's own people read its report, draft included (with live figures while it is open);
 * - above it, the reviewers and leaders of the unit that defined the kind (and subtree readers)
 *   read only what was submitted: the frozen versions, never the draft;
 * - nobody else: another ward's report is not found.
 */
import { dueInstances, dueStateOf } from "../../core/report/report-calendar.ts";
import {
  compareVersions,
  NARRATIVE_SECTIONS,
  starterNarrative,
  type ReportFigures,
} from "../../core/report/report-figures.ts";
import { allowedActions, transition } from "../../core/report/report-workflow.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import { gatherFigures } from "./report-builder.service.ts";
import { kindRuleOf, kindView, owes, owingUnits } from "./report-calendar.service.ts";
import { runUseCase } from "./use-case.ts";

export interface Snapshot {
  figures: ReportFigures;
  narrative: Record<string, string>;
}

/** How the actor reaches a report: as its own unit, from above (submitted only), or not at all. */
async function reachOf(
  exec: Executor,
  actor: Actor,
  report: reportRepository.ReportRow,
  kind: reportRepository.ReportKindRow,
) {
  const write = await access.check(exec, actor, "report.write", "unit", [report.unitId]);
  const read = await access.check(exec, actor, "report.read", "unit", [report.unitId]);
  const review = await access.check(exec, actor, "report.review", "unit", [kind.unitId]);
  const own =
    write.has(report.unitId) ||
    (read.has(report.unitId) && actor.grants.some((g) => g.unitId === report.unitId));
  const above = !own && (read.has(report.unitId) || review.has(kind.unitId));
  return {
    own,
    above: above && report.version > 0,
    write: write.has(report.unitId),
    review: review.has(kind.unitId),
  };
}

async function loadReport(exec: Executor, actor: Actor, id: string) {
  const report = await reportRepository.findReport(exec, id);
  if (!report) throw new AppError("REPORT_NOT_FOUND");
  const kind = (await reportRepository.findKind(exec, report.kindId))!;
  const reach = await reachOf(exec, actor, report, kind);
  if (!reach.own && !reach.above) throw new AppError("REPORT_NOT_FOUND");
  return { report, kind, reach };
}

/** Opens (or returns) the draft of a unit's report for a kind and period it owes. */
export async function openReport(
  db: Executor,
  actor: Actor,
  unitId: string,
  input: { kindId: string; periodKey: string },
  today: string,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.require(tx, actor, "report.write", "unit", unitId);
    const kind = await reportRepository.findKind(tx, input.kindId);
    if (!kind || kind.status !== "published") throw new AppError("REPORT_KIND_NOT_FOUND");
    const tree = await loadUnitTree(tx);
    const year = Number(input.periodKey.slice(0, 4));
    const calendar = await loadWorkingCalendar(tx);
    const instance = Number.isInteger(year)
      ? dueInstances(kindRuleOf(kind), year, calendar).find((i) => i.period.key === input.periodKey)
      : undefined;
    if (!instance || !owes(tree, kind.unitId, unitId, instance.period.to)) {
      throw new AppError("REPORT_PERIOD_NOT_OWED");
    }
    const existing = await reportRepository.findReportFor(tx, kind.id, unitId, instance.period.key);
    if (existing) return { data: { id: existing.id, created: false } };
    const figures = await gatherFigures(tx, unitId, instance.period, today);
    const report = await reportRepository.insertReport(tx, {
      kindId: kind.id,
      unitId,
      periodKey: instance.period.key,
      periodFrom: instance.period.from,
      periodTo: instance.period.to,
      periodLabel: instance.period.label,
      dueDate: instance.dueDate,
      narrative: starterNarrative(figures),
      createdById: actor.userId,
    });
    // Opened at the same moment by someone else: theirs stands.
    if (!report) {
      const row = await reportRepository.findReportFor(tx, kind.id, unitId, instance.period.key);
      return { data: { id: row!.id, created: false } };
    }
    await audit({
      action: "report.create",
      entityId: report.id,
      unitId,
      summary: `Lập ${kind.name} — ${instance.period.label}`,
    });
    return { data: { id: report.id, created: true } };
  });
}

function versionSummary(v: reportRepository.ReportVersionRow) {
  return {
    version: v.version,
    submittedByName: v.submittedByName,
    submittedAt: v.submittedAt.toISOString(),
    review: v.review,
    reviewComment: v.reviewComment,
    reviewedByName: v.reviewedByName,
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
  };
}

/** A report: its draft with live figures for its own unit, or its latest submitted version. */
export async function getReport(db: Executor, actor: Actor, id: string, today: string) {
  const { report, kind, reach } = await loadReport(db, actor, id);
  const versions = await reportRepository.versionsOf(db, id);
  const latest = versions[0] ?? null;
  const status = report.status;
  const open = status === "draft" || status === "returned";
  let figures: ReportFigures;
  let narrative: Record<string, string>;
  let live: boolean;
  if (reach.own && (open || !latest)) {
    figures = await gatherFigures(
      db,
      report.unitId,
      {
        key: report.periodKey,
        label: report.periodLabel,
        from: report.periodFrom,
        to: report.periodTo,
      },
      today,
    );
    narrative = report.narrative;
    live = true;
  } else {
    const snapshot = latest!.snapshot as Snapshot;
    figures = snapshot.figures;
    narrative = snapshot.narrative;
    live = false;
  }
  const actions = allowedActions(status);
  return {
    data: {
      id: report.id,
      kind: kindView(kind),
      unit: figures.unit,
      periodKey: report.periodKey,
      periodLabel: report.periodLabel,
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      dueDate: report.dueDate,
      status,
      version: report.version,
      live,
      figures,
      narrative,
      versions: reach.own ? versions.map(versionSummary) : versions.map(versionSummary),
    },
    can: {
      edit: reach.own && reach.write && actions.includes("edit"),
      submit: reach.own && reach.write && actions.includes("submit"),
      review: reach.review && actions.includes("accept"),
    },
  };
}

export async function updateNarrative(
  db: Executor,
  actor: Actor,
  id: string,
  sections: Partial<Record<string, string>>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { report, reach } = await loadReport(tx, actor, id);
    if (!reach.own || !reach.write) throw new AppError("FORBIDDEN");
    const locked = (await reportRepository.lockReport(tx, id))!;
    applyRule(() => transition(locked.status, "edit"));
    const narrative = { ...locked.narrative };
    for (const key of NARRATIVE_SECTIONS) {
      const value = sections[key];
      if (typeof value === "string") narrative[key] = value;
    }
    await reportRepository.updateReport(tx, id, { narrative });
    await audit({
      action: "report.update",
      entityId: id,
      unitId: report.unitId,
      summary: `Sửa nội dung báo cáo ${report.periodLabel}`,
    });
    return { data: { id, narrative } };
  });
}

/** Freezes the figures and the narrative into a new version and sends it up. */
export async function submitReport(db: Executor, actor: Actor, id: string, today: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { report, kind, reach } = await loadReport(tx, actor, id);
    if (!reach.own || !reach.write) throw new AppError("FORBIDDEN");
    const locked = (await reportRepository.lockReport(tx, id))!;
    const next = applyRule(() => transition(locked.status, "submit"));
    const figures = await gatherFigures(
      tx,
      report.unitId,
      {
        key: report.periodKey,
        label: report.periodLabel,
        from: report.periodFrom,
        to: report.periodTo,
      },
      today,
    );
    const version = locked.version + 1;
    const snapshot: Snapshot = { figures, narrative: locked.narrative };
    await reportRepository.insertVersion(tx, {
      reportId: id,
      version,
      snapshot,
      submittedById: actor.userId,
      submittedByName: actor.name,
    });
    await reportRepository.updateReport(tx, id, { status: next, version });
    await audit({
      action: "report.submit",
      entityId: id,
      unitId: report.unitId,
      after: snapshot,
      summary: `Gửi ${kind.name} — ${report.periodLabel} (lần ${version})`,
    });
    return { data: { id, status: next, version } };
  });
}

/** The upper unit accepts the submitted version or returns it with a comment. */
export async function reviewReport(
  db: Executor,
  actor: Actor,
  id: string,
  input: { decision: "accept" | "return"; comment?: string | null },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const { report, kind, reach } = await loadReport(tx, actor, id);
    if (!reach.review) throw new AppError("FORBIDDEN");
    const locked = (await reportRepository.lockReport(tx, id))!;
    const next = applyRule(() => transition(locked.status, input.decision, input.comment));
    await reportRepository.updateVersionReview(tx, id, locked.version, {
      review: next === "accepted" ? "accepted" : "returned",
      reviewComment: input.comment?.trim() || null,
      reviewedById: actor.userId,
      reviewedByName: actor.name,
      reviewedAt: new Date(),
    });
    await reportRepository.updateReport(tx, id, { status: next });
    await audit({
      action: "report.review",
      entityId: id,
      unitId: report.unitId,
      summary: `${next === "accepted" ? "Tiếp nhận" : "Trả lại"} ${kind.name} — ${report.periodLabel} (lần ${locked.version})`,
    });
    return { data: { id, status: next, version: locked.version } };
  });
}

/** One submitted version, as frozen. */
export async function getVersion(db: Executor, actor: Actor, id: string, version: number) {
  await loadReport(db, actor, id);
  const versions = await reportRepository.versionsOf(db, id);
  const row = versions.find((v) => v.version === version);
  if (!row) throw new AppError("REPORT_VERSION_NOT_FOUND");
  const snapshot = row.snapshot as Snapshot;
  return {
    data: { ...versionSummary(row), figures: snapshot.figures, narrative: snapshot.narrative },
  };
}

/** What changed from one submitted version to another (by default: the last two). */
export async function compareReportVersions(
  db: Executor,
  actor: Actor,
  id: string,
  query: { from?: number; to?: number },
) {
  await loadReport(db, actor, id);
  const versions = await reportRepository.versionsOf(db, id);
  const to = query.to ?? versions[0]?.version;
  const from = query.from ?? (to !== undefined ? to - 1 : undefined);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw new AppError("REPORT_VERSION_NOT_FOUND");
  return {
    data: {
      from: a.version,
      to: b.version,
      changes: compareVersions(a.snapshot as Snapshot, b.snapshot as Snapshot),
    },
  };
}

/**
 * The upper unit's board: for each kind it published and each period of the year, each of its
 * units' report — not started, draft, submitted (on time or late), returned, accepted.
 */
export async function reportOverview(
  db: Executor,
  actor: Actor,
  unitId: string,
  year: number,
  on: string,
) {
  const read = await access.check(db, actor, "report.read", "unit", [unitId]);
  const review = await access.check(db, actor, "report.review", "unit", [unitId]);
  if (!read.has(unitId) && !review.has(unitId)) throw new AppError("UNIT_NOT_FOUND");
  const tree = await loadUnitTree(db);
  const calendar = await loadWorkingCalendar(db);
  const kinds = await reportRepository.kindsOfUnits(db, [unitId], true);
  const children = owingUnits(tree, unitId, `${year}-12-31`);
  const names = await reportRepository.unitNames(db, children);
  const reports = await reportRepository.reportsOfKinds(
    db,
    kinds.map((k) => k.id),
    children,
  );
  const byKey = new Map(reports.map((r) => [`${r.kindId}|${r.unitId}|${r.periodKey}`, r]));
  const firstSubmission = new Map<string, string>();
  for (const r of reports.filter((x) => x.version > 0)) {
    const first = (await reportRepository.versionsOf(db, r.id)).at(-1)!;
    firstSubmission.set(r.id, first.submittedAt.toISOString());
  }
  const rows = [];
  for (const kind of kinds) {
    for (const instance of dueInstances(kindRuleOf(kind), year, calendar)) {
      for (const child of children) {
        if (!owes(tree, unitId, child, instance.period.to)) continue;
        const r = byKey.get(`${kind.id}|${child}|${instance.period.key}`) ?? null;
        const submittedAt = r ? (firstSubmission.get(r.id) ?? null) : null;
        // The first submission's day in Vietnam against the due date.
        const submittedOn = submittedAt
          ? new Date(new Date(submittedAt).getTime() + 7 * 3600_000).toISOString().slice(0, 10)
          : null;
        rows.push({
          kindId: kind.id,
          kindName: kind.name,
          periodKey: instance.period.key,
          periodLabel: instance.period.label,
          dueDate: instance.dueDate,
          unitId: child,
          unitName: names.get(child)?.name ?? "",
          reportId: r && r.version > 0 ? r.id : null,
          status: r?.status ?? null,
          version: r?.version ?? 0,
          submittedOn,
          late: submittedOn ? submittedOn > instance.dueDate : on > instance.dueDate,
          state: dueStateOf(instance.dueDate, on, kind.remindDaysBefore, submittedOn !== null),
        });
      }
    }
  }
  return { data: rows };
}
