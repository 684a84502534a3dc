import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { FastifyRequest } from "fastify";
import type { CellValue } from "../../core/organization/unit-import.ts";
import { AppError } from "../errors.ts";
import { refuseControlCharacters } from "./sheet-text.ts";

export interface Sheet {
  headers: string[];
  rows: CellValue[][];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function looksLikeText(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 4096);
  if (sample.includes(0)) return false;
  return !sample.toString("utf8").includes("\uFFFD");
}

function readCsv(buffer: Buffer): Sheet {
  const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    throw new AppError("FILE_UNSUPPORTED", {
      params: { accepted: "CSV (UTF-8) hoặc Excel (.xlsx) hợp lệ" },
    });
  }
  const [headers = [], ...rows] = records;
  return { headers, rows };
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError("FILE_UNSUPPORTED", {
      params: { accepted: "CSV (UTF-8) hoặc Excel (.xlsx) hợp lệ" },
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const rows: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1).map(cellValue));
  });
  const [headerRow = [], ...dataRows] = rows;
  return { headers: headerRow.map((h) => String(h ?? "").trim()), rows: dataRows };
}

/** Reads a CSV or XLSX file; the type is decided by content, not by the file name. */
export async function readSpreadsheet(buffer: Buffer): Promise<Sheet> {
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC))
    return refuseControlCharacters(await readXlsx(buffer));
  if (looksLikeText(buffer)) return refuseControlCharacters(readCsv(buffer));
  throw new AppError("FILE_UNSUPPORTED", {
    params: { accepted: "CSV (UTF-8) hoặc Excel (.xlsx)" },
  });
}

export async function readSpreadsheetUpload(request: FastifyRequest): Promise<Sheet> {
  if (!request.isMultipart()) throw new AppError("FILE_REQUIRED");
  const file = await request.file();
  if (!file) throw new AppError("FILE_REQUIRED");
  const buffer = await file.toBuffer();
  if (buffer.length === 0) throw new AppError("FILE_REQUIRED");
  return readSpreadsheet(buffer);
}
