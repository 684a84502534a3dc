import ExcelJS from "exceljs";

export interface TableExport {
  title: string;
  subtitle: string[];
  columns: { header: string; format: "text" | "integer" | "decimal" | "percent" }[];
  rows: (string | number | null)[][];
}

const NUMBER_FORMATS = {
  text: undefined,
  integer: "#,##0",
  decimal: "#,##0.00",
  percent: "0.00%",
} as const;

/**
 * One table as an Excel workbook: the title and its lines above, a bold frozen header, numbers
 * kept as numbers (percentages as fractions shown with %, so Excel can sum and sort them), and
 * text written as text: exceljs makes a formula only of `{ formula }`, so a cell that starts
 * with "=" stays a string.
 */
export async function tableWorkbook(table: TableExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CCHC";
  const sheet = workbook.addWorksheet("Bảng", {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  for (const line of table.subtitle) sheet.addRow([line]).font = { italic: true };
  sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  for (const values of table.rows) {
    const row = sheet.addRow(table.columns.map((_, index) => values[index] ?? null));
    table.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = values[index];
      const format = NUMBER_FORMATS[column.format];
      if (format && typeof value === "number") cell.numFmt = format;
    });
  }
  table.columns.forEach((column, index) => {
    const longest = Math.max(
      column.header.length,
      ...table.rows.slice(0, 500).map((row) => String(row[index] ?? "").length),
    );
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
