import type { Table } from "docx";
import type { Issuer } from "./document-parts.ts";
import type { PageFormat } from "./page-format.ts";
import { estimatedTextWidth, layoutTable, line, rule } from "./paragraphs.ts";
import { fitUpperCaseLines, lineHeight, upperCaseWidth, wrappedLineCount } from "./text-metrics.ts";

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";

/** ND 30: the rule under the issuing body is 1/3–1/2 of the text line; 45 % of it here. */
const ISSUER_RULE_SHARE = 0.45;

export interface HeaderBlockInput {
  issuer: Issuer;
  /** "Số: 28/QĐ-UBND" (see `numberLine`); null for a form without a number. */
  number: string | null;
  /**
   * "Hòa Phong, ngày 02 tháng 02 năm 2026" (see `placeAndDate`). Null, with a null number, for a
   * document issued with a decision (ND 30 Mẫu 1.3): it has neither, and the second row is left out.
   */
  placeAndDate: string | null;
}

/** The given lines ("\n"), each broken again where it is wider than `width`. */
function splitLines(text: string | null, width: number, size: number, bold: boolean): string[] {
  return (text ?? "")
    .split("\n")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .flatMap((part) => fitUpperCaseLines(part, width, size, bold));
}

/** The header's columns in twips: the right one never narrower than the Quốc hiệu. */
function headerColumns(format: PageFormat): { left: number; right: number } {
  const { sizes, textWidth } = format;
  const right = Math.max(
    textWidth - Math.round(textWidth * format.headerLeftShare),
    upperCaseWidth(NATIONAL_TITLE, sizes.nationalTitle, true) + NATIONAL_TITLE_SLACK,
  );
  return { left: textWidth - right, right };
}

/**
 * Height of a rule paragraph (`rule`) as LibreOffice prints it: its space before, the thin line
 * that carries the border, the border and its gap (measured on the printed A5 forms: ≈ 9 pt).
 */
export const RULE_HEIGHT = 180;
/** Space before the number and the place and date. */
const SECOND_ROW_SPACING = 120;

/** Estimated printed height of `headerBlock(input, format)`, in twips. */
export function headerBlockHeight(input: HeaderBlockInput, format: PageFormat): number {
  const { sizes } = format;
  const { left, right } = headerColumns(format);
  const issuerLines =
    splitLines(input.issuer.upperName, left, sizes.issuer, false).length +
    splitLines(input.issuer.name, left, sizes.issuer, true).length;
  const firstRow = Math.max(
    issuerLines * lineHeight(sizes.issuer) + RULE_HEIGHT,
    lineHeight(sizes.nationalTitle) + lineHeight(sizes.motto) + RULE_HEIGHT,
  );
  if (input.number === null && input.placeAndDate === null) return firstRow;
  const dateLines = wrappedLineCount(input.placeAndDate ?? "", right, sizes.placeAndDate);
  const numberLines = wrappedLineCount(input.number ?? "", left, sizes.number);
  return (
    firstRow +
    SECOND_ROW_SPACING +
    Math.max(dateLines * lineHeight(sizes.placeAndDate), numberLines * lineHeight(sizes.number))
  );
}

/** Slack kept beside the Quốc hiệu so rounding in Word or LibreOffice never wraps it (≈ 1 mm). */
const NATIONAL_TITLE_SLACK = 60;

/**
 * The ND 30 header block as a borderless two-column table. Row 1: the parent body (upright) and
 * the issuing body (bold) with a short rule below, left, each line broken where it is wider than
 * the column; the Quốc hiệu and the Tiêu ngữ (bold) with a rule as long as the motto, right —
 * the right column never narrower than the Quốc hiệu, so it keeps one line. Row 2: "Số: …" left and the place and date in italics
 * right, so both sit on one line (left out when the document has neither).
 */
export function headerBlock(input: HeaderBlockInput, format: PageFormat): Table {
  const { sizes } = format;
  const { left, right } = headerColumns(format);
  const issuerLines = splitLines(input.issuer.name, left, sizes.issuer, true);
  const longestIssuerLine = Math.max(
    ...issuerLines.map((text) => upperCaseWidth(text, sizes.issuer, true)),
  );
  const issuerCell = [
    ...splitLines(input.issuer.upperName, left, sizes.issuer, false).map((text) =>
      line(text, { size: sizes.issuer }),
    ),
    ...issuerLines.map((text) => line(text, { size: sizes.issuer, bold: true })),
    rule(Math.min(left, Math.round(longestIssuerLine * ISSUER_RULE_SHARE)), left),
  ];
  const stateCell = [
    line(NATIONAL_TITLE, { size: sizes.nationalTitle, bold: true }),
    line(MOTTO, { size: sizes.motto, bold: true }),
    rule(Math.min(right, estimatedTextWidth(MOTTO, sizes.motto, false)), right),
  ];
  const numberCell = [
    line(input.number ?? "", { size: sizes.number, spacingBefore: SECOND_ROW_SPACING }),
  ];
  const dateCell = [
    line(input.placeAndDate ?? "", {
      size: sizes.placeAndDate,
      italics: true,
      spacingBefore: SECOND_ROW_SPACING,
    }),
  ];
  const withoutNumberAndDate = input.number === null && input.placeAndDate === null;
  return layoutTable(
    [left, right],
    withoutNumberAndDate
      ? [[issuerCell, stateCell]]
      : [
          [issuerCell, stateCell],
          [numberCell, dateCell],
        ],
  );
}
