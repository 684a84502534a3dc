/** .txt / .md → document model (UTF-8, BOM stripped, CRLF accepted; UTF-16 with a BOM too). */
import { textToDocument } from "../../../core/plan-import/text-source.ts";
import type { PlanDocument } from "../../../core/plan-import/document-model.ts";

export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(buffer.subarray(2));
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(buffer.subarray(2));
  }
  return new TextDecoder("utf-8").decode(buffer).replace(/^\ufeff/, "");
}

export function readText(buffer: Buffer): PlanDocument {
  return textToDocument(decodeText(buffer));
}
