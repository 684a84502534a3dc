import type { DossierNoticeContent } from "../../../core/dossier/index.ts";
import { fittedFormBytes } from "./one-stop-form.ts";

/**
 * The notice of a dossier refused after reception, the refusal at the counter (Mẫu số 03), the
 * stop notice (Mẫu số 05, TT 03/2025) and the supplement request (Mẫu số 02) as A5 .docx, laid
 * out like the apology letter: header block (the sending body, or the committee alone), title and
 * form reference or summary, addressee, body, signer.
 */
export function noticeDocx(content: DossierNoticeContent): Promise<Buffer> {
  return fittedFormBytes({
    documentTitle: `${content.formName} — hồ sơ ${content.code}`,
    header: {
      unitName: content.issuer.upper,
      receivingBody: content.issuer.body,
      number: content.issuer.number,
      placeAndDate: content.placeAndDate,
      committee: content.issuer.committee === true,
    },
    title: {
      type: content.title,
      summary: content.summary ?? null,
      notes: content.formReference ? [content.formReference] : [],
    },
    lines: content.paragraphs.map((paragraph) => ({
      pieces: paragraph.runs,
      align: paragraph.align ?? "both",
      item: /^\d+\. /.test(paragraph.runs[0]?.text ?? ""),
    })),
    signer: content.signer,
  });
}
