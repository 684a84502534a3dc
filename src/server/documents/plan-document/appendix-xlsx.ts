import ExcelJS from "exceljs";
import { APPENDIX_COLUMNS, appendixRows } from "./appendix-rows.ts";
import { appendixName } from "../nd30-kit/index.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";

/** Column widths in characters: TT, content, lead, supporting, timeline, product. */
const COLUMN_WIDTHS = [6, 60, 28, 32, 22, 32] as const;
const FONT = { name: "Times New Roman", size: 12 } as const;

/**
 * The appendix task tables as an Excel workbook, one sheet per appendix ("Phụ lục I"…): the
 * header row is bold and frozen, columns have fixed widths and every cell wraps its text.
 */
export async function exportAppendixXlsx(input: PlanDocumentInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.issuer.nameInText;
  input.appendices.forEach((appendix, index) => {
    const sheet = workbook.addWorksheet(appendixName(index), {
      views: [{ state: "frozen", ySplit: 1 }],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.columns = APPENDIX_COLUMNS.map((header, column) => ({
      header,
      width: COLUMN_WIDTHS[column],
    }));
    for (const row of appendixRows(appendix)) {
      const added =
        row.kind === "section"
          ? sheet.addRow([row.label, row.title])
          : sheet.addRow([
              row.label,
              row.content,
              row.lead,
              row.supporting,
              row.timeline,
              row.deliverable,
            ]);
      if (row.kind === "section") {
        added.font = { ...FONT, bold: true };
        sheet.mergeCells(added.number, 2, added.number, APPENDIX_COLUMNS.length);
      }
    }
    sheet.eachRow((row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cell.font = { ...FONT, bold: rowNumber === 1 || cell.font?.bold === true };
        cell.alignment = {
          wrapText: true,
          vertical: "middle",
          horizontal: rowNumber === 1 || column === 1 || column === 5 ? "center" : "left",
        };
        cell.border = {
          top: { style: "thin" },
          bottom: { style: "thin" },
          left: { style: "thin" },
          right: { style: "thin" },
        };
      });
    });
    sheet.pageSetup.printTitlesRow = "1:1";
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
