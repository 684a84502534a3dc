/**
 * PAR Index scorecards: a province publishes a methodology (year, level) to the units below; each
 * unit opens its scorecard for the year on the methodology in force, self-scores leaves with
 * evidence (files already stored by the evidence capability, linked per leaf), submits; the
 * reviewer of a unit above adjusts each leaf with a note (both scores kept), returns it for
 * correction or finishes the appraisal, then publishes. Leaves bound to live metrics score
 * themselves from the KPI and SIPAS services and the year's plan tasks.
 */
import { AREA_KEYS } from "../../core/plan/plan-area.ts";
import {
  isLeaf,
  leavesOf,
  type MethodologyDocument,
  type MethodologyLeaf,
  type MethodologyNodeSpec,
  type MetricInputs,
  type RuleType,
  type ScoreBand,
  type ScoredNode,
} from "../../core/methodology/index.ts";
import {
  SCORECARD_STATUS_LABELS,
  SCORECARD_TRANSITION_LABELS,
  checkAppraisedPoints,
  checkBands,
  checkSelfEntry,
  emptyEntry,
  forecastScorecard,
  isAutoLeaf,
  nextStatus,
  rankUnits,
  scoreScorecard,
  submissionIssues,
  transitionSide,
  type LeafEntry,
  type ScorecardStatus,
  type ScorecardTransition,
} from "../../core/scorecard/index.ts";
import { noParFigure, type ParFigure } from "../../core/report/report-figures.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as methodologyRepository from "../db/repositories/methodology.repository.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import * as repo from "../db/repositories/scorecard.repository.ts";
import { findUnitById, loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import { requireUnitAction } from "../http/route-access.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import {
  evidenceRow,
  inspectEvidence,
  storeEvidenceFile,
  type EvidenceUpload,
} from "./evidence-files.ts";
import { metricInputsFor } from "./kpi.service.ts";
import { sipasSatisfaction } from "./sipas.service.ts";
import { runUseCase } from "./use-case.ts";

/* ---------- publishing a methodology ---------- */

export async function publishMethodology(db: Executor, actor: Actor, methodologyId: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    await access.requireRecord(tx, actor, "methodology", methodologyId, {
      read: "methodology.read",
      act: "methodology.write",
      notFound: "METHODOLOGY_NOT_FOUND",
    });
    const methodology = await methodologyRepository.findMethodology(tx, methodologyId);
    if (!methodology) throw new AppError("METHODOLOGY_NOT_FOUND");
    if (!methodology.document || methodology.kind !== "par_index") {
      throw new AppError("METHODOLOGY_NOT_PUBLISHABLE");
    }
    if (await repo.findPublication(tx, methodologyId)) {
      throw new AppError("METHODOLOGY_ALREADY_PUBLISHED");
    }
    const publication = await repo.insertPublication(tx, {
      methodologyId,
      publishedBy: actor.userId,
    });
    await audit({
      action: "methodology.publish",
      entityId: methodologyId,
      unitId: methodology.unitId,
      summary: `Ban hành bộ chỉ số “${methodology.name}” năm ${methodology.year} cho các đơn vị cấp ${methodology.level} trực thuộc`,
    });
    return {
      data: {
        methodologyId,
        year: methodology.year,
        level: methodology.level,
        publishedAt: publication.publishedAt.toISOString(),
      },
    };
  });
}

/** The published methodology in force for a unit and year: its own, else the nearest ancestor's. */
async function methodologyInForce(exec: Executor, unitId: string, level: string, year: number) {
  const tree = await loadUnitTree(exec);
  const chain = [unitId, ...tree.ancestors(unitId)];
  const rows = await repo.publishedMethodologies(exec, chain, year, level);
  for (const owner of chain) {
    const row = rows.find((r) => r.unitId === owner);
    if (row) return row.id;
  }
  return null;
}

/* ---------- opening and reading ---------- */

export async function openScorecard(
  db: Executor,
  actor: Actor,
  input: { unitId: string; year: number },
) {
  await requireUnitAction(db, actor, ["scorecard.write"], input.unitId);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const existing = await repo.findScorecardOf(tx, input.unitId, input.year);
    if (existing) return { data: { id: existing.id, created: false } };
    const unit = await findUnitById(tx, input.unitId);
    if (!unit) throw new AppError("UNIT_NOT_FOUND");
    const methodologyId = await methodologyInForce(tx, unit.id, unit.level, input.year);
    if (!methodologyId)
      throw new AppError("SCORECARD_NO_METHODOLOGY", { params: { year: input.year } });
    const created = await repo.insertScorecard(tx, {
      unitId: unit.id,
      year: input.year,
      methodologyId,
      createdBy: actor.userId,
    });
    const row = created ?? (await repo.findScorecardOf(tx, unit.id, input.year))!;
    if (created) {
      await audit({
        action: "scorecard.open",
        entityId: row.id,
        unitId: unit.id,
        summary: `Mở phiếu tự chấm điểm Chỉ số CCHC năm ${input.year}`,
      });
    }
    return { data: { id: row.id, created: created !== null } };
  });
}

/**
 * The scorecards of a unit the actor reads (one per year), with the server's date and year: the
 * pages open "this year's" card by the server's clock, not the browser's.
 */
export async function listScorecards(
  db: Executor,
  actor: Actor,
  query: { unitId: string },
  now: Date = new Date(),
) {
  await requireUnitAction(db, actor, ["scorecard.read"], query.unitId);
  const tree = await loadUnitTree(db);
  const unitIds = [
    query.unitId,
    ...tree.descendants(query.unitId).filter((id) => id !== query.unitId),
  ];
  const rows = await repo.scorecardsOfUnits(db, unitIds);
  const readable = await access.check(
    db,
    actor,
    "scorecard.read",
    "scorecard",
    rows.map((r) => r.id),
  );
  const names = new Map((await repo.unitNames(db, unitIds)).map((u) => [u.id, u.name]));
  const canOpen = (await access.check(db, actor, "scorecard.write", "unit", [query.unitId])).has(
    query.unitId,
  );
  const canRank = (await access.check(db, actor, "scorecard.appraise", "unit", [query.unitId])).has(
    query.unitId,
  );
  return {
    data: rows
      .filter((r) => readable.has(r.id))
      .map((r) => ({
        id: r.id,
        unitId: r.unitId,
        unitName: names.get(r.unitId) ?? "",
        year: r.year,
        status: r.status,
        statusLabel: SCORECARD_STATUS_LABELS[r.status],
        selfIndex: r.result?.selfIndex ?? null,
        appraisedIndex: r.result?.appraisedIndex ?? null,
      }))
      .sort((a, b) => b.year - a.year || a.unitName.localeCompare(b.unitName, "vi")),
    can: { open: canOpen, rank: canRank },
    today: vietnamDate(now),
    currentYear: Number(vietnamDate(now).slice(0, 4)),
  };
}

interface Loaded {
  card: NonNullable<Awaited<ReturnType<typeof repo.findScorecard>>>;
  document: MethodologyDocument;
  entries: LeafEntry[];
  leaves: Map<string, MethodologyLeaf>;
}

async function load(exec: Executor, id: string): Promise<Loaded> {
  const card = await repo.findScorecard(exec, id);
  if (!card) throw new AppError("SCORECARD_NOT_FOUND");
  const methodology = await methodologyRepository.findMethodology(exec, card.methodologyId);
  if (!methodology?.document) throw new AppError("SCORECARD_NOT_FOUND");
  const document = methodology.document;
  const evidence = await repo.evidenceOf(exec, id);
  const counts = new Map<string, number>();
  for (const e of evidence) counts.set(e.leafCode, (counts.get(e.leafCode) ?? 0) + 1);
  const entries = (await repo.entriesOf(exec, [id])).map((row): LeafEntry => ({
    leafCode: row.leafCode,
    selfPoints: row.selfPoints,
    notApplicable: row.notApplicable,
    explanation: row.explanation,
    overrideReason: row.overrideReason,
    appraisedPoints: row.appraisedPoints,
    appraisedNotApplicable: row.appraisedNotApplicable,
    appraisalNote: row.appraisalNote,
    evidenceCount: 0,
  }));
  const byCode = new Map(entries.map((e) => [e.leafCode, e]));
  for (const [code, count] of counts) {
    const entry = byCode.get(code) ?? emptyEntry(code);
    entry.evidenceCount = count;
    if (!byCode.has(code)) {
      entries.push(entry);
      byCode.set(code, entry);
    }
  }
  const leaves = new Map(leavesOf(document).map(({ leaf }) => [leaf.code, leaf]));
  return { card, document, entries, leaves };
}

/** The live figures of the unit for the year, from 1 January to `upTo` (within the year). */
export async function liveInputs(
  exec: Executor,
  unitId: string,
  year: number,
  upTo: string,
): Promise<MetricInputs> {
  const from = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const to = upTo < yearEnd ? upTo : yearEnd;
  if (to < from) return {};
  const period = { from, to };
  const kpi = await metricInputsFor(exec, unitId, period);
  const sipas = await sipasSatisfaction(exec, { unitId, from, to });
  const tasks = await repo.yearTasks(exec, unitId, year);
  const counted = tasks.filter((t) => t.status !== "cancelled");
  return {
    ...kpi,
    SIPAS_SATISFACTION: { numerator: sipas.numerator, denominator: sipas.denominator },
    PLAN_TASKS_DONE: {
      numerator: counted.filter((t) => t.status === "completed").length,
      denominator: counted.length,
    },
  };
}

/**
 * A unit's PAR self-score for a year as of a day, for the report builder (no access check: the
 * report service checked the unit): the scorecard's totals and points per area, live leaves
 * scored from the year's figures up to `asOf`. Without a scorecard: "no data".
 */
export async function parFigureOf(
  exec: Executor,
  unitId: string,
  year: number,
  asOf: string,
): Promise<ParFigure> {
  const existing = await repo.findScorecardOf(exec, unitId, year);
  if (!existing) return noParFigure(year);
  const { card, document, entries } = await load(exec, existing.id);
  const live = await liveInputs(exec, unitId, year, asOf);
  const withAppraisal = card.status === "appraised" || card.status === "published";
  const score = scoreScorecard(document, entries, live, { withAppraisal });
  return {
    available: true,
    year,
    status: card.status,
    statusLabel: SCORECARD_STATUS_LABELS[card.status],
    methodologyName: document.name,
    scale: document.scale,
    selfTotal: score.self.total,
    selfIndex: score.selfIndex,
    selfBand: score.self.band?.label ?? null,
    appraisedTotal: withAppraisal ? (score.appraised?.total ?? null) : null,
    areas: score.self.nodes.map((area, index) => ({
      code: area.code,
      name: area.name,
      max: area.max,
      selfPoints: area.points,
      appraisedPoints: withAppraisal ? (score.appraised?.nodes[index]?.points ?? null) : null,
    })),
  };
}

function nodeRows(
  document: MethodologyDocument,
  self: readonly ScoredNode[],
  appraised: readonly ScoredNode[] | null,
) {
  const flat = (nodes: readonly ScoredNode[] | null) => {
    const map = new Map<string, ScoredNode>();
    const visit = (n: ScoredNode) => {
      map.set(n.code, n);
      n.children.forEach(visit);
    };
    (nodes ?? []).forEach(visit);
    return map;
  };
  const selfByCode = flat(self);
  const appraisedByCode = flat(appraised);
  const rows: {
    code: string;
    name: string;
    depth: number;
    kind: "group" | "leaf";
    maxPoints: number;
    rule: RuleType | null;
    auto: boolean;
    levels: { label: string; points: number }[];
    note: string | null;
    self: { points: number; max: number; applicable: boolean; explanation: string } | null;
    appraised: { points: number; max: number; applicable: boolean; explanation: string } | null;
  }[] = [];
  const brief = (n: ScoredNode | undefined) =>
    n
      ? { points: n.points, max: n.max, applicable: n.applicable, explanation: n.explanation }
      : null;
  const visit = (node: MethodologyNodeSpec, depth: number) => {
    rows.push({
      code: node.code,
      name: node.name,
      depth,
      kind: isLeaf(node) ? "leaf" : "group",
      maxPoints: node.maxPoints,
      rule: isLeaf(node) ? node.rule.type : null,
      auto: isLeaf(node) && isAutoLeaf(node),
      levels: isLeaf(node) && node.rule.type === "manual" ? node.rule.levels : [],
      note: node.note ?? null,
      self: brief(selfByCode.get(node.code)),
      appraised: appraised ? brief(appraisedByCode.get(node.code)) : null,
    });
    if (!isLeaf(node)) node.children.forEach((child) => visit(child, depth + 1));
  };
  document.nodes.forEach((node) => visit(node, 1));
  return rows;
}

export async function getScorecard(
  db: Executor,
  actor: Actor,
  id: string,
  options: { today?: string } = {},
) {
  const allowed = await access.checkEach(
    db,
    actor,
    ["scorecard.read", "scorecard.write", "scorecard.appraise"],
    "scorecard",
    [id],
  );
  if (!allowed["scorecard.read"].has(id)) throw new AppError("SCORECARD_NOT_FOUND");
  const { card, document, entries } = await load(db, id);
  const today = options.today ?? vietnamDate(new Date());
  const live = await liveInputs(db, card.unitId, card.year, today);
  const withAppraisal = card.status === "appraised" || card.status === "published";
  const score = scoreScorecard(document, entries, live, { withAppraisal });
  const evidence = await repo.evidenceOf(db, id);
  const events = await repo.eventsOf(db, id);
  const unit = await findUnitById(db, card.unitId);
  const targets = await repo.areaTargets(db, card.unitId, card.year);
  const choices = allowed["scorecard.write"].has(id)
    ? await repo.evidenceFilesOfUnit(db, card.unitId)
    : [];
  const targetOf = new Map(targets.map((t) => [t.key, t]));
  const canWrite = allowed["scorecard.write"].has(id);
  const canAppraise = allowed["scorecard.appraise"].has(id);
  return {
    data: {
      id: card.id,
      unitId: card.unitId,
      unitName: unit?.name ?? "",
      year: card.year,
      /** The day the live figures run to (the server's, in Vietnam): the forecast's default. */
      today,
      status: card.status,
      statusLabel: SCORECARD_STATUS_LABELS[card.status],
      methodology: {
        id: card.methodologyId,
        name: document.name,
        version: document.version,
        scale: document.scale,
        bands: document.bands,
      },
      selfTotal: score.self.total,
      selfIndex: score.selfIndex,
      selfBand: score.self.band?.label ?? null,
      appraisedTotal: score.appraised?.total ?? null,
      appraisedIndex: score.appraisedIndex,
      appraisedBand: score.appraised?.band?.label ?? null,
      areas: score.self.nodes.map((area, index) => {
        const key = AREA_KEYS[index];
        const target = key ? targetOf.get(key) : undefined;
        const appraisedArea = score.appraised?.nodes[index];
        return {
          code: area.code,
          name: area.name,
          max: area.max,
          selfPoints: area.points,
          appraisedPoints: appraisedArea?.points ?? null,
          targetScore: target?.targetScore ?? null,
          targetMax: target?.maxScore ?? null,
        };
      }),
      nodes: nodeRows(document, score.self.nodes, score.appraised?.nodes ?? null),
      entries: entries.map(({ evidenceCount: _count, ...entry }) => entry),
      evidence: evidence.map((e) => ({
        ...e,
        documentDate: e.documentDate ?? null,
      })),
      evidenceChoices: choices.map((c) => ({ ...c, documentDate: c.documentDate ?? null })),
      events: events.map((e) => ({
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        at: e.at.toISOString(),
      })),
    },
    can: {
      write: canWrite && card.status === "draft",
      submit: canWrite && card.status === "draft",
      appraise: canAppraise && card.status === "submitted",
      return: canAppraise && (card.status === "submitted" || card.status === "appraised"),
      publish: canAppraise && card.status === "appraised",
    },
  };
}

/* ---------- entries ---------- */

async function editable(
  exec: Executor,
  actor: Actor,
  id: string,
  act: "scorecard.write" | "scorecard.appraise",
  status: ScorecardStatus,
) {
  await access.requireRecord(exec, actor, "scorecard", id, {
    read: "scorecard.read",
    act,
    notFound: "SCORECARD_NOT_FOUND",
  });
  const loaded = await load(exec, id);
  if (loaded.card.status !== status) {
    throw new AppError("SCORECARD_NOT_EDITABLE", {
      params: { status: SCORECARD_STATUS_LABELS[loaded.card.status] },
    });
  }
  return loaded;
}

function leafOrThrow(loaded: Loaded, leafCode: string) {
  const leaf = loaded.leaves.get(leafCode);
  if (!leaf) throw new AppError("SCORECARD_LEAF_NOT_FOUND", { params: { code: leafCode } });
  return leaf;
}

const clean = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

export interface SelfEntryInput {
  selfPoints: number | null;
  notApplicable: boolean;
  explanation?: string | null;
  overrideReason?: string | null;
}

export async function updateSelfEntry(
  db: Executor,
  actor: Actor,
  id: string,
  leafCode: string,
  input: SelfEntryInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const loaded = await editable(tx, actor, id, "scorecard.write", "draft");
    const leaf = leafOrThrow(loaded, leafCode);
    const entry = {
      selfPoints: input.notApplicable ? null : input.selfPoints,
      notApplicable: input.notApplicable,
      overrideReason: clean(input.overrideReason),
    };
    const problem = checkSelfEntry(leaf, { ...entry, explanation: clean(input.explanation) });
    if (problem) throw new AppError("SCORECARD_ENTRY_INVALID", { params: { reason: problem } });
    await repo.upsertEntry(tx, {
      scorecardId: id,
      leafCode,
      ...entry,
      explanation: clean(input.explanation),
      updatedBy: actor.userId,
    });
    await audit({
      action: "scorecard.entry",
      entityId: id,
      unitId: loaded.card.unitId,
      after: { leafCode, ...entry },
      summary: input.notApplicable
        ? `Tiêu chí ${leafCode}: không phát sinh`
        : `Tự chấm tiêu chí ${leafCode}: ${entry.selfPoints ?? "bỏ điểm"}${entry.overrideReason ? ` (điều chỉnh: ${entry.overrideReason})` : ""}`,
    });
    return { data: { leafCode } };
  });
}

export interface AppraisalEntryInput {
  appraisedPoints: number | null;
  appraisedNotApplicable: boolean;
  note?: string | null;
}

export async function appraiseEntry(
  db: Executor,
  actor: Actor,
  id: string,
  leafCode: string,
  input: AppraisalEntryInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const loaded = await editable(tx, actor, id, "scorecard.appraise", "submitted");
    const leaf = leafOrThrow(loaded, leafCode);
    const points = input.appraisedNotApplicable ? null : input.appraisedPoints;
    const problem = checkAppraisedPoints(leaf, points);
    if (problem) throw new AppError("SCORECARD_ENTRY_INVALID", { params: { reason: problem } });
    const current = loaded.entries.find((e) => e.leafCode === leafCode) ?? emptyEntry(leafCode);
    await repo.upsertEntry(tx, {
      scorecardId: id,
      leafCode,
      selfPoints: current.selfPoints,
      notApplicable: current.notApplicable,
      explanation: current.explanation,
      overrideReason: current.overrideReason,
      appraisedPoints: points,
      appraisedNotApplicable: input.appraisedNotApplicable,
      appraisalNote: clean(input.note),
      updatedBy: actor.userId,
    });
    await audit({
      action: "scorecard.appraise_entry",
      entityId: id,
      unitId: loaded.card.unitId,
      before: { selfPoints: current.selfPoints, appraisedPoints: current.appraisedPoints },
      after: { appraisedPoints: points, note: clean(input.note) },
      summary: `Thẩm định tiêu chí ${leafCode}: ${input.appraisedNotApplicable ? "không phát sinh" : (points ?? "giữ điểm tự chấm")}`,
    });
    return { data: { leafCode } };
  });
}

export async function linkScorecardEvidence(
  db: Executor,
  actor: Actor,
  id: string,
  input: { leafCodes: string[]; evidenceIds: string[] },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const loaded = await editable(tx, actor, id, "scorecard.write", "draft");
    for (const code of input.leafCodes) leafOrThrow(loaded, code);
    const found = await repo.evidenceFilesOfUnit(tx, loaded.card.unitId, input.evidenceIds);
    if (found.length !== new Set(input.evidenceIds).size) {
      throw new AppError("SCORECARD_EVIDENCE_NOT_FOUND");
    }
    await repo.linkEvidence(
      tx,
      input.leafCodes.flatMap((leafCode) =>
        input.evidenceIds.map((evidenceId) => ({
          scorecardId: id,
          leafCode,
          evidenceId,
          linkedBy: actor.userId,
        })),
      ),
    );
    await audit({
      action: "scorecard.evidence",
      entityId: id,
      unitId: loaded.card.unitId,
      after: input,
      summary: `Gắn ${found.map((f) => `“${f.fileName}”`).join(", ")} làm tài liệu kiểm chứng cho tiêu chí ${input.leafCodes.join(", ")}`,
    });
    return { data: { linked: input.leafCodes.length * found.length } };
  });
}

/**
 * Throws unless the actor may add evidence to the scorecard now (its unit's writer, in draft):
 * asked before a byte of an upload is read.
 */
export async function requireScorecardUploadable(db: Executor, actor: Actor, id: string) {
  await access.requireRecord(db, actor, "scorecard", id, {
    read: "scorecard.read",
    act: "scorecard.write",
    notFound: "SCORECARD_NOT_FOUND",
  });
  const card = await repo.findScorecard(db, id);
  if (!card) throw new AppError("SCORECARD_NOT_FOUND");
  if (card.status !== "draft") {
    throw new AppError("SCORECARD_NOT_EDITABLE", {
      params: { status: SCORECARD_STATUS_LABELS[card.status] },
    });
  }
}

/**
 * Stores a new evidence file of the scorecard's unit (checked and stored like a task's) and links
 * it to one or more leaves, in one transaction. Readers of the scorecard read the file.
 */
export async function uploadScorecardEvidence(
  db: Executor,
  actor: Actor,
  dataDir: string,
  id: string,
  input: { leafCodes: string[]; upload: EvidenceUpload },
) {
  const inspected = inspectEvidence(input.upload.bytes);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const loaded = await editable(tx, actor, id, "scorecard.write", "draft");
    for (const code of input.leafCodes) leafOrThrow(loaded, code);
    await storeEvidenceFile(dataDir, inspected.sha256, input.upload.bytes);
    const evidence = await planRepository.insertEvidence(
      tx,
      evidenceRow(input.upload, inspected, {
        unitId: loaded.card.unitId,
        uploadedBy: actor.userId,
      }),
    );
    await repo.linkEvidence(
      tx,
      input.leafCodes.map((leafCode) => ({
        scorecardId: id,
        leafCode,
        evidenceId: evidence.id,
        linkedBy: actor.userId,
      })),
    );
    await audit({
      action: "evidence.upload",
      entityId: evidence.id,
      unitId: loaded.card.unitId,
      after: { ...evidence, scorecardId: id, leafCodes: input.leafCodes },
      summary: `Tải lên tài liệu kiểm chứng “${evidence.fileName}” cho tiêu chí ${input.leafCodes.join(", ")} của phiếu Chỉ số CCHC năm ${loaded.card.year}`,
    });
    return {
      data: {
        id: evidence.id,
        fileName: evidence.fileName,
        contentType: evidence.contentType,
        sizeBytes: evidence.sizeBytes,
        sha256: evidence.sha256,
        documentNumber: evidence.documentNumber,
        documentDate: evidence.documentDate ?? null,
        documentType: evidence.documentType,
        uploadedAt: evidence.uploadedAt.toISOString(),
        leafCodes: input.leafCodes,
      },
    };
  });
}

export async function unlinkScorecardEvidence(
  db: Executor,
  actor: Actor,
  id: string,
  input: { leafCode: string; evidenceId: string },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const loaded = await editable(tx, actor, id, "scorecard.write", "draft");
    leafOrThrow(loaded, input.leafCode);
    await repo.unlinkEvidence(tx, id, input.leafCode, input.evidenceId);
    await audit({
      action: "scorecard.evidence",
      entityId: id,
      unitId: loaded.card.unitId,
      before: input,
      summary: `Bỏ tài liệu kiểm chứng khỏi tiêu chí ${input.leafCode}`,
    });
    return { data: { leafCode: input.leafCode } };
  });
}

/* ---------- workflow ---------- */

export async function transitionScorecard(
  db: Executor,
  actor: Actor,
  id: string,
  input: { action: ScorecardTransition; note?: string | null; today?: string },
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const act = transitionSide(input.action) === "unit" ? "scorecard.write" : "scorecard.appraise";
    await access.requireRecord(tx, actor, "scorecard", id, {
      read: "scorecard.read",
      act,
      notFound: "SCORECARD_NOT_FOUND",
    });
    const loaded = await load(tx, id);
    const { card, document, entries } = loaded;
    const to = nextStatus(card.status, input.action);
    if (!to) {
      throw new AppError("SCORECARD_TRANSITION_INVALID", {
        params: {
          action: SCORECARD_TRANSITION_LABELS[input.action],
          status: SCORECARD_STATUS_LABELS[card.status],
        },
      });
    }
    const note = clean(input.note);
    if (input.action === "return" && !note) throw new AppError("SCORECARD_REASON_REQUIRED");
    if (input.action === "submit") {
      const issues = submissionIssues(document, entries);
      if (issues.length > 0) {
        throw new AppError("SCORECARD_EVIDENCE_MISSING", {
          details: issues.map((i) => ({ path: i.leafCode, message: i.message })),
        });
      }
    }
    const live = await liveInputs(
      tx,
      card.unitId,
      card.year,
      input.today ?? vietnamDate(new Date()),
    );
    const score = scoreScorecard(document, entries, live, {
      withAppraisal: to === "appraised" || to === "published",
    });
    const result = {
      selfTotal: score.self.total,
      selfIndex: score.selfIndex,
      appraisedTotal: score.appraised?.total ?? null,
      appraisedIndex: score.appraisedIndex,
    };
    // The areas are frozen with the totals (live leaves as they stood): the ranking reads them.
    const areas = score.self.nodes.map((area, index) => ({
      code: area.code,
      name: area.name,
      max: area.max,
      selfPoints: area.points,
      appraisedPoints: score.appraised?.nodes[index]?.points ?? null,
    }));
    await repo.updateScorecard(tx, id, { status: to, result: { ...result, areas } });
    await repo.insertEvent(tx, {
      scorecardId: id,
      action: input.action,
      fromStatus: card.status,
      toStatus: to,
      note,
      snapshot: result,
      actorId: actor.userId,
    });
    await audit({
      action: "scorecard.transition",
      entityId: id,
      unitId: card.unitId,
      before: { status: card.status },
      after: { status: to, ...result },
      summary: `${SCORECARD_TRANSITION_LABELS[input.action]} phiếu Chỉ số CCHC năm ${card.year}${note ? `: ${note}` : ""}`,
    });
    return { data: { id, status: to, ...result } };
  });
}

/* ---------- forecast ---------- */

export async function scorecardForecast(db: Executor, actor: Actor, id: string, asOf: string) {
  await access.requireRecord(db, actor, "scorecard", id, {
    read: "scorecard.read",
    notFound: "SCORECARD_NOT_FOUND",
  });
  const { card, document, entries } = await load(db, id);
  const live = await liveInputs(db, card.unitId, card.year, asOf);
  const tasks = await repo.yearTasks(db, card.unitId, card.year);
  const open = tasks
    .filter((t) => !["completed", "completed_late", "cancelled"].includes(t.status))
    .map((t) => ({ areaKey: t.areaKey ?? "", text: t.text, dueDate: t.dueDate ?? null }));
  return { data: forecastScorecard({ document, entries, live, openTasks: open, asOf }) };
}

/* ---------- ranking ---------- */

export async function scorecardRanking(
  db: Executor,
  actor: Actor,
  query: { unitId: string; year: number; bands?: ScoreBand[] },
) {
  await requireUnitAction(db, actor, ["scorecard.appraise"], query.unitId);
  if (query.bands) {
    const problem = checkBands(query.bands);
    if (problem) throw new AppError("SCORECARD_BANDS_INVALID", { params: { reason: problem } });
  }
  const tree = await loadUnitTree(db);
  const below = tree.descendants(query.unitId).filter((id) => id !== query.unitId);
  const units = await repo.unitNames(db, below);
  const cards = await repo.scorecardsOfUnits(db, below, query.year);
  const readable = await access.check(
    db,
    actor,
    "scorecard.read",
    "scorecard",
    cards.map((c) => c.id),
  );
  const final = cards.filter(
    (c) => readable.has(c.id) && (c.status === "appraised" || c.status === "published"),
  );
  // The units that have a scorecard, plus every unit of the level the methodology scores.
  const levelOf = new Map(units.map((u) => [u.id, u.level]));
  const scoredLevels = new Set(cards.map((c) => levelOf.get(c.unitId)));
  // A unit that no longer existed at the year's end (merged away) is listed only if it was scored.
  const inForce = new Set(tree.descendants(query.unitId, { on: `${query.year}-12-31` }));
  const listed = units.filter(
    (u) => cards.some((c) => c.unitId === u.id) || (inForce.has(u.id) && scoredLevels.has(u.level)),
  );
  const cardOf = new Map(final.map((c) => [c.unitId, c]));
  const methodologyIds = [...new Set(final.map((c) => c.methodologyId))];
  const documents = new Map<string, MethodologyDocument>();
  for (const mid of methodologyIds) {
    const m = await methodologyRepository.findMethodology(db, mid);
    if (m?.document) documents.set(mid, m.document);
  }
  const firstDoc = documents.values().next().value as MethodologyDocument | undefined;
  const bands = query.bands ?? (firstDoc ? bandsAsPercent(firstDoc) : DEFAULT_BANDS);
  const entries = await repo.entriesOf(
    db,
    final.map((c) => c.id),
  );
  const ranked = rankUnits(
    listed.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      index: cardOf.get(u.id)?.result?.appraisedIndex ?? null,
    })),
    bands,
  );
  return {
    data: {
      year: query.year,
      bands,
      rows: ranked.map((row) => {
        const card = cardOf.get(row.unitId);
        const document = card ? documents.get(card.methodologyId) : undefined;
        let areas: { code: string; name: string; points: number; max: number }[] = [];
        if (card?.result?.areas) {
          areas = card.result.areas.map((a) => ({
            code: a.code,
            name: a.name,
            points: a.appraisedPoints ?? a.selfPoints,
            max: a.max,
          }));
        } else if (card && document) {
          // Cards appraised before the areas were saved: read from the entries alone.
          const cardEntries = entries
            .filter((e) => e.scorecardId === card.id)
            .map((e) => ({ ...e, evidenceCount: 0 }));
          const score = scoreScorecard(document, cardEntries, {}, { withAppraisal: true });
          areas = (score.appraised ?? score.self).nodes.map((n) => ({
            code: n.code,
            name: n.name,
            points: n.points,
            max: n.max,
          }));
        }
        return {
          ...row,
          band: row.band ? { code: row.band.code, label: row.band.label, min: row.band.min } : null,
          scorecardId: card?.id ?? null,
          status: card?.status ?? null,
          areas,
        };
      }),
    },
  };
}

const DEFAULT_BANDS: ScoreBand[] = [
  { code: "A", label: "Nhóm A (từ 90%)", min: 90 },
  { code: "B", label: "Nhóm B (80% đến dưới 90%)", min: 80 },
  { code: "C", label: "Nhóm C (70% đến dưới 80%)", min: 70 },
  { code: "D", label: "Nhóm D (dưới 70%)", min: 0 },
];

function bandsAsPercent(document: MethodologyDocument): ScoreBand[] {
  return document.bands.map((b) => ({ ...b, min: (b.min / document.scale) * 100 }));
}
