/** Splits the body into sections at Roman-numbered headings and appendix headings. */
import { mapAreaKey } from "./area-keys.ts";
import type { AreaKey } from "./contract.ts";
import { isRomanNumeral, ROMAN_HEADING } from "./markers.ts";
import type { Item, Paragraph } from "./paragraphs.ts";
import { searchKey } from "./text-utils.ts";

export type SectionKind =
  "purposes" | "targets" | "tasks" | "duties" | "appendix" | "funding" | "other";

export interface Section {
  kind: SectionKind;
  heading: Paragraph | null;
  /** Area named by the section heading itself ("II. CẢI CÁCH THỂ CHẾ"). */
  area: AreaKey | null;
  items: Item[];
}

export function romanHeading(text: string): { numeral: string; title: string } | null {
  const match = ROMAN_HEADING.exec(text.trim());
  if (!match || !isRomanNumeral(match[1] ?? "")) return null;
  return { numeral: match[1] ?? "", title: match[2] ?? "" };
}

export function isAppendixHeading(text: string): boolean {
  return /^PHỤ LỤC\b|^Phụ lục\s+[IVX\d]+\b/u.test(text.trim());
}

export function sectionKind(title: string): { kind: SectionKind; area: AreaKey | null } {
  const key = searchKey(title);
  if (
    /to chuc thuc hien|trach nhiem thuc hien|phan cong/.test(key) &&
    !/nhiem vu cu the/.test(key)
  ) {
    return { kind: "duties", area: null };
  }
  if (/muc dich|yeu cau|muc tieu|quan diem/.test(key)) return { kind: "purposes", area: null };
  if (/chi tieu/.test(key) && !/nhiem vu/.test(key)) return { kind: "targets", area: null };
  if (/nhiem vu|giai phap|noi dung/.test(key)) return { kind: "tasks", area: null };
  if (/kinh phi/.test(key)) return { kind: "funding", area: null };
  const area = mapAreaKey(title);
  if (area) return { kind: "tasks", area };
  return { kind: "other", area: null };
}

/** The paragraphs before the first section are the header; then one section per heading. */
export function splitSections(items: Item[]): { header: Item[]; sections: Section[] } {
  const header: Item[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const item of items) {
    if (item.kind === "para") {
      if (isAppendixHeading(item.text)) {
        current = { kind: "appendix", heading: item, area: null, items: [] };
        sections.push(current);
        continue;
      }
      const roman = romanHeading(item.text);
      if (roman && !(current?.kind === "appendix")) {
        const { kind, area } = sectionKind(roman.title);
        current = { kind, heading: item, area, items: [] };
        sections.push(current);
        continue;
      }
    }
    if (current) current.items.push(item);
    else header.push(item);
  }
  return { header, sections };
}
