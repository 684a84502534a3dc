import { ImageRun, type FileChild, type Paragraph } from "docx";
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
  lineHeight,
  nd30Document,
  line,
  run,
  signatureBlock,
  signerBlock,
  signerBlockHeight,
  spacer,
  textHeight,
  titleBlock,
  titleBlockHeight,
  wrappedLineCount,
  type Align,
  type PageFormat,
  type Signer,
} from "../nd30-kit/index.ts";
import { FORM, formHeader, formHeaderHeight, formPlaceAndDate } from "./one-stop-form.ts";
import {
  receivedDocumentsTable,
  receivedDocumentsTableHeight,
} from "./received-documents-table.ts";

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

/** The QR code's printed side, in pixels (1.8 cm), and the column that holds it, in twips. */
const QR_SIDE = 68;
const QR_COLUMN = 1200;
/** A pixel of the QR image, in twips (96 pixels an inch). */
const PIXEL = 15;
/** Space after each line of the receipt: none, the lines are set solid. */
const LINE_AFTER = 0;
/** Space before the signers, between the last line and their titles: 3 pt. */
const SIGNERS_BEFORE = 60;
const two = (n: number) => String(n).padStart(2, "0");

/**
 * Type sizes the receipt tries in turn until its estimated height fits one A5 page (issue 12): the
 * body at 12 pt (the A5 forms' size) with the documents table at 12, then 11 pt; then the body at
 * 11 pt with the table down to 9 pt; then the body at 10 pt; last, the survey's QR code (an addition
 * of ours, not part of Mẫu 01) is left out and the table goes down to 7 pt (a list of more than
 * about fifteen documents). The receipt is never continued on a second page nor given a
 * "Danh mục kèm theo".
 */
export const RECEIPT_TYPE_STEPS: readonly ReceiptTypeStep[] = [
  { body: 24, list: 24, survey: true },
  { body: 24, list: 22, survey: true },
  { body: 22, list: 22, survey: true },
  { body: 22, list: 20, survey: true },
  { body: 22, list: 18, survey: true },
  { body: 20, list: 18, survey: true },
  { body: 20, list: 18, survey: false },
  { body: 20, list: 16, survey: false },
  { body: 20, list: 15, survey: false },
  { body: 20, list: 14, survey: false },
];

export interface ReceiptTypeStep {
  /** Body size in half-points. */
  body: number;
  /** The documents table's size in half-points. */
  list: number;
  /** Whether the survey's QR code and link are printed (they are not part of Mẫu 01). */
  survey: boolean;
}

/** A piece of a line: plain text, or text with its emphasis and size. */
type Piece = string | { text: string; bold?: boolean; italics?: boolean; size?: number };

/** A part of the receipt with its estimated printed height in twips. */
interface Part<Child extends FileChild = FileChild> {
  child: Child;
  height: number;
}

const SIGN_NOTE = "(Ký và ghi rõ họ tên)";

const bold = (text: string): Piece => ({ text, bold: true });

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on A5, with a QR code of the public lookup. */
export async function receiptDocx(input: ReceiptInput): Promise<Buffer> {
  const qr = input.surveyUrl
    ? await QRCode.toBuffer(input.surveyUrl, { type: "png", width: 240, margin: 1 })
    : null;
  const fits = (parts: Part[]) =>
    parts.reduce((sum, part) => sum + part.height, 0) <= textHeight(FORM) - FIT_SLACK;
  let parts: Part[] = [];
  let format: PageFormat = FORM;
  for (const step of RECEIPT_TYPE_STEPS) {
    format = { ...FORM, sizes: { ...FORM.sizes, body: step.body } };
    parts = receiptParts(input, step.survey ? qr : null, format, step.list);
    if (fits(parts)) break;
  }
  return documentBytes(
    nd30Document({
      creator: "CCHC",
      title: `Giấy tiếp nhận hồ sơ ${input.code}`,
      format,
      sections: [
        documentSection(
          parts.map((part) => part.child),
          format,
        ),
      ],
    }),
  );
}

/**
 * Room kept free under the estimate (≈ 5 mm): the estimate measures words with the font's
 * widths, LibreOffice and Word may break a line a word earlier.
 */
const FIT_SLACK = 300;

/** The receipt's parts at the body size of `format` and the documents table at `listSize`. */
function receiptParts(
  input: ReceiptInput,
  qr: Buffer | null,
  format: PageFormat,
  listSize: number,
): Part[] {
  const ruleSet = ruleSetById(input.ruleSet);
  const receivedOn = vietnamLocal(input.receivedAt).date;
  const body = format.sizes.body;
  const small = { italics: true, size: FORM.sizes.recipients };
  const returnAt = returnTime(input.receivedAt, input.processingDays).split(":");
  const documents = input.documents ?? [];
  const paragraph: ParagraphOf = (pieces, alignment = "both", width = FORM.textWidth) => {
    const runs = pieces.map((piece) =>
      typeof piece === "string" ? { text: piece } : { ...piece },
    );
    const size = runs[0]?.size ?? body;
    return {
      child: line(
        runs.map(({ text, ...style }) => run(text, style)),
        { alignment, spacingAfter: LINE_AFTER },
      ),
      height: wrappedLineCount(runs, width, size) * lineHeight(size) + LINE_AFTER,
    };
  };
  const field = (label: string, value: string) => paragraph([`${label}: `, bold(value)]);
  const header = {
    unitName: input.unitName,
    receivingBody: input.receivingBody,
    number: `Số: ${receiptNumber(input.code) ?? "……/TNHS"}`,
    placeAndDate: formPlaceAndDate(input.unitName, receivedOn),
  };
  const title = { type: ruleSet.receiptTitle, summary: null };
  const notes = [
    ...(qr && input.surveyUrl
      ? [
          [{ text: "Quét mã để đánh giá mức độ hài lòng về hồ sơ này:", ...small }],
          // The link on a line of its own, so it is not broken where it need not be.
          [{ text: input.surveyUrl, ...small }],
        ]
      : []),
    [{ text: `Căn cứ: ${ruleSet.legalBasis}.`, ...small }],
  ];
  const applicant: Signer = {
    authority: null,
    onBehalfOf: null,
    title: "NGƯỜI NỘP HỒ SƠ",
    note: SIGN_NOTE,
    name: input.applicantName,
  };
  const receiver: Signer = {
    ...applicant,
    title: "NGƯỜI TIẾP NHẬN HỒ SƠ",
    name: input.receiverName,
  };
  const half = Math.round(FORM.textWidth / 2);
  return [
    { child: formHeader(header), height: formHeaderHeight(header) },
    ...titleBlock(title, FORM).map((child, i) => ({
      child,
      height: i === 0 ? titleBlockHeight(title, FORM) : 0,
    })),
    paragraph(["Mã hồ sơ: ", bold(input.code)], "center"),
    field("Tiếp nhận hồ sơ của", input.applicantName),
    paragraph([
      "Địa chỉ: ",
      bold(input.applicantAddress ?? "…………………………"),
      "; số điện thoại: ",
      bold(input.applicantPhone),
    ]),
    field("Nội dung yêu cầu giải quyết", `${input.procedureName} (mã TTHC ${input.procedureCode})`),
    paragraph([
      "Hình thức nộp: ",
      bold(input.channelLabel),
      input.sets === undefined ? "; số lượng hồ sơ: ……… bộ" : "; số lượng hồ sơ: ",
      ...(input.sets === undefined ? [] : [bold(`${two(input.sets)} bộ`)]),
    ]),
    paragraph(["Thành phần hồ sơ đã nhận:"]),
    {
      child: receivedDocumentsTable(documents, listSize, FORM.textWidth),
      height: receivedDocumentsTableHeight(documents, listSize, FORM.textWidth),
    },
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
    registerLine(input.registerEntry ?? null, paragraph),
    ...surveyAndBasis(qr, input.surveyUrl, notes, paragraph),
    { child: spacer(SIGNERS_BEFORE), height: SIGNERS_BEFORE },
    {
      child: signatureBlock(
        { left: signerBlock(applicant, format), signer: receiver, leftShare: 0.5 },
        format,
      ),
      height: Math.max(
        signerBlockHeight(applicant, format, half),
        signerBlockHeight(receiver, format, FORM.textWidth - half),
      ),
    },
  ];
}

type ParagraphOf = (pieces: Piece[], alignment?: Align, width?: number) => Part<Paragraph>;

/** "Vào Sổ theo dõi hồ sơ: Quyển số 01/2026, số thứ tự 000123", or its blanks. */
function registerLine(entry: RegisterEntry | null, paragraph: ParagraphOf): Part {
  if (!entry) return paragraph(["Vào Sổ theo dõi hồ sơ: Quyển số ………, số thứ tự ………"]);
  return paragraph([
    "Vào Sổ theo dõi hồ sơ: Quyển số ",
    bold(registerBookNumber(entry)),
    ", số thứ tự ",
    bold(registerEntryNumber(entry)),
  ]);
}

/** The survey link and legal basis; beside the QR code when there is one. */
function surveyAndBasis(
  qr: Buffer | null,
  surveyUrl: string | null,
  notes: Piece[][],
  paragraph: ParagraphOf,
): Part[] {
  if (!qr || !surveyUrl) return notes.map((pieces) => paragraph(pieces, "left"));
  const textColumn = FORM.textWidth - QR_COLUMN;
  const lines = notes.map((pieces) => paragraph(pieces, "left", textColumn));
  const image = line(
    [new ImageRun({ type: "png", data: qr, transformation: { width: QR_SIDE, height: QR_SIDE } })],
    { alignment: "left" },
  );
  return [
    {
      child: layoutTable([QR_COLUMN, textColumn], [[[image], lines.map((part) => part.child)]]),
      height: Math.max(
        QR_SIDE * PIXEL + LINE_AFTER,
        lines.reduce((sum, part) => sum + part.height, 0),
      ),
    },
  ];
}
