/**
 * Methodologies: PAR criteria sets saved as drafts, typically from the criteria table of an
 * imported self-scoring appendix (the plan import's review screen), read back as a tree.
 */
import { randomUUID } from "node:crypto";
import {
  METHODOLOGY_KIND_LABELS,
  METHODOLOGY_STATUS_LABELS,
  assembleMethodologyTree,
  buildMethodologyTree,
  depthLabel,
  type CriterionRowInput,
} from "../../core/methodology/index.ts";
import type { UnitLevel } from "../../core/organization/unit-rules.ts";
import { formatNumber } from "../../core/text/number-format.ts";
import { scopeIncludes } from "../../core/access/role-policy.ts";
import type { Executor } from "../db/database.ts";
import * as methodologyRepository from "../db/repositories/methodology.repository.ts";
import type { CriterionRow, MethodologyRow } from "../db/repositories/methodology.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export interface CreateMethodologyInput {
  unitId: string;
  name: string;
  year: number;
  /** Level of the units the criteria score; the owning unit's level when left out. */
  level?: UnitLevel;
  sourceFilename?: string | null;
  criteria: CriterionRowInput[];
}

/** The stored criteria (in table order) as the core's tree. */
function treeOf(criteria: CriterionRow[]) {
  const rowOf = new Map(criteria.map((c, index) => [c.id, index + 1]));
  return assembleMethodologyTree(
    criteria.map((c) => ({
      ref: c.ref,
      text: c.text,
      maxPoints: c.maxPoints,
      evidenceHint: c.evidenceHint,
      parentRow: c.parentId ? (rowOf.get(c.parentId) ?? null) : null,
    })),
  );
}

function summaryOf(
  methodology: MethodologyRow & { unitName: string; createdByName: string | null },
  criteria: CriterionRow[],
) {
  return {
    id: methodology.id,
    unitId: methodology.unitId,
    unitName: methodology.unitName,
    kind: methodology.kind,
    kindLabel: METHODOLOGY_KIND_LABELS[methodology.kind],
    name: methodology.name,
    year: methodology.year,
    level: methodology.level,
    status: methodology.status,
    statusLabel: METHODOLOGY_STATUS_LABELS[methodology.status],
    sourceFilename: methodology.sourceFilename,
    createdByName: methodology.createdByName,
    createdAt: methodology.createdAt.toISOString(),
    criteriaCount: criteria.length,
    totalMaxPoints: treeOf(criteria).totalMaxPoints,
    code: methodology.code,
    version: methodology.version,
    effectiveFrom: methodology.effectiveFrom,
    effectiveTo: methodology.effectiveTo,
    hasDocument: methodology.document !== null,
  };
}

/** Saves a criteria table as a methodology draft: the methodology and every row, or nothing. */
export async function createMethodology(db: Executor, actor: Actor, input: CreateMethodologyInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "methodology.read", "unit", [input.unitId]);
    if (!readable.has(input.unitId)) throw new AppError("UNIT_NOT_FOUND");
    await access.require(tx, actor, "methodology.write", "unit", input.unitId);
    const unit = await findUnitById(tx, input.unitId);
    if (!unit) throw new AppError("UNIT_NOT_FOUND");

    const tree = buildMethodologyTree(input.criteria);
    if (tree.errors.length > 0) {
      throw new AppError("METHODOLOGY_CRITERIA_INVALID", {
        details: tree.errors.map((error) =>
          error.row === null
            ? { path: "criteria", message: error.message }
            : { row: error.row, path: `criteria.${error.row - 1}`, message: error.message },
        ),
      });
    }

    const methodology = await methodologyRepository.insertMethodology(tx, {
      unitId: unit.id,
      kind: "par_index",
      name: input.name.trim(),
      year: input.year,
      level: input.level ?? unit.level,
      status: "draft",
      sourceFilename: input.sourceFilename?.trim() || null,
      createdBy: actor.userId,
    });
    const ids = tree.nodes.map(() => randomUUID());
    await methodologyRepository.insertCriteria(
      tx,
      tree.nodes.map((node, index) => ({
        id: ids[index]!,
        methodologyId: methodology.id,
        parentId: node.parentRow === null ? null : ids[node.parentRow - 1]!,
        ref: node.ref,
        text: node.text,
        maxPoints: node.maxPoints,
        position: node.row,
        evidenceHint: node.evidenceHint,
      })),
    );
    await audit({
      action: "methodology.create",
      entityId: methodology.id,
      unitId: unit.id,
      after: {
        name: methodology.name,
        year: methodology.year,
        level: methodology.level,
        criteria: tree.nodes.map((n) => [n.ref, n.maxPoints]),
      },
      summary: `Tạo dự thảo bộ tiêu chí “${methodology.name}” năm ${methodology.year}: ${tree.nodes.length} dòng, tổng điểm tối đa ${formatNumber(tree.totalMaxPoints, { maxFractionDigits: 3, minFractionDigits: 0 })}`,
    });
    return {
      data: {
        id: methodology.id,
        criteriaCount: tree.nodes.length,
        totalMaxPoints: tree.totalMaxPoints,
        warnings: tree.warnings,
      },
    };
  });
}

/** The methodologies the actor may read (optionally one unit's), with their totals. */
export async function listMethodologies(
  exec: Executor,
  actor: Actor,
  filter: { unitId?: string } = {},
) {
  const scope = await access.unitScope(exec, actor, "methodology.read");
  let unitIds = access.scopeToIds(scope);
  if (filter.unitId) {
    if (!scopeIncludes(scope, filter.unitId)) throw new AppError("UNIT_NOT_FOUND");
    unitIds = [filter.unitId];
  }
  const methodologies = await methodologyRepository.listMethodologiesOfUnits(exec, unitIds);
  const criteria = await methodologyRepository.listCriteria(
    exec,
    methodologies.map((m) => m.id),
  );
  const writeScope = await access.unitScope(exec, actor, "methodology.write");
  return {
    data: methodologies.map((methodology) =>
      summaryOf(
        methodology,
        criteria.filter((c) => c.methodologyId === methodology.id),
      ),
    ),
    can: { create: writeScope.kind === "all" || writeScope.unitIds.size > 0 },
  };
}

/** One methodology with its criteria in table order, each with its depth and parent. */
export async function getMethodology(exec: Executor, actor: Actor, id: string) {
  const allowed = await access.check(exec, actor, "methodology.read", "methodology", [id]);
  if (!allowed.has(id)) throw new AppError("METHODOLOGY_NOT_FOUND");
  const methodology = await methodologyRepository.findMethodology(exec, id);
  if (!methodology) throw new AppError("METHODOLOGY_NOT_FOUND");
  const criteria = await methodologyRepository.listCriteria(exec, [id]);
  const tree = treeOf(criteria);
  return {
    data: {
      ...summaryOf(methodology, criteria),
      criteria: tree.nodes.map((node, index) => ({
        id: criteria[index]!.id,
        parentId: criteria[index]!.parentId,
        ref: node.ref,
        text: node.text,
        depth: node.depth,
        levelLabel: depthLabel(node.depth),
        maxPoints: node.maxPoints,
        effectiveMaxPoints: node.effectiveMaxPoints,
        childrenMaxPoints: node.childrenMaxPoints,
        evidenceHint: node.evidenceHint,
      })),
      warnings: tree.warnings,
    },
  };
}
