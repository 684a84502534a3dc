import { scopeIncludes } from "../../core/access/role-policy.ts";
import { parseUnitRows, type CellValue } from "../../core/organization/unit-import.ts";
import {
  isUnitActive,
  unitProblem,
  type CommuneKind,
  type UnitLevel,
} from "../../core/organization/unit-rules.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import { compareVietnamese, matchesSearch } from "../../core/text/vietnamese-text.ts";
import type { Executor } from "../db/database.ts";
import * as unitRepository from "../db/repositories/unit.repository.ts";
import type { UnitListRow, UnitRow } from "../db/repositories/unit.repository.ts";
import { AppError, type ErrorDetail } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export interface UnitInput {
  code: string;
  name: string;
  level: UnitLevel;
  kind?: CommuneKind | null;
  parentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  mergedIntoId?: string | null;
}

export interface UnitView extends Omit<UnitListRow, "createdAt" | "updatedAt"> {
  isActive: boolean;
  can: { update: boolean };
}

function toView(row: UnitListRow, canUpdate: boolean, today: string): UnitView {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, isActive: isUnitActive(row, today), can: { update: canUpdate } };
}

const LEVEL_ORDER: Record<string, number> = { province: 0, district: 1, commune: 2 };

export async function listUnits(
  db: Executor,
  actor: Actor,
  filter: { q?: string; level?: UnitLevel; includeInactive?: boolean },
) {
  const readScope = await access.unitScope(db, actor, "unit.read");
  const writeScope = await access.unitScope(db, actor, "unit.write");
  const today = vietnamDate(new Date());
  const rows = await unitRepository.listUnits(db, access.scopeToIds(readScope));
  const views = rows
    .filter((row) => !filter.level || row.level === filter.level)
    .filter((row) => !filter.q || matchesSearch(`${row.name} ${row.code}`, filter.q))
    .map((row) => toView(row, scopeIncludes(writeScope, row.id), today))
    .filter((view) => filter.includeInactive || view.isActive)
    .sort(
      (a, b) =>
        (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
        compareVietnamese(a.name, b.name),
    );
  const canCreate = writeScope.kind === "all" || writeScope.unitIds.size > 0;
  return { data: views, can: { create: canCreate, import: canCreate } };
}

export async function getUnit(db: Executor, actor: Actor, id: string) {
  const readable = await access.check(db, actor, "unit.read", "unit", [id]);
  const row = readable.has(id) ? await unitRepository.findUnitById(db, id) : null;
  if (!row) throw new AppError("UNIT_NOT_FOUND");
  const canUpdate = (await access.check(db, actor, "unit.write", "unit", [id])).has(id);
  const canCreateAgency = (await access.check(db, actor, "agency.write", "unit", [id])).has(id);
  return {
    data: {
      ...toView(row, canUpdate, vietnamDate(new Date())),
      agencyCount: await unitRepository.countUnitAgencies(db, id),
      childCount: await unitRepository.countUnitChildren(db, id),
    },
    can: { update: canUpdate, createAgency: canCreateAgency },
  };
}

async function validateUnit(
  tx: Executor,
  actor: Actor,
  unit: Required<UnitInput> & { id?: string },
) {
  let parent: UnitRow | null = null;
  if (unit.parentId) {
    parent = await unitRepository.findUnitById(tx, unit.parentId);
    if (!parent) throw new AppError("UNIT_PARENT_INVALID", { params: { reason: "không tồn tại" } });
  }
  if (unit.mergedIntoId && !(await unitRepository.findUnitById(tx, unit.mergedIntoId))) {
    throw new AppError("UNIT_PARENT_INVALID", {
      params: { reason: "đơn vị được sáp nhập vào không tồn tại" },
    });
  }
  if (unit.id && unit.parentId && (await isDescendant(tx, unit.parentId, unit.id))) {
    throw new AppError("UNIT_PARENT_INVALID", {
      params: { reason: "không thể chọn đơn vị cấp dưới của chính nó" },
    });
  }
  const problem = unitProblem(unit, parent ? { level: parent.level } : null);
  if (problem) throw new AppError("UNIT_PARENT_INVALID", { params: { reason: problem } });
  // A unit is written under its parent: the actor needs write access there (or global access
  // for a new top-level unit).
  const anchor = unit.parentId ?? unit.id ?? null;
  const writeScope = await access.unitScope(tx, actor, "unit.write");
  if (!scopeIncludes(writeScope, anchor) && writeScope.kind !== "all") {
    throw new AppError("FORBIDDEN");
  }
}

async function isDescendant(tx: Executor, candidateId: string, ancestorId: string) {
  return (await unitRepository.loadUnitTree(tx)).isWithin(candidateId, ancestorId);
}

function withDefaults(input: UnitInput): Required<UnitInput> {
  return {
    code: input.code.trim(),
    name: input.name.trim(),
    level: input.level,
    kind: input.kind ?? null,
    parentId: input.parentId ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    mergedIntoId: input.mergedIntoId ?? null,
  };
}

async function ensureCodeFree(tx: Executor, code: string, exceptId?: string) {
  const [existing] = await unitRepository.findUnitsByCodes(tx, [code]);
  if (existing && existing.id !== exceptId)
    throw new AppError("UNIT_CODE_TAKEN", { params: { code } });
}

export async function createUnit(db: Executor, actor: Actor, input: UnitInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const unit = withDefaults(input);
    await validateUnit(tx, actor, unit);
    await ensureCodeFree(tx, unit.code);
    const row = await unitRepository.insertUnit(tx, unit);
    await audit({
      action: "unit.create",
      entityId: row.id,
      unitId: row.id,
      after: row,
      summary: `Tạo đơn vị ${row.name} (${row.code})`,
    });
    return {
      data: toView((await unitRepository.findUnitById(tx, row.id))!, true, vietnamDate(new Date())),
    };
  });
}

export async function updateUnit(
  db: Executor,
  actor: Actor,
  id: string,
  input: Partial<UnitInput>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "unit.read", "unit", [id]);
    const before = readable.has(id) ? await unitRepository.findUnitById(tx, id) : null;
    if (!before) throw new AppError("UNIT_NOT_FOUND");
    await access.require(tx, actor, "unit.write", "unit", id);
    const merged = withDefaults({ ...before, ...stripUndefined(input) } as UnitInput);
    await validateUnit(tx, actor, { ...merged, id });
    await ensureCodeFree(tx, merged.code, id);
    const row = await unitRepository.updateUnit(tx, id, merged);
    await audit({
      action: "unit.update",
      entityId: id,
      unitId: id,
      before: stripNames(before),
      after: row,
      summary: `Cập nhật đơn vị ${row.name} (${row.code})`,
    });
    return {
      data: toView((await unitRepository.findUnitById(tx, id))!, true, vietnamDate(new Date())),
    };
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function stripNames(row: UnitListRow): UnitRow {
  const { parentName: _p, mergedIntoName: _m, ...rest } = row;
  return rest;
}

/**
 * Imports a unit list: all rows or none. Parents and merge targets may be earlier rows of the same
 * file or units already in the database; existing codes are updated.
 */
export async function importUnits(
  db: Executor,
  actor: Actor,
  sheet: { headers: string[]; rows: CellValue[][] },
) {
  const parsed = parseUnitRows(sheet.headers, sheet.rows);
  if (parsed.problems.length > 0) {
    throw new AppError("UNIT_IMPORT_INVALID", { details: parsed.problems });
  }
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const problems: ErrorDetail[] = [];
    let created = 0;
    let updated = 0;
    const fileCodes = new Set(parsed.rows.map((r) => r.code));
    // Parents first: a row may only refer to units that exist when it is written.
    const pending = [...parsed.rows];
    const ordered: typeof pending = [];
    const placed = new Set<string>();
    while (pending.length > 0) {
      const index = pending.findIndex((r) =>
        [r.parentCode, r.mergedIntoCode].every(
          (code) => !code || !fileCodes.has(code) || placed.has(code) || code === r.code,
        ),
      );
      if (index === -1) {
        for (const r of pending) {
          problems.push({
            row: r.row,
            path: "parentCode",
            message: "Quan hệ cấp trên bị vòng lặp.",
          });
        }
        break;
      }
      const [next] = pending.splice(index, 1);
      ordered.push(next!);
      placed.add(next!.code);
    }
    for (const row of ordered) {
      const codes = [row.code, row.parentCode, row.mergedIntoCode].filter((c): c is string => !!c);
      const known = new Map(
        (await unitRepository.findUnitsByCodes(tx, codes)).map((u) => [u.code, u]),
      );
      const parent = row.parentCode ? known.get(row.parentCode) : null;
      if (row.parentCode && !parent) {
        problems.push({
          row: row.row,
          path: "parentCode",
          message: `Không có đơn vị cấp trên mã ${row.parentCode}.`,
        });
        continue;
      }
      const mergedInto = row.mergedIntoCode ? known.get(row.mergedIntoCode) : null;
      if (row.mergedIntoCode && !mergedInto) {
        problems.push({
          row: row.row,
          path: "mergedIntoCode",
          message: `Không có đơn vị mã ${row.mergedIntoCode} để sáp nhập vào.`,
        });
        continue;
      }
      const existing = known.get(row.code);
      const input: Required<UnitInput> & { id?: string } = {
        ...(existing ? { id: existing.id } : {}),
        code: row.code,
        name: row.name,
        level: row.level,
        kind: row.kind,
        parentId: parent?.id ?? null,
        validFrom: row.validFrom,
        validTo: row.validTo,
        mergedIntoId: mergedInto?.id ?? null,
      };
      try {
        await validateUnit(tx, actor, input);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push({ row: row.row, path: "parentCode", message: error.message });
        continue;
      }
      if (existing) {
        await unitRepository.updateUnit(tx, existing.id, input);
        updated++;
      } else {
        await unitRepository.insertUnit(tx, input);
        created++;
      }
    }
    if (problems.length > 0) {
      // Throwing rolls the whole transaction back: nothing from this file is kept.
      throw new AppError("UNIT_IMPORT_INVALID", { details: problems });
    }
    await audit({
      action: "unit.import",
      entityId: null,
      unitId: null,
      after: parsed.rows,
      summary: `Nhập danh sách đơn vị: ${created} mới, ${updated} cập nhật`,
    });
    return { data: { created, updated, total: parsed.rows.length } };
  });
}
