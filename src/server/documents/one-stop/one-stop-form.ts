import type { FileChild, ParagraphChild, Paragraph, Table } from "docx";
import { placeName } from "../../../core/dossier/index.ts";
import { issuerNames } from "../../../core/text/document-issuer.ts";
import {
  A5_PORTRAIT,
  documentBytes,
  documentSection,
  emptyLine,
  headerBlock,
  line,
  nd30Document,
  placeAndDate,
  run,
  signatureBlock,
  type Align,
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
  return headerBlock(
    {
      issuer: input.committee
        ? issuerNames(input.unitName)
        : { upperName: `UBND ${upper(input.unitName)}`, name: upper(input.receivingBody) },
      number: input.number,
      placeAndDate: input.placeAndDate,
    },
    FORM,
  );
}

/** A paragraph of a form: justified, no indent, 3 pt after. */
export function formParagraph(
  children: (string | ParagraphChild)[],
  alignment: Align = "both",
): Paragraph {
  return line(
    children.map((child) => (typeof child === "string" ? run(child) : child)),
    { alignment, spacingAfter: 60 },
  );
}

/** A label in normal weight followed by its value in bold. */
export function field(label: string, value: string): Paragraph {
  return formParagraph([`${label}: `, run(value, { bold: true })]);
}

/**
 * The head of the agency signs bottom right, under an empty line: title, note, space; the
 * committee's chair as "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
 */
export function headSignature(signer: {
  title: string;
  note: string;
  authority?: "TM." | null;
  onBehalfOf?: string | null;
}): FileChild[] {
  return [
    emptyLine(),
    signatureBlock(
      {
        left: [],
        signer: {
          authority: signer.authority ?? null,
          onBehalfOf: signer.onBehalfOf ?? null,
          title: signer.title,
          note: signer.note,
          name: "",
        },
      },
      FORM,
    ),
  ];
}

/** The form's .docx bytes: one A5 section. */
export function formBytes(title: string, children: FileChild[]): Promise<Buffer> {
  return documentBytes(
    nd30Document({
      creator: "CCHC",
      title,
      format: FORM,
      sections: [documentSection(children, FORM)],
    }),
  );
}
