import { Document, ImageRun, Packer } from "docx";
import QRCode from "qrcode";
import {
  formatVietnamDateTime,
  placeName,
  ruleSetById,
  vietnamLocal,
} from "../../../core/dossier/index.ts";
import {
  a5Section,
  datePhrase,
  dmy,
  field,
  headerBlock,
  line,
  signatures,
  text,
  SIZE,
} from "./one-stop-docx.ts";

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

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on A5, with a QR code of the public lookup. */
export async function receiptDocx(input: ReceiptInput): Promise<Buffer> {
  const ruleSet = ruleSetById(input.ruleSet);
  const qr = await QRCode.toBuffer(input.lookupUrl, { type: "png", width: 240, margin: 1 });
  const receivedOn = vietnamLocal(input.receivedAt).date;
  const children = [
    headerBlock(
      { upper: input.unitName, body: "Bộ phận tiếp nhận và trả kết quả" },
      `${placeName(input.unitName)}, ${datePhrase(receivedOn)}`,
    ),
    line([text(ruleSet.receiptTitle, { bold: true, size: SIZE.title })], {
      align: "center",
      before: 160,
    }),
    line([text("Mã hồ sơ: "), text(input.code, { bold: true })], { align: "center" }),
    line([new ImageRun({ type: "png", data: qr, transformation: { width: 90, height: 90 } })], {
      align: "center",
    }),
    line(
      [text(`Tra cứu tình trạng hồ sơ: ${input.lookupUrl}`, { italics: true, size: SIZE.small })],
      {
        align: "center",
      },
    ),
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
    field("Thời gian trả kết quả giải quyết hồ sơ", `ngày ${dmy(input.dueDate)}`),
    ...(input.feeText ? [field("Phí, lệ phí (nếu có)", input.feeText)] : []),
    field("Đăng ký nhận kết quả tại", `Bộ phận tiếp nhận và trả kết quả — ${input.unitName}`),
    line([text(`Căn cứ: ${ruleSet.legalBasis}.`, { italics: true, size: SIZE.small })], {
      after: 200,
    }),
    signatures("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"),
    line([text("")], { after: 600 }),
    line([text(input.applicantName, { bold: true })], { align: "left" }),
    line([text(input.receiverName, { bold: true })], { align: "right" }),
  ];
  const document = new Document({
    creator: "CCHC",
    title: `Giấy tiếp nhận hồ sơ ${input.code}`,
    sections: [a5Section(children)],
  });
  return Packer.toBuffer(document);
}
