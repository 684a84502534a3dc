/**
 * The document header: kind, number and symbol, issuer, place and date, title, signer, and the
 * plan's own sub-header "(Ban hành kèm theo Quyết định số … ngày …)".
 */
import type { ImportedDocument } from "./contract.ts";
import type { Paragraph } from "./paragraphs.ts";
import {
  cleanSpaces,
  findDate,
  isUpperCaseLine,
  normaliseDocumentNumber,
  searchKey,
  trimTrailingPunctuation,
} from "./text-utils.ts";
import type { WarningSink } from "./warnings.ts";

const ISSUER_START =
  /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|SỞ|BỘ|BAN|VĂN PHÒNG)(?![\p{L}])/u;
const SIGNER_TITLE =
  /^(?:(?:TM|KT|Q|TL|TUQ)\s*\.\s*)?[\p{Lu}\s.,-]*(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|TRƯỞNG PHÒNG|BÍ THƯ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)$/u;
const NAME = /^(?:\p{Lu}\p{Ll}*\.?\s+){1,5}\p{Lu}\p{Ll}+$/u;
const PLACE_DATE = /^([^,\d]{2,40}),\s*(ngày\b.*)$/u;

export function isPersonName(text: string): boolean {
  const clean = text.trim();
  return clean.length <= 40 && NAME.test(clean) && !/[:;]/.test(clean);
}

export function isTitleLine(text: string): boolean {
  return isUpperCaseLine(text) && SIGNER_TITLE.test(text.trim()) && text.length <= 90;
}

/** Finds "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" + "Đoàn Hồng Nam". */
export function findSigner(
  paragraphs: Paragraph[],
): { name: string; title: string; index: number } | null {
  for (let index = 0; index < paragraphs.length; index += 1) {
    const title = paragraphs[index]?.text ?? "";
    if (!isTitleLine(title)) continue;
    for (let offset = 1; offset <= 3; offset += 1) {
      const candidate = paragraphs[index + offset]?.text ?? "";
      if (isPersonName(candidate)) {
        // "KT. CHỦ TỊCH" and "PHÓ CHỦ TỊCH" may stand in two paragraphs (Word), and a deputy
        // signing for the committee in three: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
        let fullTitle = title;
        for (let back = 1; back <= 2; back += 1) {
          const before = paragraphs[index - back]?.text ?? "";
          if (!/^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S/u.test(before) || !isUpperCaseLine(before)) break;
          fullTitle = `${before} ${fullTitle}`;
        }
        return { name: candidate.trim(), title: cleanSpaces(fullTitle), index: index + offset };
      }
      if (candidate && !/^(?:\(?(?:Đã ký|đã ký|Ký|ký)|\[|Chữ ký)/u.test(candidate)) break;
    }
  }
  return null;
}

function after(paragraphs: Paragraph[], index: number): string | null {
  const next = paragraphs[index + 1]?.text;
  if (!next) return null;
  if (/^(?:Căn cứ|Số\s*:|I\.|ỦY BAN|UỶ BAN|CHỦ TỊCH|QUYẾT ĐỊNH|KẾ HOẠCH)/u.test(next)) return null;
  if (/^\(/.test(next)) return null;
  return trimTrailingPunctuation(next) || null;
}

export interface HeaderResult {
  document: ImportedDocument;
  recipients: string[];
}

export function parseDocumentHeader(
  header: Paragraph[],
  all: Paragraph[],
  warnings: WarningSink,
): HeaderResult {
  let number = null as string | null;
  let numberLine: number | null = null;
  let numberSeen = false as boolean;
  let issuer = null as string | null;
  let authority = null as string | null;
  let place = null as string | null;
  let date = null as string | null;
  let dateLine = null as number | null;
  let decisionIndex = -1;
  let planIndex = -1;
  let planNumber = null as { value: string | null; line: number } | null;

  for (const [index, paragraph] of header.entries()) {
    const text = paragraph.text;
    const so = /^Số\s*:?\s*(.*)$/u.exec(text);
    if (so && !numberSeen) {
      numberSeen = true;
      numberLine = paragraph.line;
      const raw = (so[1] ?? "").split(/\s{2,}|\s(?=[^\s/]*,\s*ngày)/u)[0] ?? "";
      number = normaliseDocumentNumber(raw);
      if (!number) {
        warnings.add(
          "NUMBER_BLANK",
          "Số văn bản để trống (bản dự thảo): chưa có số.",
          paragraph.line,
        );
      }
    }
    if (!issuer && ISSUER_START.test(text) && isUpperCaseLine(text) && !/^BAN HÀNH/u.test(text)) {
      issuer = cleanSpaces(text);
    }
    if (!authority && /^CHỦ TỊCH\s+(?:ỦY|UỶ) BAN NHÂN DÂN/u.test(text)) {
      authority = cleanSpaces(text.replace(/^CHỦ TỊCH\s+/u, ""));
    }
    const placeDate = PLACE_DATE.exec(text);
    if (placeDate && place === null) {
      place = cleanSpaces(placeDate[1] ?? "");
      const found = findDate(placeDate[2] ?? "");
      date = found?.iso ?? null;
      dateLine = paragraph.line;
    }
    if (decisionIndex < 0 && /^QUYẾT ĐỊNH$/u.test(text.trim())) decisionIndex = index;
    if (planIndex < 0 && /^KẾ HOẠCH\b/u.test(text) && isUpperCaseLine(text.slice(0, 8))) {
      planIndex = index;
    }
    const attached = /Ban hành kèm theo Quyết định số\s*:?\s*(.*?)\s+ngày\b/iu.exec(text);
    if (attached && !planNumber) {
      planNumber = { value: normaliseDocumentNumber(attached[1] ?? ""), line: paragraph.line };
    }
  }

  if (!issuer) issuer = authority;
  if (!issuer) {
    for (const paragraph of all) {
      const match =
        /\b((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:phường|xã|thị trấn|đặc khu|quận|huyện|thị xã|thành phố|tỉnh)\s+[^,;]+?)\s+ban hành\s+Kế hoạch/u.exec(
          paragraph.text,
        );
      if (match) {
        issuer = cleanSpaces(match[1] ?? "");
        break;
      }
    }
  }

  const kind: ImportedDocument["kind"] = decisionIndex >= 0 ? "decision_with_plan" : "plan";
  let planTitle: string | null = null;
  if (planIndex >= 0) {
    const planHeading = header[planIndex]?.text ?? "";
    const inline = cleanSpaces(planHeading.replace(/^KẾ HOẠCH\b:?/u, ""));
    planTitle = inline || after(header, planIndex);
  }
  const title = kind === "decision_with_plan" ? after(header, decisionIndex) : planTitle;

  const found: { value: string | null; line: number } | null = planNumber;
  if (found && found.value) {
    if (number === null && !numberSeen) {
      number = found.value;
    } else if (number !== null && searchKey(found.value) !== searchKey(number)) {
      warnings.add(
        "NUMBER_MISMATCH",
        `Số quyết định ghi trong kế hoạch (${found.value}) khác số của quyết định (${number}); dùng số của quyết định.`,
        found.line,
      );
    }
  }
  if (date && date.length < 10) {
    warnings.add("DATE_PARTIAL", `Ngày ban hành chưa đầy đủ (${date}).`, dateLine);
  }
  void numberLine;

  const signer = findSigner(header) ?? findSigner(all);
  const recipients = findRecipients(all);
  return {
    document: {
      kind,
      number,
      issuer,
      place,
      date,
      title,
      signer: signer ? { name: signer.name, title: signer.title } : null,
      planTitle: kind === "decision_with_plan" ? planTitle : null,
    },
    recipients,
  };
}

/** "Nơi nhận:" followed by dash items. */
export function findRecipients(paragraphs: Paragraph[]): string[] {
  const recipients: string[] = [];
  for (let index = 0; index < paragraphs.length; index += 1) {
    const text = paragraphs[index]?.text ?? "";
    if (!/^Nơi nhận\s*:?/u.test(text)) continue;
    const inline = text.replace(/^Nơi nhận\s*:?\s*/u, "");
    if (inline) recipients.push(trimTrailingPunctuation(inline.replace(/^[-–+]\s*/u, "")));
    for (let cursor = index + 1; cursor < paragraphs.length; cursor += 1) {
      const item = /^[-–+•]\s*(.+)$/u.exec(paragraphs[cursor]?.text ?? "");
      if (!item) break;
      recipients.push(trimTrailingPunctuation(item[1] ?? ""));
    }
  }
  return recipients;
}

/** Index where the closing block (recipients, signature) starts, or the length when absent. */
export function closingBlockStart(paragraphs: Paragraph[]): number {
  for (let index = 0; index < paragraphs.length; index += 1) {
    const text = paragraphs[index]?.text ?? "";
    if (/^Nơi nhận\s*:?/u.test(text)) return index;
    if (isTitleLine(text)) {
      for (let offset = 1; offset <= 3; offset += 1) {
        if (isPersonName(paragraphs[index + offset]?.text ?? "")) {
          const before = paragraphs[index - 1]?.text ?? "";
          return /^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S/u.test(before) ? index - 1 : index;
        }
      }
    }
  }
  return paragraphs.length;
}
