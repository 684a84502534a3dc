/**
 * Evidence files on disk, shared by every way a file arrives (a task's upload, a scorecard
 * leaf's upload): the content is checked (type by its bytes, size), hashed, and stored under its
 * SHA-256 in `<dataDir>/evidence/`; one stored file can then be linked to tasks and scorecard
 * leaves alike (`evidence_files`).
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  describeUnknownFile,
  EVIDENCE_TYPES,
  sniffEvidenceType,
} from "../../core/evidence/file-type.ts";
import { MAX_UPLOAD_BYTES } from "../../core/files/upload-limits.ts";
import { AppError } from "../errors.ts";

/** Evidence files are held to the limit of every upload (the multipart limit). */
export const MAX_EVIDENCE_BYTES = MAX_UPLOAD_BYTES;

export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
  documentNumber?: string | null;
  documentDate?: string | null;
  documentType?: string | null;
}

/** The checked file: its content type (from its bytes) and hash; refuses a large or unknown file. */
export function inspectEvidence(bytes: Buffer): { contentType: string; sha256: string } {
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new AppError("EVIDENCE_TOO_LARGE", {
      params: { limit: MAX_EVIDENCE_BYTES / 1024 / 1024 },
    });
  }
  const type = sniffEvidenceType(bytes);
  if (!type) {
    throw new AppError("EVIDENCE_TYPE_NOT_ALLOWED", {
      params: { detected: describeUnknownFile(bytes) },
    });
  }
  return {
    contentType: EVIDENCE_TYPES[type].contentType,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** The `evidence_files` row's values for an inspected upload (the unit and uploader added). */
export function evidenceRow(
  upload: EvidenceUpload,
  inspected: { contentType: string; sha256: string },
  owner: { unitId: string; uploadedBy: string | null },
) {
  return {
    unitId: owner.unitId,
    fileName: upload.fileName.slice(0, 255),
    contentType: inspected.contentType,
    sizeBytes: upload.bytes.length,
    sha256: inspected.sha256,
    documentNumber: upload.documentNumber ?? null,
    documentDate: upload.documentDate ?? null,
    documentType: upload.documentType ?? null,
    uploadedBy: owner.uploadedBy,
  };
}

function pathOf(dataDir: string, sha256: string) {
  return join(dataDir, "evidence", sha256.slice(0, 2), sha256);
}

/**
 * Writes the file under its hash. Called before the rows are inserted: a rolled-back transaction
 * leaves at most an unreferenced file with the same content-addressed name, never a row without
 * its file.
 */
export async function storeEvidenceFile(dataDir: string, sha256: string, bytes: Buffer) {
  const path = pathOf(dataDir, sha256);
  await mkdir(dirname(path), { recursive: true });
  // Unique per write: two uploads of the same file at once shared one name and one lost its rename.
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

export async function readEvidenceFile(dataDir: string, sha256: string) {
  return readFile(pathOf(dataDir, sha256));
}
