/** Recognisers for the line starts that structure a Vietnamese plan. */
import { searchKey } from "./text-utils.ts";

/** Vietnamese enumeration letters: a b c d đ e g h i k l m n o p q r s t u v x y (no f j w z). */
export const ENUM_LETTER = "[a-eg-ik-vxyđ]";

export const ROMAN_HEADING = /^(?:PHẦN\s+)?([IVX]{1,5})\s*[.)/:-]\s*(\S.*)$/u;
export const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(\S.*)$/u;
export const PAREN_NUMBER = /^\((\d{1,2})\)\s*(\S.*)$/u;
export const LETTER_ITEM = new RegExp(`^(${ENUM_LETTER})\\s*\\)\\s*(\\S.*)$`, "u");
export const DASH_ITEM = /^[-–—+•●▪◦*]\s*(\S.*)$/u;

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

export function romanToNumber(roman: string): number | null {
  let total = 0;
  for (let index = 0; index < roman.length; index += 1) {
    const value = ROMAN_VALUES[roman[index] ?? ""];
    const next = ROMAN_VALUES[roman[index + 1] ?? ""] ?? 0;
    if (!value) return null;
    total += value < next ? -value : value;
  }
  return total > 0 && total < 40 ? total : null;
}

export function isRomanNumeral(text: string): boolean {
  return /^[IVX]{1,5}$/.test(text) && romanToNumber(text) !== null;
}

export type ItemMarker =
  | { kind: "paren"; label: string; rest: string; dashed: boolean }
  | { kind: "letter"; label: string; rest: string; dashed: boolean }
  | { kind: "dash"; label: null; rest: string; dashed: true };

/** "(1) …", "a) …", "- …", "- a) …" → the marker and the rest of the line. */
export function itemMarker(text: string): ItemMarker | null {
  const trimmed = text.trim();
  const dash = DASH_ITEM.exec(trimmed);
  const body = dash ? (dash[1] ?? "") : trimmed;
  const dashed = Boolean(dash);
  const paren = PAREN_NUMBER.exec(body);
  if (paren) return { kind: "paren", label: paren[1] ?? "", rest: paren[2] ?? "", dashed };
  const letter = LETTER_ITEM.exec(body);
  if (letter) return { kind: "letter", label: letter[1] ?? "", rest: letter[2] ?? "", dashed };
  if (dash) return { kind: "dash", label: null, rest: body, dashed: true };
  return null;
}

const WORD_MARKERS = [
  /^Căn cứ(?![\p{L}])/u,
  /^Theo đề nghị(?![\p{L}])/u,
  /^Thực hiện(?![\p{L}])/u,
  /^Nơi nhận\b/u,
  /^Kính gửi\b/u,
  /^Số\s*:/u,
  /^Điều\s+\d+/u,
  /^QUYẾT ĐỊNH\b/u,
  /^KẾ HOẠCH\b/u,
  /^CỘNG HÒA\b|^CỘNG HOÀ\b/u,
  /^Độc lập\b/u,
  /^PHỤ LỤC\b/u,
  /^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S/u,
  /^Trên đây\b/u,
  /^Ph[ấầâ]n\s+đ[ấầâ]u\b/u,
  /^\(/u,
  /^[^,\n]{2,40},\s*ngày\b/u,
];

/** A line that must start a new paragraph (it is never the continuation of the previous one). */
export function startsParagraph(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (ROMAN_HEADING.test(trimmed) && isRomanNumeral(ROMAN_HEADING.exec(trimmed)?.[1] ?? "")) {
    return true;
  }
  if (NUMBERED_HEADING.test(trimmed)) return true;
  if (itemMarker(trimmed)) return true;
  if (WORD_MARKERS.some((pattern) => pattern.test(trimmed))) return true;
  if (fieldLabel(trimmed)) return true;
  return false;
}

export type FieldName = "lead" | "support" | "monitor" | "timeline" | "deliverable" | "targetText";

/** Classifies an inline field label ("Cơ quan chủ trì thực hiện", "Sản phẩm"…) by its key. */
export function classifyFieldLabel(label: string): FieldName | null {
  const key = searchKey(label)
    .replace(/[^a-z0-9 ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!key || key.length > 60) return null;
  if (/^(co quan|don vi|bo phan|ca nhan)?\s*(chu tri)\b/.test(key)) return "lead";
  if (/^(co quan|don vi|bo phan)?\s*(phoi hop)\b/.test(key)) return "support";
  if (/^(co quan|don vi|bo phan)?\s*(theo doi|giam sat)\b/.test(key)) return "monitor";
  if (/^(co quan|don vi|bo phan) thuc hien\b/.test(key)) return "support";
  if (/^(thoi gian|thoi han|tien do)\b/.test(key)) return "timeline";
  if (/^(san pham|ket qua dau ra|ket qua san pham)\b/.test(key)) return "deliverable";
  if (/^chi tieu\b/.test(key)) return "targetText";
  return null;
}

/** "- Cơ quan chủ trì: Văn phòng" → { field: "lead", value: "Văn phòng" }. */
export function fieldLabel(
  text: string,
): { field: FieldName; value: string; label: string } | null {
  const trimmed = text.trim().replace(/^[-–—+•*]\s*/u, "");
  const colon = trimmed.indexOf(":");
  if (colon <= 0 || colon > 70) return null;
  const label = trimmed.slice(0, colon);
  const field = classifyFieldLabel(label);
  if (!field) return null;
  return { field, value: trimmed.slice(colon + 1).trim(), label: label.trim() };
}
