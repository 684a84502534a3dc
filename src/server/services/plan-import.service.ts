/**
 * Import → review: reads an official's plan file (or pasted text), extracts its structure and
 * maps it onto a create-plan draft for the actor's unit. Saves nothing: the reviewed draft is
 * saved through `createPlan` (POST /api/plans) in one transaction, and a criteria table (PAR
 * self-scoring appendix) through `createMethodology` (POST /api/methodologies).
 */
import { isUnitActive } from "../../core/organization/unit-rules.ts";
import {
  issuerUnitMismatch,
  issuerUnitMismatchMessage,
} from "../../core/plan-import/issuer-unit.ts";
import { parsePlan } from "../../core/plan-import/parse-plan.ts";
import type { PlanImport } from "../../core/plan-import/contract.ts";
import type { PlanDocument } from "../../core/plan-import/document-model.ts";
import { textToDocument } from "../../core/plan-import/text-source.ts";
import { toPlanDraft } from "../../core/plan-import/to-plan-draft.ts";
import type { Executor } from "../db/database.ts";
import { listAgenciesOfUnits } from "../db/repositories/agency.repository.ts";
import { findUnitById, listUnits } from "../db/repositories/unit.repository.ts";
import { findUserById } from "../db/repositories/user.repository.ts";
import { parseInWorker } from "../documents/parse-in-worker.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { today } from "./plan-view.service.ts";

export type PlanImportSource =
  { kind: "file"; bytes: Buffer; filename: string } | { kind: "text"; text: string };

/** One line of the source as the importer numbered it (table rows joined with " | "). */
export interface SourceLine {
  line: number;
  text: string;
}

function sourceLines(document: PlanDocument): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const block of document.blocks) {
    if (block.kind === "paragraph") lines.push({ line: block.line, text: block.text });
    else
      for (const row of block.rows)
        lines.push({
          line: row.line,
          text: row.cells.map((c) => c.replace(/\n/g, " / ")).join(" | "),
        });
  }
  return lines;
}

const PLAN_FILE_HEAP_MB = 128;

/** The file is read and parsed in a worker thread (time and memory limited). */
async function readSource(
  source: PlanImportSource,
): Promise<{ document: PlanDocument; extracted: PlanImport }> {
  if (source.kind === "text") {
    const document = textToDocument(source.text);
    return { document, extracted: parsePlan(document) };
  }
  // pdf.js needs a larger heap than the spreadsheet and Word readers.
  return parseInWorker(
    "planFile",
    { bytes: source.bytes, filename: source.filename },
    { heapMb: PLAN_FILE_HEAP_MB },
  );
}

function isEmptyImport(extracted: PlanImport) {
  return (
    !extracted.document.title &&
    !extracted.document.number &&
    extracted.bases.length === 0 &&
    extracted.targets.length === 0 &&
    extracted.tasks.length === 0 &&
    extracted.criteria.length === 0 &&
    extracted.areas.every((a) => a.tasks.length === 0)
  );
}

/**
 * The unit the draft is for: the one asked for, or the actor's own plan-writing unit — their home
 * unit when they write plans there (a user serving several units), else their first such grant's.
 */
async function draftUnit(db: Executor, actor: Actor, unitId: string | undefined) {
  const writing = actor.grants
    .filter((g) => g.unitId && (g.role === "focal_officer" || g.role === "leader"))
    .map((g) => g.unitId!);
  const home = actor.userId ? (await findUserById(db, actor.userId))?.unitId : null;
  const wanted = unitId ?? (home && writing.includes(home) ? home : writing[0]) ?? null;
  if (!wanted) throw new AppError("IMPORT_UNIT_REQUIRED");
  const readable = await access.check(db, actor, "plan.read", "unit", [wanted]);
  if (!readable.has(wanted)) throw new AppError("UNIT_NOT_FOUND");
  await access.require(db, actor, "plan.write", "unit", wanted);
  return wanted;
}

/**
 * Does the header name another unit than the draft's? Then the review names both and offers the
 * units the header names among those the actor may write plans for (active today).
 */
async function checkIssuerUnit(
  db: Executor,
  actor: Actor,
  issuer: string | null,
  unit: { id: string; name: string },
) {
  const scope = await access.unitScope(db, actor, "plan.write");
  const writable = (await listUnits(db, access.scopeToIds(scope))).filter((u) =>
    isUnitActive(u, today()),
  );
  return issuerUnitMismatch(issuer, unit, writable);
}

export async function previewPlanImport(
  db: Executor,
  actor: Actor,
  source: PlanImportSource,
  options: { unitId?: string } = {},
) {
  const unitId = await draftUnit(db, actor, options.unitId);
  const { document, extracted } = await readSource(source);
  if (isEmptyImport(extracted)) {
    throw new AppError("IMPORT_NOTHING_FOUND", {
      params: { filename: source.kind === "file" ? source.filename : "văn bản dán vào" },
    });
  }
  const agencies = (await listAgenciesOfUnits(db, [unitId]))
    .filter((a) => a.isActive)
    .map((a) => ({ id: a.id, name: a.name }));
  const { draft, warnings, unplaced } = toPlanDraft(extracted, {
    unitId,
    agencies,
    fallbackYear: Number(today().slice(0, 4)),
  });
  const methodologyWriters = await access.check(db, actor, "methodology.write", "unit", [unitId]);
  const unitRow = await findUnitById(db, unitId);
  const unit = { id: unitId, name: unitRow?.name ?? "" };
  const unitMismatch = await checkIssuerUnit(db, actor, extracted.document.issuer, unit);
  return {
    data: {
      extracted,
      draft,
      unit,
      /** The header names another unit: the review asks which unit the plan belongs to. */
      unitMismatch,
      warnings: unitMismatch
        ? [
            {
              code: unitMismatch.code,
              message: issuerUnitMismatchMessage(unitMismatch),
              line: null,
              level: "error" as const,
            },
            ...warnings,
          ]
        : warnings,
      unplaced,
      agencies,
      source: {
        format: document.format,
        filename: source.kind === "file" ? source.filename : null,
        lines: sourceLines(document),
      },
    },
    /** The draft saves as a plan (POST /api/plans); its criteria table as a methodology draft. */
    can: { createPlan: true, createMethodology: methodologyWriters.has(unitId) },
  };
}
