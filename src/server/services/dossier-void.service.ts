import type { Executor } from "../db/database.ts";
import * as importRepository from "../db/repositories/dossier-import.repository.ts";
import * as dossierRepository from "../db/repositories/dossier.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { dossierDetail } from "./dossier.service.ts";
import { runUseCase } from "./use-case.ts";

/*
 * Voiding wrongly imported dossiers. Nothing is deleted: the dossier keeps its record with the
 * moment, the administrator and the reason, and an audit event says the same. A voided dossier
 * leaves the register's default view, the public lookup and every metric, can no longer be
 * handled, and no longer holds its code (codes are unique among dossiers that are not voided), so
 * the desk or the import that owns the code can use it. Only administrators whose grant reaches the
 * dossier's unit (`dossier.void`) may void; dossiers received at a desk are ended by their own
 * steps (refusal, withdrawal), never voided.
 */

export interface VoidInput {
  reason: string;
}

function reasonOf(input: VoidInput) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("DOSSIER_REASON_REQUIRED", { params: { action: "Hủy hồ sơ" } });
  return reason;
}

/** Voids one imported dossier of the administrator's units. */
export async function voidDossier(db: Executor, actor: Actor, id: string, input: VoidInput) {
  const reason = reasonOf(input);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "dossier.read", "dossier", [id]);
    const row = readable.has(id) ? await dossierRepository.findDossierById(tx, id) : null;
    if (!row) throw new AppError("DOSSIER_NOT_FOUND");
    await access.require(tx, actor, "dossier.void", "dossier", id);
    const locked = await dossierRepository.lockDossier(tx, id);
    if (!locked) throw new AppError("DOSSIER_NOT_FOUND");
    if (locked.voidedAt) throw new AppError("DOSSIER_VOIDED", { params: { code: locked.code } });
    if (row.receivedAtDesk)
      throw new AppError("DOSSIER_VOID_NOT_IMPORTED", { params: { code: locked.code } });
    const updated = await dossierRepository.updateDossier(tx, id, {
      voidedAt: new Date(),
      voidedById: actor.userId,
      voidReason: reason,
    });
    await audit({
      action: "dossier.void",
      entityId: id,
      unitId: locked.unitId,
      before: locked,
      after: updated,
      summary: `Hủy hồ sơ nhập sai ${locked.code}: ${reason}`,
    });
    return dossierDetail(tx, actor, id);
  });
}

/** Voids every dossier an import run created (those not voided yet), and marks the run. */
export async function voidImportRun(db: Executor, actor: Actor, id: string, input: VoidInput) {
  const reason = reasonOf(input);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const run = await importRepository.findImport(tx, id);
    const readable = run
      ? await access.check(tx, actor, "dossier.read", "unit", [run.unitId])
      : new Set<string>();
    if (!run || !readable.has(run.unitId)) throw new AppError("DOSSIER_IMPORT_NOT_FOUND");
    await access.require(tx, actor, "dossier.void", "unit", run.unitId);
    const locked = await importRepository.lockImport(tx, id);
    if (locked!.state === "running") throw new AppError("DOSSIER_IMPORT_BUSY");
    if (locked!.voidedAt) throw new AppError("DOSSIER_IMPORT_ALREADY_VOIDED");
    const voidedAt = new Date();
    const count = await dossierRepository.voidDossiersOfImport(tx, locked!, {
      voidedAt,
      voidedById: actor.userId,
      voidReason: reason,
    });
    await importRepository.updateImport(tx, id, {
      voidedAt,
      voidedById: actor.userId,
      voidReason: reason,
      voidedCount: count,
    });
    await audit({
      action: "dossier.import_void",
      entityId: id,
      unitId: run.unitId,
      summary: `Hủy ${count} hồ sơ của lượt nhập “${run.fileName}” (${run.source}): ${reason}`,
    });
    return { voidedCount: count };
  });
}
