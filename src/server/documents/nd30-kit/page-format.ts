import { PageOrientation } from "docx";

/**
 * Page formats of administrative documents. ND 30/2020/NĐ-CP, Phụ lục I: A4, margins top/bottom
 * 20–25 mm, left 30–35 mm, right 15–20 mm, Times New Roman, body 13–14 pt. The one-stop forms
 * (TT 01/2018/TT-VPCP, TT 03/2025/TT-VPCP) are printed on A5 with the same parts, scaled down.
 * Sizes are in half-points and lengths in twips, as Word stores them.
 */
export const FONT = "Times New Roman";

/** 1 inch = 25,4 mm = 1440 twips. */
export function millimetresToTwips(millimetres: number): number {
  return Math.round((millimetres * 1440) / 25.4);
}

/** Type sizes of the parts of a document, in half-points. */
export interface TypeSizes {
  /** Body text, title, trích yếu, bases, place and date, signer. */
  body: number;
  /** Quốc hiệu ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"). */
  nationalTitle: number;
  /** Tiêu ngữ ("Độc lập - Tự do - Hạnh phúc"). */
  motto: number;
  /** Parent body and issuing body names. */
  issuer: number;
  /** "Số: 28/QĐ-UBND". */
  number: number;
  /** Place and date line. */
  placeAndDate: number;
  /** Title of a form (one-stop forms print it a little larger than the body). */
  title: number;
  /** "Nơi nhận:" and its list. */
  recipientsHeading: number;
  recipients: number;
  /** Notes under a signer's title, links, legal bases of a form. */
  note: number;
  /** Table cells (appendix task tables). */
  table: number;
  pageNumber: number;
}

type Orientation = (typeof PageOrientation)[keyof typeof PageOrientation];

export interface PageFormat {
  name: "A4" | "A5";
  /** Portrait width and height of the sheet, in twips. */
  sheet: { width: number; height: number };
  orientation: Orientation;
  margins: {
    top: number;
    bottom: number;
    left: number;
    right: number;
    header: number;
    footer: number;
  };
  /** Width between the margins, in twips. */
  textWidth: number;
  sizes: TypeSizes;
  /** Share of the text width given to the left column of the header block (issuing body). */
  headerLeftShare: number;
  /** Space before a title block, in twentieths of a point. */
  titleSpacing: number;
}

/** Word's own A4 size (11906 × 16838 twips). */
const A4_SHEET = { width: 11906, height: 16838 };
const A5_SHEET = { width: millimetresToTwips(148), height: millimetresToTwips(210) };

const A4_MARGINS = {
  top: millimetresToTwips(20),
  bottom: millimetresToTwips(20),
  left: millimetresToTwips(30),
  right: millimetresToTwips(15),
  header: millimetresToTwips(10),
  footer: millimetresToTwips(10),
};

const A4_SIZES: TypeSizes = {
  body: 28,
  // 12 pt so the Quốc hiệu fits its column on one line (ND 30 allows 12–13).
  nationalTitle: 24,
  motto: 26,
  issuer: 26,
  // Số, ký hiệu: 13 pt.
  number: 26,
  placeAndDate: 28,
  title: 28,
  // "Nơi nhận:" 12 pt; the list 11 pt.
  recipientsHeading: 24,
  recipients: 22,
  note: 28,
  // Appendix tables: 12 pt.
  table: 24,
  pageNumber: 26,
};

export const A4_PORTRAIT: PageFormat = {
  name: "A4",
  sheet: A4_SHEET,
  orientation: PageOrientation.PORTRAIT,
  margins: A4_MARGINS,
  textWidth: A4_SHEET.width - A4_MARGINS.left - A4_MARGINS.right,
  sizes: A4_SIZES,
  headerLeftShare: 0.38,
  titleSpacing: 240,
};

/** Landscape A4 for annexes with wide tables (ND 30 allows it for table-heavy text). */
export const A4_LANDSCAPE: PageFormat = {
  ...A4_PORTRAIT,
  orientation: PageOrientation.LANDSCAPE,
  textWidth: A4_SHEET.height - A4_MARGINS.left - A4_MARGINS.right,
};

const A5_MARGINS = {
  top: millimetresToTwips(10),
  bottom: millimetresToTwips(10),
  left: millimetresToTwips(15),
  right: millimetresToTwips(10),
  header: millimetresToTwips(8),
  footer: millimetresToTwips(8),
};

/**
 * The one-stop forms: 12 pt body; the header at 10–11 pt. Top and bottom margins of 10 mm leave
 * 190 mm for a receipt's list of documents (issue 12). Left and right 15/10 mm leave 123 mm: the
 * Quốc hiệu (≈ 74 mm at 10 pt bold) keeps one line on the right and the left column (≈ 48 mm)
 * holds "UBND PHƯỜNG BÃI CHÁY" on one line at 10 pt (ND 30 sets no margins for A5 forms).
 */
export const A5_PORTRAIT: PageFormat = {
  name: "A5",
  sheet: A5_SHEET,
  orientation: PageOrientation.PORTRAIT,
  margins: A5_MARGINS,
  textWidth: A5_SHEET.width - A5_MARGINS.left - A5_MARGINS.right,
  sizes: {
    body: 24,
    nationalTitle: 20,
    motto: 22,
    issuer: 20,
    number: 22,
    placeAndDate: 22,
    title: 26,
    recipientsHeading: 22,
    recipients: 20,
    note: 22,
    table: 22,
    pageNumber: 22,
  },
  // More than the Quốc hiệu leaves: the header block gives the right column the Quốc hiệu's
  // measured width and the left all the rest (≈ 48 mm: "UBND PHƯỜNG CẨM THÀNH" at 10 pt).
  headerLeftShare: 0.4,
  titleSpacing: 120,
};

/** Height between the top and bottom margins of a page, in twips. */
export function textHeight(format: PageFormat): number {
  const side = format.orientation === PageOrientation.LANDSCAPE ? "width" : "height";
  return format.sheet[side] - format.margins.top - format.margins.bottom;
}

/** First-line indent of body paragraphs: 1,27 cm. */
export const FIRST_LINE_INDENT = millimetresToTwips(12.7);

/** Paragraph spacing (≥ 6 pt) in twentieths of a point. */
export const PARAGRAPH_SPACING = 120;
