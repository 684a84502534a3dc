import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { FastifyRequest } from "fastify";
import {
  checkSheetRow,
  describeSheetProblem,
  type ArchiveLimits,
  type SheetLimits,
} from "../../core/files/archive-limits.ts";
import type { CellValue } from "../../core/organization/unit-import.ts";
import { AppError } from "../errors.ts";
import { refuseControlCharacters } from "./sheet-text.ts";
import { ArchiveFormatError, guardArchive } from "./archive-guard.ts";
import { parseInWorker } from "./parse-in-worker.ts";

export interface Sheet {
  headers: string[];
  rows: CellValue[][];
}

/** What one kind of upload may hold: the .xlsx package, the rows read, the sheet to read. */
export interface SpreadsheetLimits {
  archive: ArchiveLimits;
  sheet: SheetLimits;
  /** The worksheet to read when present (otherwise the first). */
  sheetName?: string;
  /** For FILE_UNSUPPORTED: what the route accepts. */
  accepted: string;
  /** Whether CSV is accepted besides .xlsx. */
  csv: boolean;
}

const MB = 1024 * 1024;

/** Small office lists (units, procedures): a few thousand rows, a few MB of sheet XML. */
export const LIST_LIMITS: SpreadsheetLimits = {
  archive: { maxEntries: 200, maxEntryBytes: 32 * MB, maxTotalBytes: 48 * MB, maxRatio: 200 },
  sheet: { maxRows: 20_000, maxColumns: 50, maxCellChars: 10_000 },
  accepted: "CSV (UTF-8) hoặc Excel (.xlsx)",
  csv: true,
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function looksLikeText(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 4096);
  if (sample.includes(0)) return false;
  return !sample.toString("utf8").includes("\uFFFD");
}

function unsupported(limits: SpreadsheetLimits, valid = true) {
  return new AppError("FILE_UNSUPPORTED", {
    params: { accepted: valid ? `${limits.accepted} hợp lệ` : limits.accepted },
  });
}

function tooComplex(reason: string) {
  return new AppError("FILE_TOO_COMPLEX", { params: { reason } });
}

function readCsv(buffer: Buffer, limits: SpreadsheetLimits): Sheet {
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
      // One record more than allowed tells that the file is too long, without reading the rest.
      to: limits.sheet.maxRows + 2,
      max_record_size: limits.sheet.maxCellChars * 4,
    });
  } catch (error) {
    if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE")
      throw tooComplex(`một dòng dài hơn ${limits.sheet.maxCellChars * 4} ký tự`);
    throw unsupported(limits);
  }
  records.forEach((record, index) => {
    const problem = checkSheetRow(index + 1, index, record, limits.sheet);
    if (problem) throw tooComplex(describeSheetProblem(problem));
  });
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
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

async function readRows(
  worksheet: AsyncIterable<ExcelJS.Row>,
  limits: SheetLimits,
): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  let read = 0;
  for await (const row of worksheet) {
    read += 1;
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    // The row number counts too: an empty row numbered 1,000,000 would be a million rows.
    const problem = checkSheetRow(row.number, Math.max(read, row.number - 1), values, limits);
    if (problem) throw tooComplex(describeSheetProblem(problem));
    rows[row.number - 1] = values;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/**
 * Reads one worksheet as a stream (exceljs's WorkbookReader), after the package passed the
 * archive guard; stops at the first row over the caps. Rows keep their sheet numbers (empty rows
 * are empty arrays), the first row is the header.
 */
async function readXlsx(buffer: Buffer, limits: SpreadsheetLimits): Promise<Sheet> {
  try {
    await guardArchive(buffer, limits.archive);
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw unsupported(limits);
    throw error;
  }
  const { default: ExcelJS } = await import("exceljs");
  const input = Readable.from([buffer]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let all: CellValue[][] | null = null;
  let chosen = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name;
      const wanted = !limits.sheetName || name === limits.sheetName;
      // Another sheet than the one named: kept only as the fallback (the first sheet). A skipped
      // sheet is still read through: exceljs may have parked it in a temporary file that it deletes
      // as soon as the loop moves on, while its lazily opened stream would then fail in the worker.
      if (chosen || (!wanted && all !== null)) {
        for await (const row of worksheet as unknown as AsyncIterable<unknown>) void row;
        continue;
      }
      all = await readRows(worksheet as unknown as AsyncIterable<ExcelJS.Row>, limits.sheet);
      chosen = wanted;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unsupported(limits);
  } finally {
    input.destroy();
  }
  const [headerRow = [], ...dataRows] = all ?? [];
  return { headers: headerRow.map((h) => String(h ?? "").trim()), rows: dataRows };
}

/** Reads a CSV or XLSX file within `limits`; the type is decided by content, not by name. */
export async function readSpreadsheet(
  buffer: Buffer,
  limits: SpreadsheetLimits = LIST_LIMITS,
): Promise<Sheet> {
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    return refuseControlCharacters(await readXlsx(buffer, limits));
  }
  if (limits.csv && looksLikeText(buffer)) return refuseControlCharacters(readCsv(buffer, limits));
  throw unsupported(limits, false);
}

/** The uploaded `file` of a multipart request, whole (uploads are ≤ 20 MB). */
export async function readUploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError("FILE_REQUIRED");
  let bytes: Buffer | null = null;
  for await (const part of request.parts()) {
    if (part.type === "file") bytes = await part.toBuffer();
  }
  if (!bytes || bytes.length === 0) throw new AppError("FILE_REQUIRED");
  return bytes;
}

/** Reads the uploaded spreadsheet in a worker thread (time and memory limited). */
export async function readSpreadsheetUpload(
  request: FastifyRequest,
  limits: SpreadsheetLimits = LIST_LIMITS,
): Promise<Sheet> {
  return parseSpreadsheet(await readUploadedFile(request), limits);
}

export function parseSpreadsheet(bytes: Buffer, limits: SpreadsheetLimits): Promise<Sheet> {
  return parseInWorker("spreadsheet", { bytes, limits });
}
