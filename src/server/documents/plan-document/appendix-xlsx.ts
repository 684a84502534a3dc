import ExcelJS from "exceljs";
import { APPENDIX_COLUMNS, appendixRows, type AppendixRow } from "./appendix-rows.ts";
import { appendixName } from "../nd30-kit/index.ts";
import type { PlanDocumentInput } from "./plan-document-input.ts";
import { attachedToLine } from "./plan-issuer-text.ts";

/** Column widths in characters: TT, content, lead, supporting, timeline, product. */
const COLUMN_WIDTHS = [6, 60, 28, 32, 22, 32] as const;
const FONT = { name: "Times New Roman", size: 12 } as const;
/** Height of one line of 12 pt text, in points. */
const LINE_HEIGHT = 15.75;
/** The title block: "Phụ lục I", the title, "(Kèm theo …)" and an empty line; the table follows. */
const HEADER_ROW = 5;

/**
 * Lines a text takes in a column `width` characters wide, wrapped at spaces (Times New Roman at
 * 12 pt fits about 1,1 characters per unit of Excel's column width).
 */
export function wrappedLineCount(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 1);
  return text.split("\n").reduce((count, paragraph) => {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const length = word.length;
      if (used === 0) used = length;
      else if (used + 1 + length <= perLine) used += 1 + length;
      else {
        lines += 1;
        used = length;
      }
      while (used > perLine) {
        lines += 1;
        used -= perLine;
      }
    }
    return count + lines;
  }, 0);
}

/** A row's height so every wrapped cell shows whole (Excel does not grow rows on its own). */
function rowHeight(values: readonly string[], widths: readonly number[]): number {
  const lines = Math.max(
    1,
    ...values.map((value, index) => wrappedLineCount(value, widths[index] ?? 10)),
  );
  return Math.ceil(lines * LINE_HEIGHT + 4);
}

function rowValues(row: AppendixRow): string[] {
  return row.kind === "section"
    ? [row.label, row.title]
    : [row.label, row.content, row.lead, row.supporting, row.timeline, row.deliverable];
}

/**
 * The appendix task tables as an Excel workbook, one sheet per appendix ("Phụ lục I"…): the ND 30
 * title block ("Phụ lục I", the title in capitals, "(Kèm theo …)"), then the table with a bold
 * header row that stays frozen and repeats on every printed page, wrapped cells in rows tall
 * enough to show them, printed on A4 landscape one page wide.
 */
export async function exportAppendixXlsx(input: PlanDocumentInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.issuer.nameInText;
  const lastColumn = APPENDIX_COLUMNS.length;
  const tableWidth = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);
  input.appendices.forEach((appendix, index) => {
    const sheet = workbook.addWorksheet(appendixName(index), {
      views: [{ state: "frozen", ySplit: HEADER_ROW }],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: "&C&P/&N" },
    });
    sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));
    const titleLines = [
      { text: appendixName(index), font: { ...FONT, size: 14, bold: true } },
      { text: appendix.title.toLocaleUpperCase("vi"), font: { ...FONT, bold: true } },
      { text: attachedToLine(input), font: { ...FONT, italic: true } },
    ];
    titleLines.forEach((title, offset) => {
      const row = sheet.getRow(offset + 1);
      row.getCell(1).value = title.text;
      row.getCell(1).font = title.font;
      row.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      sheet.mergeCells(offset + 1, 1, offset + 1, lastColumn);
      row.height = rowHeight([title.text], [tableWidth]) + (offset === 0 ? 4 : 0);
    });

    const header = sheet.getRow(HEADER_ROW);
    header.values = [...APPENDIX_COLUMNS];
    header.height = rowHeight([...APPENDIX_COLUMNS], COLUMN_WIDTHS);
    const bodyRows = appendixRows(appendix);
    bodyRows.forEach((row, offset) => {
      const added = sheet.getRow(HEADER_ROW + 1 + offset);
      const values = rowValues(row);
      added.values = values;
      if (row.kind === "section") {
        sheet.mergeCells(added.number, 2, added.number, lastColumn);
        added.height = rowHeight(values, [COLUMN_WIDTHS[0], tableWidth - COLUMN_WIDTHS[0]]);
      } else {
        added.height = rowHeight(values, COLUMN_WIDTHS);
      }
    });
    for (let rowNumber = HEADER_ROW; rowNumber <= HEADER_ROW + bodyRows.length; rowNumber += 1) {
      const row = sheet.getRow(rowNumber);
      const bold =
        rowNumber === HEADER_ROW || bodyRows[rowNumber - HEADER_ROW - 1]?.kind === "section";
      for (let column = 1; column <= lastColumn; column += 1) {
        const cell = row.getCell(column);
        cell.font = { ...FONT, bold };
        cell.alignment = {
          wrapText: true,
          vertical: "middle",
          horizontal: rowNumber === HEADER_ROW || column === 1 || column === 5 ? "center" : "left",
        };
        cell.border = {
          top: { style: "thin" },
          bottom: { style: "thin" },
          left: { style: "thin" },
          right: { style: "thin" },
        };
      }
    }
    sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
