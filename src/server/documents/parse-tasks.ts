/**
 * The parses a worker thread runs (parse.worker.ts), each loading its reader when called. Inputs
 * and answers cross the thread boundary by structured clone (bytes arrive as Uint8Array).
 */
import type { PlanImport } from "../../core/plan-import/contract.ts";
import type { PlanDocument } from "../../core/plan-import/document-model.ts";
import { AppError } from "../errors.ts";
import type { ImportFileKind, ImportSheetRow } from "./dossier-import-reader.ts";
import type { Sheet, SpreadsheetLimits } from "./spreadsheet.ts";

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

export const PARSE_TASKS = {
  async spreadsheet(input: { bytes: Uint8Array; limits: SpreadsheetLimits }): Promise<Sheet> {
    const { readSpreadsheet } = await import("./spreadsheet.ts");
    return readSpreadsheet(asBuffer(input.bytes), input.limits);
  },

  /** A plan file (.docx, .pdf, .txt): its document model and what the importer found in it. */
  async planFile(input: {
    bytes: Uint8Array;
    filename: string;
  }): Promise<{ document: PlanDocument; extracted: PlanImport }> {
    const { readPlanSource } = await import("./plan-import/read-plan-source.ts");
    const { PlanImportFileError } = await import("./plan-import/plan-import-errors.ts");
    const { parsePlan } = await import("../../core/plan-import/parse-plan.ts");
    let document: PlanDocument;
    try {
      document = await readPlanSource(asBuffer(input.bytes), input.filename);
    } catch (error) {
      if (error instanceof PlanImportFileError) {
        const reason = error.message.replace(/^.*?”:\s*/u, "");
        throw new AppError(error.code, { params: { filename: input.filename, reason } });
      }
      throw error;
    }
    return { document, extracted: parsePlan(document) };
  },

  /** The header and the first `maxRows` non-empty rows of a dossier export stored on disk. */
  async importSheetHead(input: {
    path: string;
    maxRows: number;
  }): Promise<{ kind: ImportFileKind; headers: string[]; rows: ImportSheetRow[] }> {
    const { openImportSheet } = await import("./dossier-import-reader.ts");
    const sheet = await openImportSheet(input.path);
    const rows: ImportSheetRow[] = [];
    try {
      for await (const chunk of input.maxRows > 0 ? sheet.chunks : []) {
        for (const row of chunk) {
          if (row.cells.every((cell) => cell === null || String(cell).trim() === "")) continue;
          rows.push(row);
          if (rows.length >= input.maxRows) break;
        }
        if (rows.length >= input.maxRows) break;
      }
    } finally {
      sheet.close();
    }
    return { kind: sheet.kind, headers: sheet.headers, rows };
  },
};

export type ParseTasks = typeof PARSE_TASKS;
