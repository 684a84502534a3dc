import { ImageRun } from "docx";
import QRCode from "qrcode";
import { formatVietnamDateTime, ruleSetById, vietnamLocal } from "../../../core/dossier/index.ts";
import { dateInText, run, signatureBlock, signerBlock, titleBlock } from "../nd30-kit/index.ts";
import {
  FORM,
  field,
  formBytes,
  formHeader,
  formParagraph,
  formPlaceAndDate,
} from "./one-stop-form.ts";

export interface ReceiptInput {
  code: string;
  unitName: string;
  upperUnitName: string;
  procedureCode: string;
  procedureName: string;
  processingDays: number;
  feeText: string | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  channelLabel: string;
  receivedAt: Date;
  dueDate: string;
  ruleSet: string;
  receiverName: string;
  /** The public lookup address printed as a QR code. */
  lookupUrl: string;
}

const SIGN_NOTE = "(Ký và ghi rõ họ tên)";

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on A5, with a QR code of the public lookup. */
export async function receiptDocx(input: ReceiptInput): Promise<Buffer> {
  const ruleSet = ruleSetById(input.ruleSet);
  const qr = await QRCode.toBuffer(input.lookupUrl, { type: "png", width: 240, margin: 1 });
  const receivedOn = vietnamLocal(input.receivedAt).date;
  const small = { italics: true, size: FORM.sizes.note };
  const children = [
    formHeader({
      unitName: input.unitName,
      number: null,
      placeAndDate: formPlaceAndDate(input.unitName, receivedOn),
    }),
    ...titleBlock({ type: ruleSet.receiptTitle, summary: null }, FORM),
    formParagraph(["Mã hồ sơ: ", run(input.code, { bold: true })], "center"),
    formParagraph(
      [new ImageRun({ type: "png", data: qr, transformation: { width: 64, height: 64 } })],
      "center",
    ),
    formParagraph([run(`Tra cứu tình trạng hồ sơ: ${input.lookupUrl}`, small)], "center"),
    field("Tiếp nhận hồ sơ của", input.applicantName),
    field("Địa chỉ", input.applicantAddress ?? "…………………………………"),
    field("Số điện thoại", input.applicantPhone),
    field("Nội dung yêu cầu giải quyết", `${input.procedureName} (mã TTHC ${input.procedureCode})`),
    field("Hình thức nộp", input.channelLabel),
    field(
      "Thời gian giải quyết hồ sơ theo quy định",
      input.processingDays === 0 ? "trong ngày làm việc" : `${input.processingDays} ngày làm việc`,
    ),
    field("Thời gian nhận hồ sơ", formatVietnamDateTime(input.receivedAt)),
    field("Thời gian trả kết quả giải quyết hồ sơ", dateInText(input.dueDate)),
    ...(input.feeText ? [field("Phí, lệ phí (nếu có)", input.feeText)] : []),
    field("Đăng ký nhận kết quả tại", `Bộ phận tiếp nhận và trả kết quả — ${input.unitName}`),
    formParagraph([run(`Căn cứ: ${ruleSet.legalBasis}.`, small)]),
    signatureBlock(
      {
        left: signerBlock(
          {
            authority: null,
            onBehalfOf: null,
            title: "NGƯỜI NỘP HỒ SƠ",
            note: SIGN_NOTE,
            name: input.applicantName,
          },
          FORM,
        ),
        signer: {
          authority: null,
          onBehalfOf: null,
          title: "NGƯỜI TIẾP NHẬN HỒ SƠ",
          note: SIGN_NOTE,
          name: input.receiverName,
        },
        leftShare: 0.5,
      },
      FORM,
    ),
  ];
  return formBytes(`Giấy tiếp nhận hồ sơ ${input.code}`, children);
}
