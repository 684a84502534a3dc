import { ImageRun, type FileChild, type Paragraph, type ParagraphChild } from "docx";
import QRCode from "qrcode";
import {
  formatVietnamDateTime,
  receiptNumber,
  registerBookNumber,
  registerEntryNumber,
  type RegisterEntry,
  returnTime,
  ruleSetById,
  vietnamLocal,
} from "../../../core/dossier/index.ts";
import {
  dateInText,
  documentBytes,
  documentSection,
  layoutTable,
  nd30Document,
  line,
  run,
  signatureBlock,
  signerBlock,
  titleBlock,
  type Align,
  type PageFormat,
} from "../nd30-kit/index.ts";
import { FORM, formHeader, formPlaceAndDate } from "./one-stop-form.ts";

export interface ReceiptInput {
  code: string;
  unitName: string;
  upperUnitName: string;
  /** The receiving body as printed: see `receivingBodyName`. */
  receivingBody: string;
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
  /**
   * The documents received with their form (bản chính / bản sao / bản sao chứng thực) and number
   * of copies; when the dossier records none, the form prints numbered blank lines for the
   * officer to fill in by hand.
   */
  documents?: { name: string; formLabel?: string; copies: number }[];
  /**
   * The dossier's line in the desk's register book (Sổ theo dõi hồ sơ); null: blanks to fill in
   * by hand (an imported dossier, or one received before CCHC kept the book).
   */
  registerEntry?: RegisterEntry | null;
  /** Number of sets (bộ) of the dossier; a blank to fill in by hand when not recorded. */
  sets?: number;
  /**
   * The SIPAS survey of this dossier (`<CCHC_PUBLIC_URL>/danh-gia/<unit>?hoSo=<code>`), printed
   * as a QR code and a link; null when CCHC_PUBLIC_URL is not set — then no QR is printed.
   */
  surveyUrl: string | null;
}

const BLANK_ROWS = 2;
/** The QR code's printed side, in pixels (1.8 cm), and the column that holds it, in twips. */
const QR_SIDE = 68;
const QR_COLUMN = 1200;
const DOTS = "……………………………………………";
const two = (n: number) => String(n).padStart(2, "0");

/** A line of the receipt: as `formParagraph` but 1 pt after, so Mẫu 01 keeps to one A5 page. */
function para(children: (string | ParagraphChild)[], alignment: Align = "both"): Paragraph {
  return line(
    children.map((child) => (typeof child === "string" ? run(child) : child)),
    { alignment, spacingAfter: 20 },
  );
}

function field(label: string, value: string): Paragraph {
  return para([`${label}: `, run(value, { bold: true })]);
}

/**
 * Mẫu 01 in 11 pt (the other forms keep 12 pt): with the documents received listed one a line
 * and the survey QR, the receipt still fits one A5 page.
 */
const RECEIPT_FORM: PageFormat = { ...FORM, sizes: { ...FORM.sizes, body: 22 } };

const SIGN_NOTE = "(Ký và ghi rõ họ tên)";

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on A5, with a QR code of the public lookup. */
export async function receiptDocx(input: ReceiptInput): Promise<Buffer> {
  const ruleSet = ruleSetById(input.ruleSet);
  const qr = input.surveyUrl
    ? await QRCode.toBuffer(input.surveyUrl, { type: "png", width: 240, margin: 1 })
    : null;
  const receivedOn = vietnamLocal(input.receivedAt).date;
  const small = { italics: true, size: FORM.sizes.recipients };
  const returnAt = returnTime(input.receivedAt, input.processingDays).split(":");
  const documents = input.documents ?? [];
  const documentLines =
    documents.length > 0
      ? documents.map((doc, i) =>
          para([
            `${i + 1}. ${doc.name}${doc.formLabel ? ` (${doc.formLabel.toLowerCase()})` : ""}: `,
            run(`${two(doc.copies)} bản`, { bold: true }),
          ]),
        )
      : Array.from({ length: BLANK_ROWS }, (_, i) =>
          para([`${i + 1}. ${DOTS} Số bản: ……… (hình thức: ………)`]),
        );
  const children = [
    formHeader({
      unitName: input.unitName,
      receivingBody: input.receivingBody,
      number: `Số: ${receiptNumber(input.code) ?? "……/TNHS"}`,
      placeAndDate: formPlaceAndDate(input.unitName, receivedOn),
    }),
    ...titleBlock({ type: ruleSet.receiptTitle, summary: null }, RECEIPT_FORM),
    para(["Mã hồ sơ: ", run(input.code, { bold: true })], "center"),
    field("Tiếp nhận hồ sơ của", input.applicantName),
    para([
      "Địa chỉ: ",
      run(input.applicantAddress ?? "…………………………", { bold: true }),
      "; số điện thoại: ",
      run(input.applicantPhone, { bold: true }),
    ]),
    field("Nội dung yêu cầu giải quyết", `${input.procedureName} (mã TTHC ${input.procedureCode})`),
    para([
      "Hình thức nộp: ",
      run(input.channelLabel, { bold: true }),
      input.sets === undefined ? "; số lượng hồ sơ: ……… bộ" : "; số lượng hồ sơ: ",
      ...(input.sets === undefined ? [] : [run(`${two(input.sets)} bộ`, { bold: true })]),
    ]),
    para(["Thành phần hồ sơ đã nhận:"]),
    ...documentLines,
    field(
      "Thời gian giải quyết hồ sơ theo quy định",
      input.processingDays === 0 ? "trong ngày làm việc" : `${input.processingDays} ngày làm việc`,
    ),
    field("Thời gian nhận hồ sơ", formatVietnamDateTime(input.receivedAt)),
    field(
      "Thời gian trả kết quả giải quyết hồ sơ",
      `${returnAt[0]} giờ ${returnAt[1]} phút, ${dateInText(input.dueDate)}`,
    ),
    ...(input.feeText ? [field("Phí, lệ phí (nếu có)", input.feeText)] : []),
    field("Đăng ký nhận kết quả tại", `${input.receivingBody} — ${input.unitName}`),
    registerLine(input.registerEntry ?? null),
    ...surveyAndBasis(qr, input.surveyUrl, [
      ...(input.surveyUrl
        ? [
            para(
              [run(`Quét mã để đánh giá mức độ hài lòng về hồ sơ này: ${input.surveyUrl}`, small)],
              "left",
            ),
          ]
        : []),
      para([run(`Căn cứ: ${ruleSet.legalBasis}.`, small)], "left"),
    ]),
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
          RECEIPT_FORM,
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
      RECEIPT_FORM,
    ),
  ];
  return documentBytes(
    nd30Document({
      creator: "CCHC",
      title: `Giấy tiếp nhận hồ sơ ${input.code}`,
      format: RECEIPT_FORM,
      sections: [documentSection(children, RECEIPT_FORM)],
    }),
  );
}

/** "Vào Sổ theo dõi hồ sơ: Quyển số 01/2026, số thứ tự 000123", or its blanks. */
function registerLine(entry: RegisterEntry | null): Paragraph {
  if (!entry) return para(["Vào Sổ theo dõi hồ sơ: Quyển số ………, số thứ tự ………"]);
  return para([
    "Vào Sổ theo dõi hồ sơ: Quyển số ",
    run(registerBookNumber(entry), { bold: true }),
    ", số thứ tự ",
    run(registerEntryNumber(entry), { bold: true }),
  ]);
}

/** The register line, survey link and legal basis; beside the QR code when there is one. */
function surveyAndBasis(
  qr: Buffer | null,
  surveyUrl: string | null,
  lines: Paragraph[],
): FileChild[] {
  if (!qr || !surveyUrl) return lines;
  const image = para(
    [new ImageRun({ type: "png", data: qr, transformation: { width: QR_SIDE, height: QR_SIDE } })],
    "left",
  );
  return [layoutTable([QR_COLUMN, FORM.textWidth - QR_COLUMN], [[[image], lines]])];
}
