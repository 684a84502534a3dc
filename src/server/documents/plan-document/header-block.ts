import { Table } from "docx";
import { PORTRAIT_TEXT_WIDTH, SIZE } from "./document-format.ts";
import { estimatedTextWidth, layoutTable, line, rule } from "./docx-blocks.ts";
import { numberLine, placeAndDate } from "./document-text.ts";
import type { DocumentNumberInput, PlanDocumentInput } from "./plan-document-input.ts";

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";

/** Left column (issuing body, number) and right column (Quốc hiệu, Tiêu ngữ, place and date). */
const LEFT_SHARE = 0.38;

/**
 * The ND 30 header block as a borderless table: row 1 holds the issuing body (parent body
 * upright, issuer bold, a short rule below) and the Quốc hiệu with the Tiêu ngữ (rule as long as
 * the text); row 2 holds "Số: …" and the place and date in italics, so both sit on one line.
 */
export function headerBlock(
  input: Pick<PlanDocumentInput, "issuer" | "place" | "issuedOn" | "year">,
  number: DocumentNumberInput,
  width: number = PORTRAIT_TEXT_WIDTH,
): Table {
  const left = Math.round(width * LEFT_SHARE);
  const right = width - left;
  const issuerLines = input.issuer.name.split("\n").map((text) => text.trim());
  const longestIssuerLine = Math.max(
    ...issuerLines.map((text) => estimatedTextWidth(text, SIZE.issuer, true)),
  );
  const upperLines = (input.issuer.upperName ?? "")
    .split("\n")
    .map((text) => text.trim())
    .filter((text) => text !== "");
  const issuerCell = [
    ...upperLines.map((text) => line(text, { size: SIZE.issuer })),
    ...issuerLines.map((text) => line(text, { size: SIZE.issuer, bold: true })),
    rule(Math.min(left, Math.round(longestIssuerLine * 0.45)), left),
  ];
  const stateCell = [
    line(NATIONAL_TITLE, { size: SIZE.nationalTitle, bold: true }),
    line(MOTTO, { size: SIZE.motto, bold: true }),
    rule(Math.min(right, estimatedTextWidth(MOTTO, SIZE.motto, false)), right),
  ];
  const numberCell = [line(numberLine(number), { size: SIZE.number, spacingBefore: 120 })];
  const dateCell = [
    line(placeAndDate(input.place, input.issuedOn, input.year), {
      italics: true,
      spacingBefore: 120,
    }),
  ];
  return layoutTable(
    [left, right],
    [
      [issuerCell, stateCell],
      [numberCell, dateCell],
    ],
  );
}
