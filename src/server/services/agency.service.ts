import { scopeIncludes } from "../../core/access/role-policy.ts";
import { compareVietnamese } from "../../core/text/vietnamese-text.ts";
import type { Executor } from "../db/database.ts";
import * as agencyRepository from "../db/repositories/agency.repository.ts";
import type { AgencyListRow } from "../db/repositories/agency.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { runUseCase } from "./use-case.ts";

export { AGENCY_KINDS, type AgencyKind } from "../../core/organization/unit-rules.ts";
import type { AgencyKind } from "../../core/organization/unit-rules.ts";

export interface AgencyInput {
  unitId: string;
  name: string;
  code?: string | null;
  kind: AgencyKind;
  isActive?: boolean;
}

function toView(row: AgencyListRow, canUpdate: boolean) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, can: { update: canUpdate } };
}

export async function listAgencies(db: Executor, actor: Actor, unitId?: string) {
  const readScope = await access.unitScope(db, actor, "agency.read");
  const writeScope = await access.unitScope(db, actor, "agency.write");
  let unitIds = access.scopeToIds(readScope);
  if (unitId) {
    if (!scopeIncludes(readScope, unitId)) throw new AppError("UNIT_NOT_FOUND");
    unitIds = [unitId];
  }
  const rows =
    unitIds === null
      ? await agencyRepository.listAgenciesOfUnits(db, await access.unitScopeAllIds(db))
      : await agencyRepository.listAgenciesOfUnits(db, unitIds);
  return {
    data: rows
      .map((row) => toView(row, scopeIncludes(writeScope, row.unitId)))
      .sort(
        (a, b) => compareVietnamese(a.unitName, b.unitName) || compareVietnamese(a.name, b.name),
      ),
    can: {
      create: unitId
        ? scopeIncludes(writeScope, unitId)
        : writeScope.kind === "all" || writeScope.unitIds.size > 0,
    },
  };
}

async function ensureNameFree(tx: Executor, unitId: string, name: string, exceptId?: string) {
  const siblings = await agencyRepository.listAgenciesOfUnits(tx, [unitId]);
  if (siblings.some((a) => a.name === name && a.id !== exceptId)) {
    throw new AppError("AGENCY_NAME_TAKEN", { params: { name } });
  }
}

export async function createAgency(db: Executor, actor: Actor, input: AgencyInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "unit.read", "unit", [input.unitId]);
    if (!readable.has(input.unitId) || !(await findUnitById(tx, input.unitId))) {
      throw new AppError("UNIT_NOT_FOUND");
    }
    await access.require(tx, actor, "agency.write", "unit", input.unitId);
    const name = input.name.trim();
    await ensureNameFree(tx, input.unitId, name);
    const row = await agencyRepository.insertAgency(tx, {
      unitId: input.unitId,
      name,
      code: input.code?.trim() || null,
      kind: input.kind,
      isActive: input.isActive ?? true,
    });
    await audit({
      action: "agency.create",
      entityId: row.id,
      unitId: row.unitId,
      after: row,
      summary: `Tạo cơ quan ${row.name}`,
    });
    return { data: toView((await agencyRepository.findAgencyById(tx, row.id))!, true) };
  });
}

export async function updateAgency(
  db: Executor,
  actor: Actor,
  id: string,
  input: Partial<Omit<AgencyInput, "unitId">>,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "agency.read", "agency", [id]);
    const before = readable.has(id) ? await agencyRepository.findAgencyById(tx, id) : null;
    if (!before) throw new AppError("AGENCY_NOT_FOUND");
    await access.require(tx, actor, "agency.write", "agency", id);
    const name = input.name?.trim() ?? before.name;
    await ensureNameFree(tx, before.unitId, name, id);
    const row = await agencyRepository.updateAgency(tx, id, {
      name,
      ...(input.code !== undefined ? { code: input.code?.trim() || null } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    });
    const { unitName: _n, ...beforeRow } = before;
    await audit({
      action: "agency.update",
      entityId: id,
      unitId: row.unitId,
      before: beforeRow,
      after: row,
      summary: `Cập nhật cơ quan ${row.name}`,
    });
    return { data: toView((await agencyRepository.findAgencyById(tx, id))!, true) };
  });
}
