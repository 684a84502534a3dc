import type { FastifyReply } from "fastify";
import { docxToPdf } from "../documents/pdf-convert.ts";
import { inline, PDF } from "../http/download.ts";

/**
 * Sends a Word file as the PDF the browser opens to print (LibreOffice on the server), under the
 * same name with `.pdf`: the desk's forms and the printed register book.
 */
export async function sendDocxAsPdf(
  reply: FastifyReply,
  file: { buffer: Buffer; fileName: string },
): Promise<FastifyReply> {
  const pdf = await docxToPdf(file.buffer);
  return reply
    .type(PDF)
    .header("content-disposition", inline(file.fileName.replace(/\.docx$/, ".pdf")))
    .send(pdf);
}
