/**
 * Reads an official's plan file (.docx, .pdf with a text layer, .txt/.md) into the normalised
 * document model, and imports it into the plan-import contract.
 */
import path from "node:path";
import { parsePlan } from "../../../core/plan-import/parse-plan.ts";
import type { PlanImport } from "../../../core/plan-import/contract.ts";
import type { PlanDocument } from "../../../core/plan-import/document-model.ts";
import { readDocxGuarded } from "./docx-reader.ts";
import { AppError } from "../../errors.ts";
import { readPdf } from "./pdf-reader.ts";
import { PlanImportFileError } from "./plan-import-errors.ts";
import { readText } from "./text-reader.ts";

export type SourceKind = "docx" | "pdf" | "text";

export function sourceKindOf(filename: string): SourceKind | null {
  const extension = path.extname(filename).toLowerCase();
  if (extension === ".docx") return "docx";
  if (extension === ".pdf") return "pdf";
  if (extension === ".txt" || extension === ".md" || extension === ".markdown") return "text";
  return null;
}

function looksLikeZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b;
}

function looksLikePdf(buffer: Buffer): boolean {
  return buffer.subarray(0, 1024).toString("latin1").includes("%PDF-");
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `tệp bị hỏng hoặc không đúng định dạng (${message.slice(0, 200)}).`;
}

export async function readPlanSource(buffer: Buffer, filename: string): Promise<PlanDocument> {
  const kind = sourceKindOf(filename);
  const name = path.basename(filename);
  if (!kind) throw new PlanImportFileError("IMPORT_UNSUPPORTED_FILE", { filename: name });
  if (kind === "docx") {
    if (!looksLikeZip(buffer)) {
      throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
        filename: name,
        reason: "tệp không phải là tài liệu Word (.docx) hợp lệ.",
      });
    }
    try {
      return await readDocxGuarded(buffer);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
        filename: name,
        reason: reasonOf(error),
      });
    }
  }
  if (kind === "pdf") {
    if (!looksLikePdf(buffer)) {
      throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
        filename: name,
        reason: "tệp không phải là tài liệu PDF hợp lệ.",
      });
    }
    let document: PlanDocument;
    try {
      document = await readPdf(buffer);
    } catch (error) {
      throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
        filename: name,
        reason: reasonOf(error),
      });
    }
    if (document.blocks.length === 0) {
      throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
        filename: name,
        reason:
          "tệp PDF không có lớp văn bản (có thể là bản quét ảnh); hãy dùng bản Word hoặc PDF có chữ.",
      });
    }
    return document;
  }
  if (buffer.includes(0) && !(buffer[0] === 0xff || buffer[0] === 0xfe)) {
    throw new PlanImportFileError("IMPORT_UNREADABLE_FILE", {
      filename: name,
      reason: "tệp văn bản chứa dữ liệu nhị phân, không phải văn bản UTF-8.",
    });
  }
  return readText(buffer);
}

export async function importPlan(buffer: Buffer, filename: string): Promise<PlanImport> {
  return parsePlan(await readPlanSource(buffer, filename));
}
