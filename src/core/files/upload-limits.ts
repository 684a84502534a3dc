/**
 * What an upload may be, stated once for the server (which enforces it) and the browser (which
 * says it before sending a byte): the size limit of every multipart upload and the evidence types.
 */
import { formatNumber } from "../text/number-format.ts";

/** Largest file a multipart upload may carry (the server's multipart limit): 20 MB. */
export const MAX_UPLOAD_MB = 20;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/** Largest export of dossiers the desk's import takes (streamed to disk, read row by row). */
export const MAX_DOSSIER_IMPORT_BYTES = 512 * 1024 * 1024;

/** File name endings of the evidence types (see EVIDENCE_TYPES, which checks the content). */
export const EVIDENCE_EXTENSIONS = [".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png"] as const;

/** The `accept` attribute of an evidence file field. */
export const EVIDENCE_ACCEPT = [
  ...EVIDENCE_EXTENSIONS,
  "application/pdf",
  "image/jpeg",
  "image/png",
].join(",");

const MIB = 1024 * 1024;

/**
 * A size limit as people read it: 20 MB, 1 MB, 512 KB, 1,5 MB (decimal comma, binary units as the
 * limits are set: 1 MB = 1 048 576 bytes).
 */
export function formatByteLimit(bytes: number): string {
  if (bytes >= MIB)
    return `${formatNumber(bytes / MIB, { maxFractionDigits: 1, minFractionDigits: 0 })} MB`;
  if (bytes >= 1024)
    return `${formatNumber(bytes / 1024, { maxFractionDigits: 1, minFractionDigits: 0 })} KB`;
  return `${formatNumber(bytes, { maxFractionDigits: 0 })} byte`;
}

/** "Tệp lớn hơn 20 MB.": a file over a multipart upload's limit. */
export function fileTooLargeMessage(maxBytes: number): string {
  return `Tệp lớn hơn ${formatByteLimit(maxBytes)}.`;
}

/** "Dữ liệu gửi lên lớn hơn 1 MB.": a request body over the route's limit. */
export function bodyTooLargeMessage(maxBytes: number): string {
  return `Dữ liệu gửi lên lớn hơn ${formatByteLimit(maxBytes)}.`;
}

export interface UploadRules {
  maxBytes?: number;
  /** Allowed endings (".xlsx"); any when absent. */
  extensions?: readonly string[];
}

/**
 * Why a chosen file cannot be sent, in Vietnamese, or null when it can: empty, larger than the
 * limit, or of a type the field does not take (by its name: the server checks the content).
 */
export function uploadProblem(
  file: { name: string; size: number },
  rules: UploadRules = {},
): string | null {
  const maxBytes = rules.maxBytes ?? MAX_UPLOAD_BYTES;
  if (file.size === 0) return `Tệp “${file.name}” rỗng (0 byte).`;
  if (file.size > maxBytes) {
    return fileTooLargeMessage(maxBytes);
  }
  const extensions = rules.extensions;
  if (extensions && !extensions.some((ending) => file.name.toLowerCase().endsWith(ending))) {
    const list = extensions.map((ending) => ending.slice(1).toUpperCase()).join(", ");
    return `Chỉ nhận tệp ${list}.`;
  }
  return null;
}
