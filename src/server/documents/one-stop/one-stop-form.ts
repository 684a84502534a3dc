import type { FileChild, Table } from "docx";
import { placeName } from "../../../core/dossier/index.ts";
import { issuerNames } from "../../../core/text/document-issuer.ts";
import {
  A5_PORTRAIT,
  documentBytes,
  documentSection,
  headerBlock,
  headerBlockHeight,
  line,
  lineHeight,
  nd30Document,
  placeAndDate,
  run,
  signatureBlock,
  signerBlockHeight,
  spacer,
  textHeight,
  titleBlock,
  titleBlockHeight,
  wrappedLineCount,
  type Align,
  type HeaderBlockInput,
  type PageFormat,
  type Signer,
  type TitleBlockInput,
} from "../nd30-kit/index.ts";

/**
 * The one-stop forms (TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP) on the ND 30 kit: A5 pages, the
 * desk as issuing body under its commune's people's committee, place and date by the one rule.
 */
export const FORM = A5_PORTRAIT;

const upper = (text: string) => text.toLocaleUpperCase("vi");

export interface FormHeaderInput {
  /** The receiving unit: "Phường Bãi Cháy". */
  unitName: string;
  /** The receiving body, printed bold under the committee: see `receivingBodyName`. */
  receivingBody: string;
  /** "Số: 01/XL-BPMC"; null for a form without a number. */
  number: string | null;
  /** The place and date line as printed; see `formPlaceAndDate`. */
  placeAndDate: string;
  /** The unit's committee itself sends the form: its own name only (ND 30/2020). */
  committee?: boolean;
}

/** "Bãi Cháy, ngày 05 tháng 3 năm 2026" for a form of the unit dated `isoDate`. */
export function formPlaceAndDate(unitName: string, isoDate: string): string {
  return placeAndDate(placeName(unitName), isoDate);
}

/**
 * The header of a form: "UBND PHƯỜNG BÃI CHÁY" (the unit's committee, on one line where it fits),
 * the receiving body in bold ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", broken into even lines) and
 * its rule, the number; the Quốc hiệu on one line and the Tiêu ngữ with its rule, place and date.
 */
export function formHeader(input: FormHeaderInput): Table {
  return headerBlock(headerInput(input), FORM);
}

/** Estimated printed height of `formHeader(input)`, in twips. */
export function formHeaderHeight(input: FormHeaderInput): number {
  return headerBlockHeight(headerInput(input), FORM);
}

function headerInput(input: FormHeaderInput): HeaderBlockInput {
  return {
    issuer: input.committee
      ? issuerNames(input.unitName)
      : { upperName: `UBND ${upper(input.unitName)}`, name: upper(input.receivingBody) },
    number: input.number,
    placeAndDate: input.placeAndDate,
  };
}

/** A piece of a form's line: plain text, or text with its emphasis. */
export type FormPiece = string | { text: string; bold?: boolean; italics?: boolean };

/** A line (paragraph) of a form's body: justified unless aligned otherwise. */
export interface FormLine {
  pieces: FormPiece[];
  align?: Align;
  /** An item of a numbered list ("1. Giấy chứng sinh…"): its type shrinks before the body's. */
  item?: boolean;
}

/** A label in normal weight followed by its value in bold. */
export function field(label: string, value: string): FormLine {
  return { pieces: [`${label}: `, { text: value, bold: true }] };
}

/** Who signs a letter or notice of the desk: the head of the agency, or TM. the committee. */
export interface HeadSigner {
  title: string;
  note: string;
  authority?: "TM." | null;
  onBehalfOf?: string | null;
}

/** A letter or notice of the desk: header, title, lines, the head's signature. */
export interface FormContent {
  /** The .docx file's title property. */
  documentTitle: string;
  header: FormHeaderInput;
  title: TitleBlockInput;
  lines: FormLine[];
  signer: HeadSigner;
}

/**
 * Type sizes a letter or notice tries in turn, in half-points, until its estimated height fits one
 * A5 page: the body at 12 pt (the A5 forms' size), its numbered items (the documents a Mẫu 02
 * asks for) first down to 11 pt; then the body by half points to 10 pt with the items down to 7 pt
 * for the longest (twelve documents asked for, a long reason and long names).
 */
export const FORM_TYPE_STEPS: readonly { body: number; items: number }[] = [
  { body: 24, items: 24 },
  { body: 24, items: 22 },
  { body: 23, items: 22 },
  { body: 22, items: 20 },
  { body: 21, items: 18 },
  { body: 20, items: 16 },
  { body: 20, items: 15 },
  { body: 20, items: 14 },
];

/** Space after a line of a form: 3 pt at the full size, none once the type shrinks. */
const spacingAfter = (body: number) => (body >= 24 ? 60 : 0);
/** Space between the last line and the signer's title. */
const SIGNER_BEFORE = 120;
/**
 * Room kept free under the estimate (≈ 5 mm): the estimate measures words with the font's
 * widths; LibreOffice and Word may break a line a word earlier.
 */
export const FIT_SLACK = 300;

/** The form's .docx bytes, at the largest body size with which it fits one A5 page. */
export function fittedFormBytes(content: FormContent): Promise<Buffer> {
  let format = FORM;
  let items = FORM.sizes.body;
  for (const step of FORM_TYPE_STEPS) {
    format = { ...FORM, sizes: { ...FORM.sizes, body: step.body } };
    items = step.items;
    if (formHeight(content, format, items) <= textHeight(FORM) - FIT_SLACK) break;
  }
  const after = spacingAfter(format.sizes.body);
  const children: FileChild[] = [
    formHeader(content.header),
    ...titleBlock(content.title, FORM),
    ...content.lines.map((item) => {
      const size = item.item ? items : format.sizes.body;
      return line(
        item.pieces.map((piece) =>
          typeof piece === "string"
            ? run(piece, { size })
            : run(piece.text, { bold: piece.bold, italics: piece.italics, size }),
        ),
        { alignment: item.align ?? "both", spacingAfter: after },
      );
    }),
    spacer(SIGNER_BEFORE),
    signatureBlock({ left: [], signer: headSigner(content.signer) }, format),
  ];
  return documentBytes(
    nd30Document({
      creator: "CCHC",
      title: content.documentTitle,
      format,
      sections: [documentSection(children, format)],
    }),
  );
}

function headSigner(signer: HeadSigner): Signer {
  return {
    authority: signer.authority ?? null,
    onBehalfOf: signer.onBehalfOf ?? null,
    title: signer.title,
    note: signer.note,
    name: "",
  };
}

/** Estimated printed height of the form at the body size of `format`, in twips. */
function formHeight(content: FormContent, format: PageFormat, items: number): number {
  const body = format.sizes.body;
  const lines = content.lines.reduce((sum, item) => {
    const size = item.item ? items : body;
    const pieces = item.pieces.map((piece) =>
      typeof piece === "string" ? { text: piece } : piece,
    );
    return (
      sum + wrappedLineCount(pieces, FORM.textWidth, size) * lineHeight(size) + spacingAfter(body)
    );
  }, 0);
  const signerColumn = FORM.textWidth - Math.round(FORM.textWidth * 0.45);
  return (
    formHeaderHeight(content.header) +
    titleBlockHeight(content.title, FORM) +
    lines +
    SIGNER_BEFORE +
    signerBlockHeight(headSigner(content.signer), format, signerColumn)
  );
}
