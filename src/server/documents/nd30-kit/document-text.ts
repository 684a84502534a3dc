import { documentDatePhraseOf, numericDate } from "../../../core/text/document-date.ts";
import { romanNumeral } from "../../../core/text/numbering.ts";
import type { DocumentNumber, Signer } from "./document-parts.ts";

/**
 * The wording rules of ND 30/2020 that every document shares: number and symbol, place and date,
 * list punctuation, numbering, signing authority. Dates go through the core's one date rule.
 */

export { enumerationLetter, romanNumeral } from "../../../core/text/numbering.ts";

/** Blank left for a number or a day that is filled in by hand after signing. */
export const BLANK = "      ";

/**
 * "Hòa Phong, ngày 05 tháng 3 năm 2026" (days below 10 and months 1, 2 padded); a draft without a
 * date keeps the blanks: "Hòa Phong, ngày      tháng      năm 2026".
 */
export function placeAndDate(place: string, isoDate: string | null, blankYear?: number): string {
  if (isoDate === null) {
    return `${place}, ngày${BLANK}tháng${BLANK}năm ${blankYear ?? BLANK}`;
  }
  return `${place}, ${documentDatePhraseOf(isoDate)}`;
}

/**
 * "ngày 02 tháng 02 năm 2026" for a date written in running text or in a "(Kèm theo …)" line, by
 * the one date rule; a draft without a date keeps the blanks: "ngày      tháng      năm 2026".
 */
export function dateInText(isoDate: string | null, blankYear?: number): string {
  if (isoDate === null) return `ngày${BLANK}tháng${BLANK}năm ${blankYear ?? BLANK}`;
  return documentDatePhraseOf(isoDate);
}

/** "02/02/2026" as used when citing a document in running text; blanks for a draft. */
export function citedDate(isoDate: string | null): string {
  return isoDate === null ? `${BLANK}/${BLANK}/${BLANK}` : numericDate(isoDate);
}

/** "28/QĐ-UBND", "05/KH-UBND" (numbers below 10 take a leading zero), "      /KH-UBND". */
export function numberAndSymbol(number: DocumentNumber): string {
  const value = number.number?.trim() ?? "";
  if (value === "") return `${BLANK}/${number.symbol}`;
  const padded = /^\d$/.test(value) ? `0${value}` : value;
  return `${padded}/${number.symbol}`;
}

/** "Số: 28/QĐ-UBND"; "Số:      /KH-UBND" when the number is still blank. */
export function numberLine(number: DocumentNumber): string {
  const text = numberAndSymbol(number);
  return text.startsWith(BLANK) ? `Số:${text}` : `Số: ${text}`;
}

/** "Phụ lục I", "Phụ lục II"… for the annex at `index` (from 0). */
export function appendixName(index: number): string {
  return `Phụ lục ${romanNumeral(index + 1)}`;
}

/** Lines of a list: each "- item;" and the last "- item." (existing end punctuation replaced). */
export function dashedList(items: readonly string[]): string[] {
  return items.map((item, index) => {
    const text = item.trim().replace(/[;.,]+$/, "");
    return `- ${text}${index === items.length - 1 ? "." : ";"}`;
  });
}

/** Legal bases: each ends ";" and the last ".". */
export function basisLines(items: readonly string[]): string[] {
  return items.map((item, index) => {
    const text = item.trim().replace(/[;.,]+$/, "");
    return `${text}${index === items.length - 1 ? "." : ";"}`;
  });
}

/**
 * The signer's authority lines: "TM. ỦY BAN NHÂN DÂN" + "CHỦ TỊCH" (+ "KT. CHỦ TỊCH" before
 * "PHÓ CHỦ TỊCH" when a deputy signs for the collective), "KT. CHỦ TỊCH" + "PHÓ CHỦ TỊCH",
 * "Q. CHỦ TỊCH", or the title alone.
 */
export function signerAuthorityLines(signer: Signer): string[] {
  switch (signer.authority) {
    case "TM.":
      return [
        `TM. ${signer.onBehalfOf ?? ""}`.trim(),
        ...(signer.deputyFor ? [`KT. ${signer.deputyFor}`] : []),
        signer.title,
      ];
    case "KT.":
    case "TL.":
    case "TUQ.":
      return [`${signer.authority} ${signer.onBehalfOf ?? ""}`.trim(), signer.title];
    case "Q.":
      return [`Q. ${signer.title}`];
    case null:
      return [signer.title];
  }
}

/**
 * First letter lower case, for a title used inside a sentence ("Kế hoạch cải cách…"); an
 * abbreviation keeps its capitals ("CCHC năm 2026").
 */
export function lowerFirst(text: string): string {
  if (/^\p{Lu}{2}/u.test(text)) return text;
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}
