import {
  addresseeOf,
  formReference,
  noticeIssuer,
  ruleSetById,
  vietnamLocal,
  type AgencyOfUnit,
  type ApplicantKind,
} from "../../../core/dossier/index.ts";
import { documentDatePhraseOf } from "../../../core/text/document-date.ts";
import { dateInText } from "../nd30-kit/index.ts";
import { field, fittedFormBytes, formPlaceAndDate } from "./one-stop-form.ts";

export interface ApologyInput {
  number: string;
  ruleSet: string;
  issuedAt: Date;
  newDueDate: string;
  reason: string;
  code: string;
  unitName: string;
  /** The receiving body as printed: see `receivingBodyName`. */
  receivingBody: string;
  procedureName: string;
  applicantName: string;
  /** One with an ID number is a person ("Ông/Bà …"); see `applicantKindOf`. */
  applicantIdNumber?: string | null;
  /** The applicant's kind as the desk said it; null or left out: inferred (`applicantKindOf`). */
  applicantKind?: ApplicantKind | null;
  /**
   * The agency the dossier had been handed to when the letter was written: it was the one late,
   * so it sends the letter; null when the dossier was still with the receiving body.
   */
  responsibleAgency?: AgencyOfUnit | null;
  applicantPhone: string;
  applicantAddress: string | null;
  receivedAt: Date;
  dueDate: string;
}

/**
 * Mẫu 04: "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (TT 01/2018) for dossiers received before
 * 01/07/2025, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" (TT 03/2025) from then on.
 * Sent by the body that is late (`noticeIssuer`): the agency the dossier was with, else the
 * receiving body; signed by its head, or for the committee "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
 */
export async function apologyDocx(input: ApologyInput): Promise<Buffer> {
  const ruleSet = ruleSetById(input.ruleSet);
  const issuedOn = vietnamLocal(input.issuedAt).date;
  const extension = ruleSet.id === "2025";
  const sender = noticeIssuer({
    unitName: input.unitName,
    receivingBody: input.receivingBody,
    agency: input.responsibleAgency ?? null,
  });
  const to = addresseeOf({
    name: input.applicantName,
    idNumber: input.applicantIdNumber,
    kind: input.applicantKind,
  });
  return fittedFormBytes({
    documentTitle: `${ruleSet.apologyTitle} — hồ sơ ${input.code}`,
    header: {
      unitName: input.unitName,
      receivingBody: sender.name,
      number: `Số: ${input.number}`,
      placeAndDate: formPlaceAndDate(input.unitName, issuedOn),
      committee: sender.kind === "committee",
    },
    title: {
      type: ruleSet.apologyTitle.toLocaleUpperCase("vi"),
      summary: null,
      notes: [formReference(ruleSet, ruleSet.apologyForm)],
    },
    lines: [
      { pieces: ["Kính gửi: ", { text: to.salutation, bold: true }], align: "center" },
      field("Địa chỉ", input.applicantAddress ?? "…………………………………"),
      field("Số điện thoại", input.applicantPhone),
      {
        pieces: [
          `${upperFirst(dateInText(vietnamLocal(input.receivedAt).date))}, ${input.receivingBody} — ${input.unitName} tiếp nhận hồ sơ mã `,
          { text: input.code, bold: true },
          ` của ${to.pronoun} đề nghị giải quyết thủ tục “${input.procedureName}”.`,
        ],
      },
      { pieces: [`Thời hạn trả kết quả theo giấy tiếp nhận: ${dateInText(input.dueDate)}.`] },
      {
        pieces: [
          `Đến nay hồ sơ của ${to.pronoun} chưa được giải quyết xong. Lý do: `,
          { text: input.reason, italics: true },
          ".",
        ],
      },
      {
        pieces: [
          `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${to.pronoun}. ${sender.inText} thành thật xin lỗi ${to.pronoun}`,
          extension
            ? " và đề nghị được gia hạn thời gian giải quyết hồ sơ; kết quả sẽ được trả vào "
            : " và xin hẹn lại thời gian trả kết quả vào ",
          { text: documentDatePhraseOf(input.newDueDate), bold: true },
          ".",
        ],
      },
      { pieces: [`Xin trân trọng cảm ơn sự hợp tác của ${to.pronoun}./.`] },
    ],
    signer: sender.signer,
  });
}

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}
