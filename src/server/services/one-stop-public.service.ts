import {
  STATE_LABELS,
  TIMELINESS_LABELS,
  maskName,
  maskPhone,
  parseDossierCode,
  phoneConfirms,
  vietnamLocal,
} from "../../core/dossier/index.ts";
import { compareVietnamese } from "../../core/text/vietnamese-text.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { findDossierByCode } from "../db/repositories/dossier.repository.ts";
import { listProcedures } from "../db/repositories/procedure.repository.ts";
import { findUnitsByCodes } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import { inOneTurn } from "../db/one-turn.ts";
import { throttledLookup } from "./attempt-throttle.ts";
import { timelinessOf } from "./dossier.service.ts";
import { ONLINE_LEVEL_LABELS } from "../../core/dossier/dossier-values.ts";

/**
 * Public lookup without login: the code and the last four digits of the applicant's phone must
 * both match; a wrong code and a wrong phone give the same answer, so codes cannot be probed.
 * Wrong tries are counted per code, existing or not, whatever the address: after a few the
 * code's lookup pauses, even for the right digits (PUBLIC_LOOKUP_LOCKED).
 */
export async function lookupDossier(
  db: Executor,
  code: string,
  phoneLast4: string,
  now: Date = new Date(),
) {
  const trimmed = code.trim().toUpperCase();
  const key = parseDossierCode(trimmed) ? trimmed : null;
  return inOneTurn(db, (exec) =>
    throttledLookup(exec, "dossier_lookup", key, now, isLookupFailure, () =>
      findDossierForApplicant(exec, trimmed, phoneLast4),
    ),
  );
}

const isLookupFailure = (error: unknown) =>
  error instanceof AppError && error.code === "PUBLIC_LOOKUP_FAILED";

async function findDossierForApplicant(db: Executor, trimmed: string, phoneLast4: string) {
  if (!parseDossierCode(trimmed)) throw new AppError("PUBLIC_LOOKUP_FAILED");
  const row = await findDossierByCode(db, trimmed);
  if (!row || !phoneConfirms(row.applicantPhone, phoneLast4))
    throw new AppError("PUBLIC_LOOKUP_FAILED");
  const onTime = timelinessOf(row, vietnamDate(new Date()));
  const state = row.state;
  return {
    data: {
      code: row.code,
      unitName: row.unitName,
      procedureName: row.procedureName,
      applicantName: maskName(row.applicantName),
      applicantPhone: maskPhone(row.applicantPhone),
      receivedOn: vietnamLocal(row.receivedAt).date,
      dueDate: row.dueDate,
      /** The due date at receipt, before supplement requests moved it. */
      originalDueDate: row.originalDueDate,
      rescheduledDueDate: row.rescheduledDueDate,
      state,
      stateLabel: STATE_LABELS[state],
      timelinessLabel: onTime ? TIMELINESS_LABELS[onTime] : null,
      finishedOn: row.finishedAt ? vietnamLocal(row.finishedAt).date : null,
      returnedOn: row.returnedAt ? vietnamLocal(row.returnedAt).date : null,
    },
  };
}

/** The published procedure list of a unit (active procedures only). */
export async function publicProcedures(db: Executor, unitCode: string) {
  const [unit] = await findUnitsByCodes(db, [unitCode.trim()]);
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const rows = await listProcedures(db, [unit.id]);
  return {
    data: {
      unitCode: unit.code,
      unitName: unit.name,
      procedures: rows
        .filter((r) => r.isActive)
        .sort((a, b) => compareVietnamese(a.field, b.field) || a.code.localeCompare(b.code))
        .map((r) => ({
          code: r.code,
          name: r.name,
          field: r.field,
          processingDays: r.processingDays,
          feeText: r.feeText,
          onlineLevel: r.onlineLevel,
          onlineLevelLabel: ONLINE_LEVEL_LABELS[r.onlineLevel],
        })),
    },
  };
}
