/**
 * ND 30/2020/NĐ-CP, Phụ lục I: A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm,
 * Times New Roman, body 13–14 pt. Sizes here are in half-points, as Word stores them.
 */
export const FONT = "Times New Roman";

/** 1 inch = 25,4 mm = 1440 twips. */
export function millimetresToTwips(millimetres: number): number {
  return Math.round((millimetres * 1440) / 25.4);
}

/** Word's own A4 size (11906 × 16838 twips). */
export const A4 = { width: 11906, height: 16838 };

export const MARGINS = {
  top: millimetresToTwips(20),
  bottom: millimetresToTwips(20),
  left: millimetresToTwips(30),
  right: millimetresToTwips(15),
  header: millimetresToTwips(10),
  footer: millimetresToTwips(10),
};

/** Text width of a portrait and of a landscape page, in twips. */
export const PORTRAIT_TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const LANDSCAPE_TEXT_WIDTH = A4.height - MARGINS.left - MARGINS.right;

export const SIZE = {
  /** Body text, titles, trích yếu, bases, place and date, signer: 14 pt. */
  body: 28,
  /** Quốc hiệu and issuing body names: 12–13 pt (12 so the Quốc hiệu fits its column). */
  nationalTitle: 24,
  issuer: 26,
  motto: 26,
  /** Số, ký hiệu: 13 pt. */
  number: 26,
  /** "Nơi nhận:" 12 pt; the list 11 pt. */
  recipientsHeading: 24,
  recipients: 22,
  /** Appendix tables: 12 pt. */
  table: 24,
  pageNumber: 26,
} as const;

/** First-line indent of body paragraphs: 1,27 cm. */
export const FIRST_LINE_INDENT = millimetresToTwips(12.7);

/** Paragraph spacing (≥ 6 pt) in twentieths of a point. */
export const PARAGRAPH_SPACING = 120;
