import { comparableKey, findDate } from "../plan-import/text-utils.ts";
import { documentDatePhraseOf } from "../text/document-date.ts";

/**
 * A legal basis as a plan or its decision cites it: "Căn cứ Quyết định số 15/QĐ-UBND ngày 10
 * tháng 01 năm 2026 của UBND tỉnh Quảng Ninh về …" — kind, number, date, issuer and title, in full.
 */
export interface BasisFields {
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  text: string;
}

const LEAD = /^(?:căn cứ|thực hiện)\s+/iu;
/** Where the title of a cited document starts ("… về việc …", "… ban hành …"). */
const TITLE_START =
  /\s(?:về|ban hành|quy định|hướng dẫn|phê duyệt|triển khai|thực hiện|sửa đổi)\s.+$/u;

function strip(text: string): string {
  return text
    .trim()
    .replace(LEAD, "")
    .replace(/[\s;.,]+$/u, "");
}

function contains(haystack: string, needle: string): boolean {
  return comparableKey(haystack).includes(comparableKey(needle));
}

/**
 * The basis as printed after "Căn cứ ": its own text when that already carries every known field,
 * else the fields in ND 30 order followed by the title found in the text.
 */
export function basisCitation(basis: BasisFields): string {
  const text = strip(basis.text);
  const hasNumber = basis.number === null || contains(text, basis.number);
  const hasIssuer = basis.issuer === null || contains(text, basis.issuer);
  const hasDate = basis.date === null || findDate(text)?.iso === basis.date;
  if ((hasNumber && hasIssuer && hasDate) || basis.type === null) return text;
  const title = TITLE_START.exec(text)?.[0].trim() ?? (contains(text, basis.type) ? "" : text);
  return [
    basis.type,
    basis.number ? `số ${basis.number}` : "",
    basis.date ? documentDatePhraseOf(basis.date) : "",
    basis.issuer ? `của ${basis.issuer}` : "",
    title,
  ]
    .filter((part) => part !== "")
    .join(" ");
}

/** The same document cited twice (same kind and number, or the same text) is one basis. */
export function basisIdentity(basis: BasisFields): string {
  if (basis.number) return `${comparableKey(basis.type ?? "")}|${comparableKey(basis.number)}`;
  return comparableKey(strip(basis.text)).slice(0, 80);
}

/** The bases in order, each document once (the first citation wins). */
export function uniqueBases<T extends BasisFields>(bases: readonly T[]): T[] {
  const seen = new Set<string>();
  return bases.filter((basis) => {
    const key = basisIdentity(basis);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
