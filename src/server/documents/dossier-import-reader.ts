import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { PassThrough } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import type { ImportCell } from "../../core/dossier/import/index.ts";
import { AppError } from "../errors.ts";

/*
 * Streaming reader for dossier exports: CSV through csv-parse's stream API, XLSX through exceljs's
 * streaming WorkbookReader (first worksheet). Rows are yielded one by one so memory stays bounded
 * whatever the file size; the kind is decided by content, not by the file name.
 */

export type ImportFileKind = "csv" | "xlsx";

export interface ImportSheetRow {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: ImportCell[];
}

export interface ImportSheet {
  kind: ImportFileKind;
  headers: string[];
  rows: AsyncGenerator<ImportSheetRow>;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead(): number;
  close(): void;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A record longer than this is not a dossier row: the file is garbage or not CSV. */
const MAX_RECORD_BYTES = 64 * 1024;
const ACCEPTED = "CSV (UTF-8) hoặc Excel (.xlsx) xuất từ hệ thống Một cửa";

function unreadable(reason: string): AppError {
  return new AppError("DOSSIER_IMPORT_UNREADABLE", { params: { reason } });
}

async function head(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function looksLikeText(sample: Buffer): boolean {
  if (sample.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sample: ignore the last 3 bytes.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(
    sample.subarray(0, Math.max(0, sample.length - 3)),
  );
  return !text.includes("\uFFFD");
}

function detectDelimiter(sample: Buffer): string {
  const firstLine =
    sample
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ",";
}

function counted(path: string) {
  let bytes = 0;
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counter = new PassThrough({ highWaterMark: 256 * 1024 });
  counter.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
  });
  source.on("error", (error) => counter.destroy(error));
  source.pipe(counter);
  return { stream: counter, source, bytesRead: () => bytes };
}

function csvMessage(error: unknown): string {
  const e = error as { code?: string; lines?: number; message?: string };
  if (e.code === "CSV_MAX_RECORD_SIZE")
    return `dòng ${e.lines ?? "?"} quá dài — tệp không phải bảng CSV`;
  if (e.code?.startsWith("CSV_")) return `lỗi định dạng CSV ở dòng ${e.lines ?? "?"}`;
  return "tệp bị hỏng hoặc không đúng định dạng";
}

async function openCsv(path: string, sample: Buffer): Promise<ImportSheet> {
  const { stream, source, bytesRead } = counted(path);
  const parser = parse({
    delimiter: detectDelimiter(sample),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  stream.pipe(parser);
  stream.on("error", (error) => parser.destroy(error));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let next: IteratorResult<string[]>;
  try {
    next = await iterator.next();
  } catch (error) {
    source.destroy();
    throw unreadable(csvMessage(error));
  }
  const headers = next.done ? [] : next.value.map((h) => h.trim());
  async function* rows(): AsyncGenerator<ImportSheetRow> {
    let row = 1;
    try {
      for (;;) {
        const item = await iterator.next();
        if (item.done) return;
        row += 1;
        yield { row, cells: item.value };
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadable(csvMessage(error));
    } finally {
      source.destroy();
    }
  }
  return { kind: "csv", headers, rows: rows(), bytesRead, close: () => source.destroy() };
}

function cellOf(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "x" : "";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellOf(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return null;
  }
  return String(value);
}

async function openXlsx(path: string): Promise<ImportSheet> {
  const { stream, source, bytesRead } = counted(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const sheets = reader[Symbol.asyncIterator]();
  let rowIterator: AsyncIterator<ExcelJS.Row>;
  let headers: string[] = [];
  let first: IteratorResult<ExcelJS.Row> | null;
  try {
    const sheet = await sheets.next();
    if (sheet.done) throw unreadable("tệp Excel không có trang tính nào");
    rowIterator = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    first = await rowIterator.next();
    if (!first.done) {
      const values = first.value.values as ExcelJS.CellValue[];
      headers = values.slice(1).map((v) => String(cellOf(v) ?? "").trim());
    }
  } catch (error) {
    source.destroy();
    if (error instanceof AppError) throw error;
    throw unreadable("tệp Excel bị hỏng hoặc không phải .xlsx");
  }
  const headerRow = first?.done ? 1 : (first?.value.number ?? 1);
  async function* rows(): AsyncGenerator<ImportSheetRow> {
    let expected = headerRow + 1;
    try {
      for (;;) {
        const item = await rowIterator.next();
        if (item.done) return;
        // The streaming reader skips empty rows; keep numbering as in the sheet.
        expected = item.value.number + 1;
        const values = item.value.values as ExcelJS.CellValue[];
        yield { row: item.value.number, cells: values.slice(1).map(cellOf) };
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadable(`tệp Excel bị hỏng gần dòng ${expected}`);
    } finally {
      source.destroy();
    }
  }
  return { kind: "xlsx", headers, rows: rows(), bytesRead, close: () => source.destroy() };
}

/** Opens an export for streaming; throws DOSSIER_IMPORT_UNREADABLE for anything else. */
export async function openImportSheet(path: string): Promise<ImportSheet> {
  const sample = await head(path, 64 * 1024);
  if (sample.length === 0) throw new AppError("FILE_REQUIRED");
  if (sample.subarray(0, 4).equals(ZIP_MAGIC)) return openXlsx(path);
  if (looksLikeText(sample)) return openCsv(path, sample);
  throw new AppError("FILE_UNSUPPORTED", { params: { accepted: ACCEPTED } });
}

/** Data lines of a CSV file (lines after the header, ignoring a final newline): a fast total for progress. */
export async function countCsvRows(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1024 * 1024,
  }) as AsyncIterable<Buffer>) {
    let index = chunk.indexOf(10);
    while (index !== -1) {
      lines += 1;
      index = chunk.indexOf(10, index + 1);
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (last !== 10) lines += 1;
  return Math.max(0, lines - 1);
}
