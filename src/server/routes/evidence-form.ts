/**
 * The multipart form of an evidence upload (`file`, `documentNumber`, `documentDate`,
 * `documentType`, and whatever list fields the route adds), read only after the route has checked
 * the caller's right to upload there. A file over the limit is refused with the evidence
 * capability's own message.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { MAX_EVIDENCE_BYTES, type EvidenceUpload } from "../services/evidence-files.ts";
import { isoDate } from "./common.schemas.ts";
import { assertSafeFields } from "../http/safe-input.ts";

export interface EvidenceForm {
  upload: EvidenceUpload;
  /** Every text field, each with all its values in order (a repeated field gives a list). */
  fields: Record<string, string[]>;
}

/** Throws FILE_REQUIRED unless the request is multipart (reads headers only). */
export function requireMultipart(request: FastifyRequest) {
  if (!request.isMultipart()) throw new AppError("FILE_REQUIRED");
}

export async function readEvidenceForm(request: FastifyRequest): Promise<EvidenceForm> {
  const fields: Record<string, string[]> = {};
  let file: { fileName: string; bytes: Buffer } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES } })) {
      if (part.type === "file") file = { fileName: part.filename, bytes: await part.toBuffer() };
      else (fields[part.fieldname] ??= []).push(String(part.value ?? ""));
    }
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError("EVIDENCE_TOO_LARGE", {
        params: { limit: MAX_EVIDENCE_BYTES / 1024 / 1024 },
      });
    }
    throw error;
  }
  assertSafeFields(fields);
  if (!file || file.bytes.length === 0) throw new AppError("FILE_REQUIRED");
  const first = (name: string) => fields[name]?.[0]?.trim() || null;
  const documentDate = first("documentDate");
  if (documentDate && !isoDate.safeParse(documentDate).success) {
    throw new AppError("VALIDATION_FAILED", {
      details: [{ path: "documentDate", message: "Ngày văn bản không hợp lệ." }],
    });
  }
  return {
    upload: {
      ...file,
      documentNumber: first("documentNumber"),
      documentDate,
      documentType: first("documentType"),
    },
    fields,
  };
}
