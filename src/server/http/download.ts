import type { Readable } from "node:stream";
import { z } from "zod";

/** Content types and the Content-Disposition header of the files the API sends as downloads. */
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV = "text/csv; charset=utf-8";
export const ZIP = "application/zip";
export const PDF = "application/pdf";
export const PNG = "image/png";
/** A file whose type is the uploader's (evidence): the real type is sent in Content-Type. */
export const ANY_FILE = "application/octet-stream";

/** An ASCII fallback name and the full UTF-8 name (RFC 6266), so Vietnamese file names survive. */
export function attachment(name: string) {
  return `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** As `attachment`, but the browser shows the file (a PDF to print) instead of saving it. */
export function inline(name: string) {
  return attachment(name).replace(/^attachment/, "inline");
}

/**
 * The body of a file answer. Fastify sends Buffers and streams as they are (the serializer never
 * sees them), so this schema only documents the answer in OpenAPI as binary.
 */
export const fileBody = z
  .custom<Buffer | Readable>(
    (value) =>
      Buffer.isBuffer(value) || (typeof value === "object" && value !== null && "pipe" in value),
  )
  .meta({ type: "string", format: "binary" });

/**
 * The success answer of a download route, declared per content type so the API description
 * says "a file" instead of nothing:
 * `response: { ...fileAnswer(DOCX, "Tệp Word"), ...commonErrors }`.
 */
export function fileAnswer(contentType: string | readonly string[], description: string) {
  const types = typeof contentType === "string" ? [contentType] : contentType;
  return {
    200: {
      description,
      content: Object.fromEntries(types.map((type) => [type, { schema: fileBody }])) as Record<
        string,
        { schema: typeof fileBody }
      >,
    },
  };
}
