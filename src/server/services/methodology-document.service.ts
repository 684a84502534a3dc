/**
 * Methodologies as scoring documents: imported as checked JSON (the QĐ 766 index shipped in the
 * repository, or a new version of it), exported as the same JSON, scored against figures on the
 * engine of the core. A version is one row per unit (code + version), with its effective dates.
 */
import { randomUUID } from "node:crypto";
import {
  checkMethodologyDocument,
  checkMetricInputs,
  isLeaf,
  scoreMethodology,
  type DocumentIssue,
  type MethodologyDocument,
  type MethodologyNodeSpec,
} from "../../core/methodology/index.ts";
import { unknownMetricCodes } from "../../core/methodology/methodology-document.ts";
import { KNOWN_METRIC_CODES } from "../../core/scorecard/index.ts";
import type { UnitLevel } from "../../core/organization/unit-rules.ts";
import { formatNumber } from "../../core/text/number-format.ts";
import type { Executor } from "../db/database.ts";
import * as methodologyRepository from "../db/repositories/methodology.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export interface ImportMethodologyDocumentInput {
  unitId: string;
  /** Level of the units it scores; the owning unit's level when left out. */
  level?: UnitLevel;
  sourceFilename?: string | null;
  /** The JSON document, checked here (its errors name their path under "document"). */
  document: unknown;
}

const detailsOf = (prefix: string, errors: DocumentIssue[]) =>
  errors.map((error) => ({
    path: [prefix, error.path].filter(Boolean).join("."),
    message: error.message,
  }));

/** The document's tree as criteria rows, numbered as a table prints them (1, 1.1, 1.1.1). */
function criteriaRowsOf(document: MethodologyDocument) {
  const rows: {
    id: string;
    parentId: string | null;
    ref: string;
    text: string;
    maxPoints: number;
  }[] = [];
  const visit = (node: MethodologyNodeSpec, ref: string, parentId: string | null) => {
    const id = randomUUID();
    rows.push({ id, parentId, ref, text: node.name, maxPoints: node.maxPoints });
    if (!isLeaf(node)) node.children.forEach((child, i) => visit(child, `${ref}.${i + 1}`, id));
  };
  document.nodes.forEach((node, index) => visit(node, String(index + 1), null));
  return rows;
}

/** Saves a checked scoring document as a methodology version of the unit, in one transaction. */
export async function importMethodologyDocument(
  db: Executor,
  actor: Actor,
  input: ImportMethodologyDocumentInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "methodology.read", "unit", [input.unitId]);
    if (!readable.has(input.unitId)) throw new AppError("UNIT_NOT_FOUND");
    await access.require(tx, actor, "methodology.write", "unit", input.unitId);
    const unit = await findUnitById(tx, input.unitId);
    if (!unit) throw new AppError("UNIT_NOT_FOUND");

    const checked = checkMethodologyDocument(input.document);
    if (!checked.ok) {
      throw new AppError("METHODOLOGY_DOCUMENT_INVALID", {
        details: detailsOf("document", checked.errors),
      });
    }
    const document = checked.document;
    const unknown = unknownMetricCodes(document, KNOWN_METRIC_CODES);
    if (unknown.length > 0) {
      const bound = checkMethodologyDocument(input.document, { metricCodes: KNOWN_METRIC_CODES });
      throw new AppError("METHODOLOGY_UNKNOWN_METRIC", {
        params: { codes: unknown.join(", ") },
        details: bound.ok ? [] : detailsOf("document", bound.errors),
      });
    }
    const existing = await methodologyRepository.findVersion(
      tx,
      unit.id,
      document.code,
      document.version,
    );
    if (existing) {
      throw new AppError("METHODOLOGY_VERSION_EXISTS", {
        params: { code: document.code, version: document.version },
      });
    }
    const methodology = await methodologyRepository.insertMethodology(tx, {
      unitId: unit.id,
      kind: document.kind,
      name: document.name,
      year: Number(document.effectiveFrom.slice(0, 4)),
      level: input.level ?? unit.level,
      status: "draft",
      sourceFilename: input.sourceFilename?.trim() || null,
      code: document.code,
      version: document.version,
      effectiveFrom: document.effectiveFrom,
      effectiveTo: document.effectiveTo ?? null,
      document,
      createdBy: actor.userId,
    });
    const rows = criteriaRowsOf(document);
    await methodologyRepository.insertCriteria(
      tx,
      rows.map((row, index) => ({ ...row, methodologyId: methodology.id, position: index + 1 })),
    );
    await audit({
      action: "methodology.import",
      entityId: methodology.id,
      unitId: unit.id,
      after: document,
      summary: `Nhập phương pháp chấm “${document.name}” phiên bản ${document.version}, hiệu lực từ ${document.effectiveFrom}: ${rows.length} mục, thang điểm ${formatNumber(document.scale, { maxFractionDigits: 2, minFractionDigits: 0 })}`,
    });
    return {
      data: {
        id: methodology.id,
        code: document.code,
        version: document.version,
        criteriaCount: rows.length,
        totalMaxPoints: document.scale,
      },
    };
  });
}

async function readableDocument(exec: Executor, actor: Actor, id: string) {
  const allowed = await access.check(exec, actor, "methodology.read", "methodology", [id]);
  if (!allowed.has(id)) throw new AppError("METHODOLOGY_NOT_FOUND");
  const methodology = await methodologyRepository.findMethodology(exec, id);
  if (!methodology) throw new AppError("METHODOLOGY_NOT_FOUND");
  if (!methodology.document) throw new AppError("METHODOLOGY_NO_DOCUMENT");
  return methodology.document;
}

/**
 * The stored document, as it re-imports: passed through the checker again, which writes its
 * fields in the document's order (the database keeps JSON keys in its own order).
 */
export async function exportMethodologyDocument(exec: Executor, actor: Actor, id: string) {
  const checked = checkMethodologyDocument(await readableDocument(exec, actor, id));
  if (!checked.ok) throw new Error("a stored methodology document no longer passes its checks");
  return checked.document;
}

/**
 * Scores the methodology against figures by metric code (what-if, or figures gathered by the KPI
 * helper); missing figures follow each leaf's zero-denominator policy. Nothing is written.
 */
export async function scoreStoredMethodology(
  exec: Executor,
  actor: Actor,
  id: string,
  indicators: unknown,
) {
  const document = await readableDocument(exec, actor, id);
  const inputs = checkMetricInputs(indicators, document, "indicators");
  if (!inputs.ok) {
    throw new AppError("METHODOLOGY_INPUTS_INVALID", { details: detailsOf("", inputs.errors) });
  }
  return { data: scoreMethodology(document, inputs.inputs) };
}
