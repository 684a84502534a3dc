/**
 * The scorecard as Excel, in the layout of the self-scoring appendix: TT, criterion, maximum,
 * self score, appraised score, evidence, explanation / appraisal note; then the evidence list.
 */
import ExcelJS from "exceljs";
import type { Executor } from "../db/database.ts";
import type { Actor } from "./actor.ts";
import { getScorecard } from "./scorecard.service.ts";

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
  const entryOf = new Map(data.entries.map((e) => [e.leafCode, e]));
  const evidenceOf = new Map<string, string[]>();
  for (const e of data.evidence) {
    const list = evidenceOf.get(e.leafCode) ?? [];
    list.push(e.documentNumber ? `${e.documentNumber} (${e.fileName})` : e.fileName);
    evidenceOf.set(e.leafCode, list);
  }
  for (const node of data.nodes) {
    const entry = entryOf.get(node.code);
    const notes = [
      entry?.notApplicable ? `Không phát sinh: ${entry.explanation ?? ""}` : entry?.explanation,
      entry?.overrideReason ? `Điều chỉnh: ${entry.overrideReason}` : null,
      entry?.appraisalNote ? `Thẩm định: ${entry.appraisalNote}` : null,
    ].filter(Boolean);
    const row = sheet.addRow([
      node.code,
      node.name,
      node.maxPoints,
      node.self?.applicable === false ? "KPS" : (node.self?.points ?? null),
      node.appraised ? (node.appraised.applicable ? node.appraised.points : "KPS") : null,
      (evidenceOf.get(node.code) ?? []).join("\n"),
      notes.join("\n"),
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
