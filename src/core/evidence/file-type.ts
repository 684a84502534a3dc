/**
 * Evidence files are recognised by their content, never by their name: a renamed executable stays
 * what it is.
 */
export const EVIDENCE_TYPES = {
  pdf: { contentType: "application/pdf", label: "PDF" },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word (.docx)",
  },
  xlsx: {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel (.xlsx)",
  },
  jpeg: { contentType: "image/jpeg", label: "ảnh JPG" },
  png: { contentType: "image/png", label: "ảnh PNG" },
} as const;

export type EvidenceType = keyof typeof EVIDENCE_TYPES;

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((value, index) => bytes[index] === value);

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].map((c) => c.charCodeAt(0));
  outer: for (let i = 0; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The evidence type of a file's content, or null when it is none of the accepted types. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, "word/document.xml")) return "docx";
    if (containsAscii(bytes, "xl/workbook.xml")) return "xlsx";
  }
  return null;
}

/** A short description of what an unaccepted file looks like, for the error message. */
export function describeUnknownFile(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x4d, 0x5a])) return "tệp chương trình (.exe)";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "tệp nén không phải Word/Excel";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return "tệp Office cũ (.doc/.xls), hãy lưu lại dạng .docx/.xlsx";
  return "định dạng không được hỗ trợ";
}
