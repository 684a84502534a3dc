/** Content types and the Content-Disposition header of the files the API sends as downloads. */
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF = "application/pdf";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An ASCII fallback name and the full UTF-8 name (RFC 6266), so Vietnamese file names survive. */
export function attachment(name: string) {
  return `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
