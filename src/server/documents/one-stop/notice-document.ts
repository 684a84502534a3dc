import { Document, Packer } from "docx";
import type { DossierNoticeContent } from "../../../core/dossier/index.ts";
import { a5Section, headerBlock, line, text, SIZE } from "./one-stop-docx.ts";

/**
 * The refusal notice (Mẫu số 03) and the stop notice (Mẫu số 05, TT 03/2025) as A5 .docx, laid
 * out like the apology letter: issuer and national motto, title, addressee, body, signer.
 */
export async function noticeDocx(content: DossierNoticeContent): Promise<Buffer> {
  const children = [
    headerBlock(content.issuer, content.placeAndDate),
    line([text(content.title, { bold: true, size: SIZE.title })], {
      align: "center",
      before: 160,
      after: 0,
    }),
    line([text(content.formReference, { italics: true, size: SIZE.small })], {
      align: "center",
      after: 160,
    }),
    ...content.paragraphs.map((paragraph) =>
      line(
        paragraph.runs.map((run) => text(run.text, { bold: run.bold, italics: run.italics })),
        { align: paragraph.align ?? "both" },
      ),
    ),
    line([text("")], { after: 120 }),
    line([text(content.signer.title, { bold: true })], { align: "right", after: 0 }),
    line([text(content.signer.note, { italics: true, size: SIZE.small })], { align: "right" }),
  ];
  const document = new Document({
    creator: "CCHC",
    title: `${content.formName} — hồ sơ ${content.code}`,
    sections: [a5Section(children)],
  });
  return Packer.toBuffer(document);
}
