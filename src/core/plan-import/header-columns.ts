/**
 * A document header's two columns flattened into single lines, as copying from a web page or a
 * PDF often gives them: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ A Độc lập - Tự
 * do - Hạnh phúc", "Số: 01 /KH-UBND A, ngày 03 tháng 01 năm 2025". Each such line is cut where the
 * right column starts, and a run of cut lines is reordered as left column then right column, so
 * the issuer's lines stand together and the number, the motto and the place-date each stand alone.
 */
import type { DocumentBlock } from "./document-model.ts";

const MOTTO = /\s+(?=C[ỘO]NG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do)/u;
/** After the number and symbol: a place (a capitalised word and a few more), then ", ngày". */
const PLACE_DATE = /\s+(?=\p{Lu}[\p{L}.]*(?:\s+[\p{L}.]+){0,5},\s*ngày\b)/u;
/** Only the first lines can be the header. */
const HEADER_LINES = 12;

function isUpper(text: string): boolean {
  return text === text.toUpperCase() && /\p{Lu}/u.test(text);
}

/** The line cut into its two columns, or null when it is not a flattened header line. */
export function splitHeaderColumns(text: string): [string, string] | null {
  const trimmed = text.trim();
  const motto = MOTTO.exec(trimmed);
  if (motto && motto.index > 0) {
    const left = trimmed.slice(0, motto.index);
    if (isUpper(left)) return [left, trimmed.slice(motto.index + motto[0].length)];
  }
  if (/^Số\s*:/u.test(trimmed)) {
    const place = PLACE_DATE.exec(trimmed);
    if (place && place.index > 0)
      return [trimmed.slice(0, place.index), trimmed.slice(place.index + place[0].length)];
  }
  return null;
}

export function unflattenHeaderColumns(blocks: DocumentBlock[]): DocumentBlock[] {
  const result: DocumentBlock[] = [];
  let left: DocumentBlock[] = [];
  let right: DocumentBlock[] = [];
  const flush = () => {
    result.push(...left, ...right);
    left = [];
    right = [];
  };
  blocks.forEach((block, index) => {
    const split =
      index < HEADER_LINES && block.kind === "paragraph" ? splitHeaderColumns(block.text) : null;
    if (!split || block.kind !== "paragraph") {
      flush();
      result.push(block);
      return;
    }
    left.push({ ...block, text: split[0] });
    right.push({ ...block, text: split[1] });
  });
  flush();
  return result;
}
