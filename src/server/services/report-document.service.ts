import { committeeInText, issuerNames, placeOfUnit } from "../../core/text/document-issuer.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import type { ReportDocumentInput } from "../documents/report-document/report-document-input.ts";
import { generateReportDocument } from "../documents/report-document/report-document.ts";
import { exportReportXlsx } from "../documents/report-document/report-xlsx.ts";
import { AppError } from "../errors.ts";
import { docxToPdf } from "../documents/pdf-convert.ts";
import type { Actor } from "./actor.ts";
import { getReport, getVersion } from "./report.service.ts";
import { reportRollup } from "./report-rollup.service.ts";
import {
  exportRollupXlsx,
  generateRollupDocument,
  type RollupDocumentInput,
} from "../documents/report-document/rollup-document.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";

/**
 * Fills the report's Word/Excel input from what the actor may read: a given submitted version
 * (dated the day it was submitted), or by default what the report page shows — the draft with
 * live figures for the unit's own people (date left blank), the latest version for those above.
 */
export async function reportDocumentInput(
  db: Executor,
  actor: Actor,
  id: string,
  version: number | undefined,
  today: string,
): Promise<ReportDocumentInput> {
  const { data: report } = await getReport(db, actor, id, today);
  let figures = report.figures;
  let narrative = report.narrative;
  let printed = report.live ? 0 : report.version;
  if (version !== undefined) {
    const { data } = await getVersion(db, actor, id, version);
    figures = data.figures;
    narrative = data.narrative;
    printed = version;
  }
  const submittedAt = report.versions.find((v) => v.version === printed)?.submittedAt ?? null;
  if (printed > 0 && submittedAt === null) throw new AppError("REPORT_VERSION_NOT_FOUND");
  const upper = (await reportRepository.unitNames(db, [report.kind.unitId])).get(
    report.kind.unitId,
  );
  const unitName = figures.unit.name;
  return {
    issuer: { ...issuerNames(unitName), nameInText: committeeInText(unitName) },
    place: placeOfUnit(unitName),
    issuedOn: submittedAt ? vietnamDate(new Date(submittedAt)) : null,
    year: Number(report.periodTo.slice(0, 4)),
    periodLabel: report.periodLabel,
    kindName: report.kind.name,
    version: printed,
    figures,
    narrative,
    recipients: [...(upper ? [`${committeeInText(upper.name)} (để báo cáo)`] : []), "Lưu: VT"],
    signer: {
      authority: "TM.",
      onBehalfOf: "ỦY BAN NHÂN DÂN",
      title: "CHỦ TỊCH",
      name: "",
    },
  };
}

export async function reportWordFile(
  db: Executor,
  actor: Actor,
  id: string,
  version: number | undefined,
  today: string,
) {
  return generateReportDocument(await reportDocumentInput(db, actor, id, version, today));
}

/** The report as PDF: its Word file converted by LibreOffice (see documents/pdf-convert.ts). */
export async function reportPdfFile(
  db: Executor,
  actor: Actor,
  id: string,
  version: number | undefined,
  today: string,
) {
  return docxToPdf(await reportWordFile(db, actor, id, version, today));
}

export async function reportAnnexXlsx(
  db: Executor,
  actor: Actor,
  id: string,
  version: number | undefined,
  today: string,
) {
  return exportReportXlsx(await reportDocumentInput(db, actor, id, version, today));
}

/**
 * The upper unit's consolidated report of a kind and period as printed: issued by the upper unit
 * on `today`, sent to its own upper unit (if any) and its units. Access is the roll-up's.
 */
export async function rollupDocumentInput(
  db: Executor,
  actor: Actor,
  unitId: string,
  query: { kindId: string; periodKey: string },
  today: string,
): Promise<RollupDocumentInput> {
  const { data } = await reportRollup(db, actor, unitId, query, today);
  const tree = await loadUnitTree(db);
  const parentId = tree.ancestors(unitId)[0];
  const names = await reportRepository.unitNames(db, parentId ? [unitId, parentId] : [unitId]);
  const unitName = names.get(unitId)?.name ?? "";
  const parent = parentId ? names.get(parentId) : undefined;
  return {
    issuer: { ...issuerNames(unitName), nameInText: committeeInText(unitName) },
    place: placeOfUnit(unitName),
    issuedOn: today,
    year: Number(data.periodKey.slice(0, 4)),
    periodLabel: data.periodLabel,
    kindName: data.kindName,
    rollup: data,
    recipients: [
      ...(parent ? [`${committeeInText(parent.name)} (để báo cáo)`] : []),
      "Các đơn vị trực thuộc",
      "Lưu: VT",
    ],
    signer: { authority: "TM.", onBehalfOf: "ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "" },
  };
}

export async function rollupWordFile(
  db: Executor,
  actor: Actor,
  unitId: string,
  query: { kindId: string; periodKey: string },
  today: string,
) {
  return generateRollupDocument(await rollupDocumentInput(db, actor, unitId, query, today));
}

export async function rollupAnnexXlsx(
  db: Executor,
  actor: Actor,
  unitId: string,
  query: { kindId: string; periodKey: string },
  today: string,
) {
  return exportRollupXlsx(await rollupDocumentInput(db, actor, unitId, query, today));
}
