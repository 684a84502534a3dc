/**
 * The scorecard as Excel and Word, in the layout of the self-scoring appendix: TT, criterion,
 * maximum, self score, appraised score, evidence, explanation / appraisal note (Excel adds the
 * evidence list on a second sheet; Word is the ND 30 document with its header and signature).
 */
import ExcelJS from "exceljs";
import { committeeInText, issuerNames, placeOfUnit } from "../../core/text/document-issuer.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import {
  generateScorecardDocument,
  type ScorecardDocumentInput,
  type ScorecardDocumentRow,
} from "../documents/scorecard-document/scorecard-document.ts";
import type { Actor } from "./actor.ts";
import { getScorecard } from "./scorecard.service.ts";

type ScorecardView = Awaited<ReturnType<typeof getScorecard>>["data"];

/** "05/BB-UBND (Biên bản.pdf)" per file of each leaf. */
function evidenceByLeaf(data: ScorecardView): Map<string, string[]> {
  const evidenceOf = new Map<string, string[]>();
  for (const e of data.evidence) {
    const list = evidenceOf.get(e.leafCode) ?? [];
    list.push(e.documentNumber ? `${e.documentNumber} (${e.fileName})` : e.fileName);
    evidenceOf.set(e.leafCode, list);
  }
  return evidenceOf;
}

/** The table's rows, shared by the Excel and Word files. */
export function scorecardRows(data: ScorecardView): ScorecardDocumentRow[] {
  const entryOf = new Map(data.entries.map((e) => [e.leafCode, e]));
  const evidenceOf = evidenceByLeaf(data);
  return data.nodes.map((node) => {
    const entry = entryOf.get(node.code);
    const notes = [
      entry?.notApplicable ? `Không phát sinh: ${entry.explanation ?? ""}` : entry?.explanation,
      entry?.overrideReason ? `Điều chỉnh: ${entry.overrideReason}` : null,
      entry?.appraisalNote ? `Thẩm định: ${entry.appraisalNote}` : null,
    ].filter((text): text is string => !!text);
    return {
      code: node.code,
      name: node.name,
      depth: node.depth,
      maxPoints: node.maxPoints,
      self: node.self,
      appraised: node.appraised,
      evidence: evidenceOf.get(node.code) ?? [],
      notes,
    };
  });
}

/** The Word file's input from what the actor reads; dated the day the card was last submitted. */
export async function scorecardDocumentInput(
  db: Executor,
  actor: Actor,
  id: string,
  today?: string,
): Promise<ScorecardDocumentInput> {
  const { data } = await getScorecard(db, actor, id, today ? { today } : {});
  const submittedAt = data.events.filter((e) => e.action === "submit").at(-1)?.at ?? null;
  const issuedOn =
    data.status !== "draft" && submittedAt ? vietnamDate(new Date(submittedAt)) : null;
  const unit = await findUnitById(db, data.unitId);
  return {
    issuer: { ...issuerNames(data.unitName), nameInText: committeeInText(data.unitName) },
    place: placeOfUnit(data.unitName),
    issuedOn,
    year: data.year,
    methodology: {
      name: data.methodology.name,
      version: data.methodology.version,
      scale: data.methodology.scale,
    },
    rows: scorecardRows(data),
    totals: {
      self: data.selfTotal,
      selfIndex: data.selfIndex,
      appraised: data.appraisedTotal,
      appraisedIndex: data.appraisedIndex,
    },
    recipients: [
      ...(unit?.parentName ? [`${committeeInText(unit.parentName)} (để thẩm định)`] : []),
      "Lưu: VT",
    ],
    signer: { authority: "TM.", onBehalfOf: "ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "" },
  };
}

export async function scorecardWord(db: Executor, actor: Actor, id: string, today?: string) {
  const input = await scorecardDocumentInput(db, actor, id, today);
  return {
    filename: `chi-so-cchc-${input.year}.docx`,
    buffer: await generateScorecardDocument(input),
  };
}

export async function scorecardExcel(db: Executor, actor: Actor, id: string) {
  const { data } = await getScorecard(db, actor, id);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Tự chấm điểm");
  sheet.columns = [
    { width: 8 },
    { width: 60 },
    { width: 10 },
    { width: 12 },
    { width: 12 },
    { width: 40 },
    { width: 40 },
  ];
  const font = { name: "Times New Roman", size: 12 };
  const title = sheet.addRow([
    `BẢNG TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${data.year} — ${data.unitName.toUpperCase()}`,
  ]);
  sheet.mergeCells(title.number, 1, title.number, 7);
  title.font = { ...font, bold: true, size: 13 };
  title.alignment = { horizontal: "center" };
  sheet.addRow([`Bộ chỉ số: ${data.methodology.name} (phiên bản ${data.methodology.version})`]);
  sheet.addRow([]);
  const header = sheet.addRow([
    "TT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Điểm tự chấm",
    "Điểm thẩm định",
    "Tài liệu kiểm chứng",
    "Giải trình / ý kiến thẩm định",
  ]);
  header.font = { ...font, bold: true };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  const rows = scorecardRows(data);
  for (const node of rows) {
    const row = sheet.addRow([
      node.code,
      node.name,
      node.maxPoints,
      node.self?.applicable === false ? "KPS" : (node.self?.points ?? null),
      node.appraised ? (node.appraised.applicable ? node.appraised.points : "KPS") : null,
      node.evidence.join("\n"),
      node.notes.join("\n"),
    ]);
    row.font = { ...font, bold: node.depth === 1 };
    row.alignment = { wrapText: true, vertical: "top" };
    for (const col of [3, 4, 5]) row.getCell(col).numFmt = "0.00";
  }
  const total = sheet.addRow([
    "",
    "Tổng điểm / Chỉ số (%)",
    data.methodology.scale,
    data.selfTotal,
    data.appraisedTotal,
    "",
    `Chỉ số tự chấm ${data.selfIndex}%${data.appraisedIndex !== null ? `; sau thẩm định ${data.appraisedIndex}%` : ""}`,
  ]);
  total.font = { ...font, bold: true };
  sheet.views = [{ state: "frozen", ySplit: 4 }];

  const list = workbook.addWorksheet("Tài liệu kiểm chứng");
  list.columns = [{ width: 10 }, { width: 50 }, { width: 20 }, { width: 14 }];
  list.addRow(["Tiêu chí", "Tên tệp", "Số, ký hiệu", "Ngày"]).font = { ...font, bold: true };
  for (const e of data.evidence) {
    list.addRow([e.leafCode, e.fileName, e.documentNumber ?? "", e.documentDate ?? ""]);
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `chi-so-cchc-${data.year}.xlsx`, buffer };
}
