/**
 * What an upload may be, stated once for the server (which enforces it) and the browser (which
 * says it before sending a byte): the size limit of every multipart upload and the evidence types.
 */

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
    return `Tệp lớn hơn ${Math.round(maxBytes / 1024 / 1024)} MB.`;
  }
  const extensions = rules.extensions;
  if (extensions && !extensions.some((ending) => file.name.toLowerCase().endsWith(ending))) {
    const list = extensions.map((ending) => ending.slice(1).toUpperCase()).join(", ");
    return `Chỉ nhận tệp ${list}.`;
  }
  return null;
}
