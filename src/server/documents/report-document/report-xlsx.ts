import ExcelJS from "exceljs";
import { appendixName } from "../nd30-kit/index.ts";
import type { ReportDocumentInput } from "./report-document-input.ts";
import { reportAttachedToLine } from "./report-document.ts";
import { annexTables, type AnnexTable } from "./report-tables.ts";

const FONT = { name: "Times New Roman", size: 12 } as const;
const HEADER_ROW = 5;

/**
 * The report's annexes as an Excel workbook, one sheet per annex ("Phụ lục I"…): the ND 30
 * title block, then the table with a bold frozen header row, printed on A4 landscape.
 */
export function exportReportXlsx(input: ReportDocumentInput): Promise<Buffer> {
  return exportAnnexXlsx(
    annexTables(input.figures),
    input.issuer.nameInText,
    reportAttachedToLine(input),
  );
}

/** Annex tables as a workbook, one sheet each (shared by the report and the roll-up). */
export async function exportAnnexXlsx(
  tables: readonly AnnexTable[],
  creator: string,
  attachedToLine: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  tables.forEach((table, index) => {
    const sheet = workbook.addWorksheet(appendixName(index), {
      views: [{ state: "frozen", ySplit: HEADER_ROW }],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    const last = table.columns.length;
    sheet.columns = table.columns.map((_, i) => ({ width: i === 0 ? 6 : i === 1 ? 50 : 22 }));
    [
      { text: appendixName(index), font: { ...FONT, size: 14, bold: true } },
      { text: table.title.toLocaleUpperCase("vi"), font: { ...FONT, bold: true } },
      { text: attachedToLine, font: { ...FONT, italic: true } },
    ].forEach((title, offset) => {
      const cell = sheet.getRow(offset + 1).getCell(1);
      cell.value = title.text;
      cell.font = title.font;
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      sheet.mergeCells(offset + 1, 1, offset + 1, last);
    });
    const rows = [table.columns, ...table.rows];
    rows.forEach((values, offset) => {
      const row = sheet.getRow(HEADER_ROW + offset);
      row.values = values;
      for (let column = 1; column <= last; column += 1) {
        const cell = row.getCell(column);
        cell.font = { ...FONT, bold: offset === 0 || (values[0] === "" && column === 2) };
        cell.alignment = {
          wrapText: true,
          vertical: "middle",
          horizontal: offset === 0 || column !== 2 ? "center" : "left",
        };
        cell.border = {
          top: { style: "thin" },
          bottom: { style: "thin" },
          left: { style: "thin" },
          right: { style: "thin" },
        };
      }
    });
    if (table.note) {
      const noteRow = sheet.getRow(HEADER_ROW + rows.length + 1);
      noteRow.getCell(1).value = table.note;
      noteRow.getCell(1).font = { ...FONT, italic: true };
      noteRow.getCell(1).alignment = { wrapText: true, vertical: "top" };
      sheet.mergeCells(noteRow.number, 1, noteRow.number, last);
      noteRow.height = 48;
    }
    sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
