import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { PassThrough, type Readable } from "node:stream";
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import type { ImportCell } from "../../core/dossier/import/index.ts";
import type { ArchiveLimits } from "../../core/files/archive-limits.ts";
import { AppError } from "../errors.ts";
import { ArchiveFormatError, guardArchive } from "./archive-guard.ts";

/*
 * Streaming reader for dossier exports: CSV through papaparse, XLSX through exceljs's streaming
 * WorkbookReader (first worksheet). Rows are yielded a chunk at a time so memory stays bounded
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
  /** The data rows in order, a chunk at a time (a few hundred to a few thousand rows). */
  chunks: AsyncGenerator<ImportSheetRow[]>;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead(): number;
  close(): void;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A record longer than this is not a dossier row: the file is garbage or not CSV. */
const MAX_RECORD_BYTES = 64 * 1024;
const XLSX_CHUNK_ROWS = 500;
const ACCEPTED = "CSV (UTF-8) hoặc Excel (.xlsx) xuất từ hệ thống Một cửa";
const MB = 1024 * 1024;

/** Rows of one export: twice the million-row exports the import is measured on. */
export const MAX_IMPORT_ROWS = 2_000_000;

/**
 * An export's package: every part but the worksheets (which are streamed, row-capped) is read
 * whole by exceljs — shared strings, styles, the workbook — so those are capped as declared and
 * as inflated, to what the parse workers' heaps hold (a larger export goes as CSV).
 */
export const DOSSIER_XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 32 * MB,
  maxTotalBytes: 48 * MB,
  maxRatio: 200,
};
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * The worksheets of a file whose worksheets ExcelJS's streaming reader copies to a temporary file
 * before reading them (`sheetsWaitForStrings`) are inflated here first, within these limits: that
 * copy waits forever for an entry that cannot be inflated (ExcelJS 4.4 never hears of the error),
 * and writes whatever the entry inflates to.
 */
export const WAITING_SHEET_LIMITS: ArchiveLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 1024 * MB,
  maxTotalBytes: 1024 * MB,
  // Deflate's own ceiling (≈ 1,032:1): no ratio rule of its own here, the sizes bound the copy;
  // what a worksheet holds is bounded as it is read (rows, a cell's size), as for any worksheet.
  maxRatio: 1_100,
};

/**
 * Whether ExcelJS's streaming reader will copy a worksheet to a temporary file: it reads a
 * worksheet as it streams only when the shared strings and the workbook's relationships came
 * before it in the file (a file without shared strings included).
 */
export function sheetsWaitForStrings(entries: { name: string; offset: number }[]): boolean {
  const at = (name: string) => entries.find((entry) => entry.name === name)?.offset;
  const strings = at("xl/sharedStrings.xml");
  const relationships = at("xl/_rels/workbook.xml.rels");
  return entries.some(
    (entry) =>
      WORKSHEET.test(entry.name) &&
      (strings === undefined ||
        relationships === undefined ||
        strings > entry.offset ||
        relationships > entry.offset),
  );
}

function tooManyRows(): AppError {
  return new AppError("FILE_TOO_COMPLEX", {
    params: { reason: `tệp có hơn ${MAX_IMPORT_ROWS.toLocaleString("vi-VN")} dòng` },
  });
}

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
  if ((error as { code?: string }).code === "ENOENT") return "tệp tải lên không còn trên máy chủ";
  return "tệp bị hỏng hoặc không đúng định dạng";
}

const tooLong = (row: number) => unreadable(`dòng ${row} quá dài — tệp không phải bảng CSV`);

/*
 * papaparse reads the file a chunk at a time (≈ 4 times faster than csv-parse on a million-row
 * export). Its push-style chunks are turned into pulls: after a chunk the parser pauses until the
 * consumer asks for the next one, so memory holds one chunk whatever the file size.
 */
class CsvChunks {
  private parser: Papa.Parser | null = null;
  private ready: string[][] | null = null;
  private finished = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;
  private records = 0;
  private bytesAtLastRecord = 0;

  constructor(
    private readonly source: Readable,
    delimiter: string,
    private readonly bytes: () => number,
  ) {
    Papa.parse<string[]>(source as unknown as File, {
      delimiter,
      skipEmptyLines: false,
      chunk: (results, parser) => this.take(results.data, parser),
      complete: () => this.settle(() => (this.finished = true)),
      error: (error) => this.settle(() => (this.failure ??= unreadable(csvMessage(error)))),
    });
  }

  private take(rows: string[][], parser: Papa.Parser) {
    for (const record of rows) {
      this.records += 1;
      let length = 0;
      for (const cell of record) length += cell.length;
      if (length > MAX_RECORD_BYTES) return this.fail(parser, tooLong(this.records));
    }
    // A quote that never closes turns the rest of the file into one record: stop early.
    if (rows.length > 0) this.bytesAtLastRecord = this.bytes();
    else if (this.bytes() - this.bytesAtLastRecord > 4 * MAX_RECORD_BYTES)
      return this.fail(parser, tooLong(this.records + 1));
    // Pausing papaparse does not pause its input: the file stream is paused too.
    parser.pause();
    this.source.pause();
    this.parser = parser;
    this.settle(() => (this.ready = rows));
  }

  private fail(parser: Papa.Parser, error: AppError) {
    parser.abort();
    this.settle(() => (this.failure = error));
  }

  private settle(change: () => unknown) {
    change();
    this.wake?.();
    this.wake = null;
  }

  /** The next chunk's records, or null at the end of the file. */
  async next(): Promise<string[][] | null> {
    if (this.ready === null && this.parser) {
      const parser = this.parser;
      this.parser = null;
      parser.resume();
      this.source.resume();
    }
    while (this.ready === null && !this.finished && this.failure === null)
      await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure !== null) throw this.failure;
    const rows = this.ready;
    this.ready = null;
    return rows;
  }

  stop() {
    this.parser?.abort();
    this.parser = null;
  }
}

async function openCsv(path: string, sample: Buffer): Promise<ImportSheet> {
  const source = createReadStream(path, { encoding: "utf8", highWaterMark: 64 * 1024 });
  let bytes = 0;
  source.on("data", (chunk) => {
    bytes += Buffer.byteLength(chunk);
  });
  const csv = new CsvChunks(source, detectDelimiter(sample), () => bytes);
  const close = () => {
    csv.stop();
    source.destroy();
  };
  // The header and the first data row are read before the file is accepted, so a file that is
  // not a table (one endless line, say) is refused before any run starts.
  let first: string[][] = [];
  try {
    for (;;) {
      const rows = await csv.next();
      if (rows === null) break;
      first = first.length === 0 ? rows : first.concat(rows);
      if (first.length >= 2) break;
    }
  } catch (error) {
    close();
    throw error;
  }
  const headers = (first[0] ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());

  async function* chunks(): AsyncGenerator<ImportSheetRow[]> {
    let row = 1;
    const numbered = (records: string[][]) =>
      records.map((cells) => {
        row += 1;
        if (row > MAX_IMPORT_ROWS + 1) throw tooManyRows();
        return { row, cells };
      });
    try {
      if (first.length > 1) yield numbered(first.slice(1));
      first = [];
      for (;;) {
        const rows = await csv.next();
        if (rows === null) return;
        if (rows.length > 0) yield numbered(rows);
      }
    } finally {
      close();
    }
  }
  return { kind: "csv", headers, chunks: chunks(), bytesRead: () => bytes, close };
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
  try {
    const entries = await guardArchive(path, DOSSIER_XLSX_LIMITS, {
      inflated: (name) => !WORKSHEET.test(name),
    });
    if (sheetsWaitForStrings(entries))
      await guardArchive(path, WAITING_SHEET_LIMITS, { inflated: (name) => WORKSHEET.test(name) });
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw unreadable(error.message);
    throw error;
  }
  // Loaded when an Excel file comes: a large module that CSV imports do not need.
  const { default: ExcelJS } = await import("exceljs");
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
  async function* chunks(): AsyncGenerator<ImportSheetRow[]> {
    let expected = headerRow + 1;
    let chunk: ImportSheetRow[] = [];
    try {
      for (;;) {
        const item = await rowIterator.next();
        if (item.done) break;
        // The streaming reader skips empty rows; keep numbering as in the sheet.
        expected = item.value.number + 1;
        if (item.value.number > MAX_IMPORT_ROWS + 1) throw tooManyRows();
        const values = item.value.values as ExcelJS.CellValue[];
        chunk.push({ row: item.value.number, cells: values.slice(1).map(cellOf) });
        if (chunk.length >= XLSX_CHUNK_ROWS) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadable(`tệp Excel bị hỏng gần dòng ${expected}`);
    } finally {
      source.destroy();
    }
  }
  return { kind: "xlsx", headers, chunks: chunks(), bytesRead, close: () => source.destroy() };
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
