/** Word (.docx) → document model: mammoth converts to HTML; paragraphs and tables are walked. */
import mammoth from "mammoth";
import { htmlToBlocks } from "../../../core/plan-import/html-blocks.ts";
import type { PlanDocument } from "../../../core/plan-import/document-model.ts";

export async function readDocx(buffer: Buffer): Promise<PlanDocument> {
  const { value } = await mammoth.convertToHtml({ buffer });
  return { format: "docx", blocks: htmlToBlocks(value) };
}
