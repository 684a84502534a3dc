import {
  REGISTER_PRINT_PART_ROWS,
  checkRegisterPrintPart,
  checkRegisterPrintPeriod,
  instantOfVietnamLocal,
  receivingBodyName,
  registerBookNumber,
  registerPrintParts,
  ruleSetOn,
  type RegisterPrintDossier,
  type RegisterPrintPeriod,
} from "../../core/dossier/index.ts";
import { dossierPersonalData } from "../../core/personal-data/view.ts";
import type { Executor } from "../db/database.ts";
import { findDeskSettings } from "../db/repositories/one-stop-desk.repository.ts";
import * as registerPrint from "../db/repositories/register-print.repository.ts";
import { registerBookDocx } from "../documents/one-stop/register-book-document.ts";
import { applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { readableDeskUnit } from "./desk-unit.ts";
import { logFullRead } from "./full-read-log.ts";

/**
 * The printed register book of a unit for a period (Sổ theo dõi hồ sơ, Mẫu 06): who reads the
 * unit's dossiers may print it (`dossier.read`), with the applicants' data as they may see it
 * (masked without `personal_data.full`; a full print is logged as a read of personal data).
 * A period holds at most a year; its lines are printed in parts of REGISTER_PRINT_PART_ROWS, so
 * a file, and the memory it takes to build it, stay bounded however many dossiers a desk took.
 */

export interface RegisterPrintQuery extends RegisterPrintPeriod {
  /** 1-based; 1 when left out. */
  part?: number;
}

const nextDay = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function periodOf(db: Executor, actor: Actor, unitId: string, period: RegisterPrintPeriod) {
  // The unit first: an unreadable unit is not found, whatever the period says.
  const unit = await readableDeskUnit(db, actor, unitId);
  applyRule(() => checkRegisterPrintPeriod(period));
  const range: registerPrint.RegisterPrintRange = {
    unitId,
    from: instantOfVietnamLocal(`${period.from} 00:00`),
    until: instantOfVietnamLocal(`${nextDay(period.to)} 00:00`),
    fromYear: Number(period.from.slice(0, 4)),
    toYear: Number(period.to.slice(0, 4)),
  };
  const summary = await registerPrint.registerPrintSummary(db, range);
  return { unit, range, summary };
}

/** How the period prints: its lines, the books they are in, the parts. */
export async function registerPrintOverview(
  db: Executor,
  actor: Actor,
  unitId: string,
  period: RegisterPrintPeriod,
) {
  const { unit, summary } = await periodOf(db, actor, unitId, period);
  return {
    data: {
      unitId: unit.id,
      unitName: unit.name,
      from: period.from,
      to: period.to,
      count: summary.count,
      books: summary.books.map(registerBookNumber),
      parts: registerPrintParts(summary.count),
      partSize: REGISTER_PRINT_PART_ROWS,
    },
  };
}

const fileDay = (isoDate: string) => isoDate.replaceAll("-", "");

/** One part of the period's register as an A4 landscape .docx. */
export async function registerPrintDocument(
  db: Executor,
  actor: Actor,
  unitId: string,
  query: RegisterPrintQuery,
) {
  const period = { from: query.from, to: query.to };
  const { unit, range, summary } = await periodOf(db, actor, unitId, period);
  const part = query.part ?? 1;
  applyRule(() => checkRegisterPrintPart(part, summary.count));
  const rows = await registerPrint.registerPrintRows(
    db,
    range,
    (part - 1) * REGISTER_PRINT_PART_ROWS,
    REGISTER_PRINT_PART_ROWS,
  );
  const moments = await registerPrint.registerPrintMoments(
    db,
    rows.map((row) => row.id),
  );
  const view = (await access.personalDataViewsByUnit(db, actor))(unitId);
  if (view === "full" && rows.length > 0) {
    await logFullRead(db, actor, {
      action: "personal_data.register_print",
      entityId: unitId,
      unitId,
      summary: `In Sổ theo dõi hồ sơ của ${unit.name} (${period.from} – ${period.to}, ${rows.length} hồ sơ) có dữ liệu cá nhân`,
    });
  }
  const dossiers: RegisterPrintDossier[] = rows.map((row) => {
    const applicant = dossierPersonalData(
      {
        applicantName: row.applicantName,
        applicantPhone: row.applicantPhone,
        applicantAddress: row.applicantAddress,
      },
      view,
    );
    const moment = moments.get(row.id);
    return {
      entry: { year: row.registerYear, book: row.registerBook, entry: row.registerEntry },
      code: row.code,
      procedureName: row.procedureName,
      documentSets: row.documentSets,
      applicantName: applicant.applicantName,
      applicantPhone: applicant.applicantPhone,
      applicantAddress: applicant.applicantAddress,
      leadAgencyName: row.leadAgencyName,
      receivedAt: row.receivedAt,
      originalDueDate: row.originalDueDate,
      dueDate: row.dueDate,
      handedOverAt: moment?.handedOverAt ?? null,
      resultAt: moment?.resultAt ?? null,
      returnedAt: row.returnedAt,
      state: row.state,
    };
  });
  const settings = await findDeskSettings(db, unitId);
  const parts = registerPrintParts(summary.count);
  const buffer = await registerBookDocx({
    unitName: unit.name,
    receivingBody: receivingBodyName(ruleSetOn(period.to), settings?.receivingBody),
    period,
    books: summary.books,
    dossiers,
    part,
    parts,
    total: summary.count,
  });
  const partName = parts > 1 ? `-phan-${part}` : "";
  return {
    buffer,
    fileName: `so-theo-doi-ho-so-${fileDay(period.from)}-${fileDay(period.to)}${partName}.docx`,
  };
}
