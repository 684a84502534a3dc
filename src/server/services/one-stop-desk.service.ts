import { DEFAULT_CUTOFF } from "../../core/calendar/index.ts";
import { isAgencyCode } from "../../core/dossier/index.ts";
import type { Executor } from "../db/database.ts";
import * as deskRepository from "../db/repositories/one-stop-desk.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { readableDeskUnit } from "./desk-unit.ts";
import { runUseCase } from "./use-case.ts";

export interface DeskSettingsInput {
  cutoff: string;
  agencyCode: string | null;
  /** The receiving body the forms print; null: the rule set's name; left out: unchanged. */
  receivingBody?: string | null;
}

function view(
  unit: { id: string; name: string },
  row: deskRepository.DeskSettingsRow | null,
  canUpdate: boolean,
) {
  return {
    unitId: unit.id,
    unitName: unit.name,
    cutoff: row?.cutoff ?? DEFAULT_CUTOFF,
    agencyCode: row?.agencyCode ?? null,
    receivingBody: row?.receivingBody ?? null,
    can: { update: canUpdate },
  };
}

export async function getDeskSettings(db: Executor, actor: Actor, unitId: string) {
  const unit = await readableDeskUnit(db, actor, unitId);
  const canUpdate = (await access.check(db, actor, "unit.write", "unit", [unitId])).has(unitId);
  return { data: view(unit, await deskRepository.findDeskSettings(db, unitId), canUpdate) };
}

export async function updateDeskSettings(
  db: Executor,
  actor: Actor,
  unitId: string,
  input: DeskSettingsInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const unit = await readableDeskUnit(tx, actor, unitId);
    await access.require(tx, actor, "unit.write", "unit", unitId);
    const cutoff = input.cutoff.trim();
    const match = /^(\d{2}):(\d{2})$/.exec(cutoff);
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59)
      throw new AppError("DESK_CUTOFF_INVALID");
    const agencyCode = input.agencyCode?.trim() || null;
    if (agencyCode !== null && !isAgencyCode(agencyCode)) {
      throw new AppError("DESK_AGENCY_CODE_INVALID", { params: { code: agencyCode } });
    }
    const before = await deskRepository.findDeskSettings(tx, unitId);
    // Left out (an older client): the name stays; null or blank: the rule set's name again.
    const receivingBody =
      input.receivingBody === undefined
        ? (before?.receivingBody ?? null)
        : input.receivingBody?.trim().replace(/\s+/g, " ") || null;
    const row = await deskRepository.upsertDeskSettings(tx, {
      unitId,
      cutoff,
      agencyCode,
      receivingBody,
    });
    await audit({
      action: "desk.update",
      entityId: unitId,
      unitId,
      before,
      after: row,
      summary: `Cập nhật cấu hình Bộ phận Một cửa của ${unit.name}: giờ chốt ${cutoff}, mã cơ quan ${agencyCode ?? "(chưa có)"}, tên bộ phận tiếp nhận ${receivingBody ?? "(theo quy định)"}`,
    });
    return { data: view(unit, row, true) };
  });
}
