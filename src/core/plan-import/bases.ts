/** Legal bases ("Căn cứ …"): type, number, date, issuer and text of each cited document. */
import type { Basis } from "./contract.ts";
import type { Paragraph } from "./paragraphs.ts";
import {
  cleanSpaces,
  comparableKey,
  findDate,
  normaliseDocumentNumber,
  searchKey,
  trimTrailingPunctuation,
} from "./text-utils.ts";

const TYPES: { type: string; key: string }[] = [
  { type: "Thông tư liên tịch", key: "thong tu lien tich" },
  { type: "Bộ luật", key: "bo luat" },
  { type: "Luật", key: "luat" },
  { type: "Pháp lệnh", key: "phap lenh" },
  { type: "Hiến pháp", key: "hien phap" },
  { type: "Nghị định", key: "nghi dinh" },
  { type: "Nghị quyết", key: "nghi quyet" },
  { type: "Quyết định", key: "quyet dinh" },
  { type: "Kế hoạch", key: "ke hoach" },
  { type: "Thông tư", key: "thong tu" },
  { type: "Chỉ thị", key: "chi thi" },
  { type: "Công văn", key: "cong van" },
  { type: "Văn bản", key: "van ban" },
  { type: "Hướng dẫn", key: "huong dan" },
  { type: "Chương trình", key: "chuong trinh" },
  { type: "Kết luận", key: "ket luan" },
  { type: "Đề án", key: "de an" },
  { type: "Thông báo", key: "thong bao" },
  { type: "Báo cáo", key: "bao cao" },
];

export function documentType(text: string): string | null {
  const key = searchKey(text);
  for (const entry of TYPES) {
    if (key === entry.key || key.startsWith(`${entry.key} `) || key.startsWith(`${entry.key},`)) {
      return entry.type;
    }
  }
  return null;
}

const NUMBER_AFTER_SO =
  /\bsố\s*:?\s*([\p{L}\p{N}]*\d[\p{L}\p{N}]*(?:\s*[/-]\s*[\p{L}\p{N}Đđ&]+)*)/iu;
const ISSUER =
  /\bcủa\s+(.+?)(?=\s+(?:về|ban hành|quy định|hướng dẫn|phê duyệt|triển khai|thực hiện|tại|trong|đối với|giai đoạn)\s|[,;(]|$)/u;

/** An issuer names an authority, not another document ("của Luật Tổ chức Chính phủ"). */
const AUTHORITY =
  /^(?:UBND|HĐND|Ủy ban|Uỷ ban|Hội đồng|Chính phủ|Thủ tướng|Quốc hội|Ủy ban Thường vụ|Bộ|Sở|Phòng|Ban|Văn phòng|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Đảng ủy|Chủ tịch|Bộ trưởng|Tổng cục|Cục|Kho bạc|Tòa án|Viện)(?![\p{L}])/u;

/** Splits "a; b; c" at semicolons outside parentheses. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth = Math.max(0, depth - 1);
    if (char === ";" && depth === 0) {
      items.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  items.push(current);
  return items.map((item) => cleanSpaces(item)).filter(Boolean);
}

/** Cuts the clause that closes a preamble: "…, UBND phường X ban hành Kế hoạch … như sau:". */
function cutPreambleTail(text: string): string {
  const match =
    /,\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch|Ban Chỉ đạo)\b[^,;]*?\b(?:ban hành|xây dựng|triển khai)\b/u.exec(
      text,
    );
  return match ? text.slice(0, match.index) : text;
}

export function parseBasisItem(raw: string, line: number): Basis | null {
  let text = trimTrailingPunctuation(cutPreambleTail(cleanSpaces(raw)));
  // "…; căn cứ Nghị quyết số …": several bases in one sentence.
  text = text.replace(/^(?:và|hoặc|căn cứ)\s+/u, "");
  const type = documentType(text);
  if (!type) return null;
  const numberMatch = NUMBER_AFTER_SO.exec(text);
  const number = numberMatch ? normaliseDocumentNumber(numberMatch[1] ?? "") : null;
  const afterNumber = numberMatch ? text.slice(numberMatch.index + numberMatch[0].length) : text;
  const date = findDate(afterNumber)?.iso ?? findDate(text)?.iso ?? null;
  const issuerMatch = ISSUER.exec(text);
  const issuerText = issuerMatch ? trimTrailingPunctuation(issuerMatch[1] ?? "") : "";
  const issuer = AUTHORITY.test(issuerText) ? issuerText : null;
  return { type, number, date, issuer, text, line };
}

function basisKey(basis: Basis): string {
  if (basis.number) return `${basis.type}|${comparableKey(basis.number)}`;
  return `${basis.type}|${basis.date ?? ""}|${comparableKey(basis.text).slice(0, 60)}`;
}

/** Extracts bases from "Căn cứ …" paragraphs; duplicates (decision and plan preamble) merge. */
export function extractBases(paragraphs: Paragraph[]): Basis[] {
  const bases: Basis[] = [];
  const byKey = new Map<string, Basis>();
  for (const paragraph of paragraphs) {
    const match = /^(?:Căn cứ|Thực hiện)\s+(.*)$/u.exec(paragraph.text);
    if (!match) continue;
    if (paragraph.text.startsWith("Thực hiện") && !documentType(match[1] ?? "")) continue;
    const items = splitItems(match[1] ?? "");
    const parsed: Basis[] = [];
    for (const item of items) {
      const basis = parseBasisItem(item, paragraph.line);
      if (basis) parsed.push(basis);
      else if (parsed.length > 0) {
        const previous = parsed[parsed.length - 1]!;
        previous.text = `${previous.text}; ${trimTrailingPunctuation(item)}`;
      }
    }
    for (const basis of parsed) {
      const key = basisKey(basis);
      const existing = byKey.get(key);
      if (existing) {
        existing.issuer ??= basis.issuer;
        existing.date ??= basis.date;
        continue;
      }
      byKey.set(key, basis);
      bases.push(basis);
    }
  }
  return bases;
}
