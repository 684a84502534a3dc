import {
  applicantIdNumber,
  instantOfVietnamLocal,
  readApplicantKind,
  receptionRefusalContent,
  ruleSetOn,
  vietnamLocal,
} from "../../core/dossier/index.ts";
import type { Executor } from "../db/database.ts";
import { findDeskSettings } from "../db/repositories/one-stop-desk.repository.ts";
import { findProcedureById } from "../db/repositories/procedure.repository.ts";
import { noticeDocx } from "../documents/one-stop/notice-document.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { requireUnitValidOn } from "./unit-validity.ts";

export interface ReceptionRefusalInput {
  applicantName: string;
  applicantPhone: string;
  applicantAddress?: string | null;
  applicantIdNumber?: string | null;
  /** "person" | "organisation" as chosen at the counter; absent or blank: inferred. */
  applicantKind?: string | null;
  /** Vietnam local "YYYY-MM-DD HH:mm"; now when left out. */
  at?: string | null;
  reason: string;
}

/** A few minutes' leeway for a clock a little ahead of the server's. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Mẫu số 03 for a dossier the desk refuses at the counter, before receiving it: built from what
 * the clerk types, under the rule set in force that day; nothing enters the register (no code, no
 * due date). Refused like a reception: the procedure must be one the clerk may receive for, active,
 * and its unit must exist on the day (UNIT_NOT_VALID_ON_DATE).
 */
export async function receptionRefusalDocument(
  db: Executor,
  actor: Actor,
  procedureId: string,
  input: ReceptionRefusalInput,
  now: Date = new Date(),
) {
  const readable = await access.check(db, actor, "dossier.read", "procedure", [procedureId]);
  const procedure = readable.has(procedureId) ? await findProcedureById(db, procedureId) : null;
  if (!procedure) throw new AppError("PROCEDURE_NOT_FOUND");
  await access.require(db, actor, "dossier.write", "procedure", procedure.id);
  if (!procedure.isActive)
    throw new AppError("PROCEDURE_INACTIVE", { params: { code: procedure.code } });
  const idNumber = applyRule(() => applicantIdNumber(input.applicantIdNumber));
  const applicantKind = applyRule(() => readApplicantKind(input.applicantKind));
  const refusedAt = input.at ? applyRule(() => instantOfVietnamLocal(input.at!)) : now;
  if (refusedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError("DOSSIER_TIME_INVALID", {
      params: { reason: `${input.at} ở trong tương lai` },
    });
  }
  const day = vietnamLocal(refusedAt).date;
  await requireUnitValidOn(db, procedure.unitId, day);
  const ruleSet = applyRule(() => ruleSetOn(day));
  const content = receptionRefusalContent(
    {
      unitName: procedure.unitName,
      receivingBody: (await findDeskSettings(db, procedure.unitId))?.receivingBody ?? null,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      applicantName: input.applicantName.trim(),
      applicantIdNumber: idNumber,
      applicantKind,
      applicantPhone: input.applicantPhone.trim(),
      applicantAddress: input.applicantAddress?.trim() || null,
      refusedAt,
      reason: input.reason,
    },
    ruleSet,
  );
  return { buffer: await noticeDocx(content), fileName: content.fileName };
}
