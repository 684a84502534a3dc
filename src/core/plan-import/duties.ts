/** "Tổ chức thực hiện": who does what, per agency. */
import type { Duty } from "./contract.ts";
import { itemMarker, NUMBERED_HEADING } from "./markers.ts";
import type { Paragraph } from "./paragraphs.ts";
import { cleanSpaces, trimTrailingPunctuation } from "./text-utils.ts";

const CLOSING =
  /^(?:Trên đây là|Trong quá trình (?:tổ chức |triển khai )?thực hiện|Yêu cầu các|Đề nghị các cơ quan, đơn vị)/u;

export function isClosingParagraph(text: string): boolean {
  return CLOSING.test(text.trim());
}

const VERBS =
  /\s(có trách nhiệm|chịu trách nhiệm|chủ trì|tham mưu|phối hợp|tổ chức|hướng dẫn|thực hiện|theo dõi|triển khai|căn cứ|xây dựng|được giao)\s/u;

function splitDuties(text: string): string[] {
  return text
    .split(/;\s*/)
    .map((part) => trimTrailingPunctuation(cleanSpaces(part)))
    .filter(Boolean);
}

/** Splits "Văn phòng phường có trách nhiệm phối hợp …" into agency and duty. */
function splitSentence(text: string): { agency: string | null; duty: string } {
  const responsibility = /\s(?:có|chịu) trách nhiệm\s/u.exec(text);
  if (responsibility && responsibility.index > 3) {
    return {
      agency: text.slice(0, responsibility.index).trim(),
      duty: text.slice(responsibility.index + responsibility[0].length).trim(),
    };
  }
  const verb = VERBS.exec(text);
  if (verb && verb.index > 3 && verb.index < 120) {
    return { agency: text.slice(0, verb.index).trim(), duty: text.slice(verb.index + 1).trim() };
  }
  return { agency: null, duty: text };
}

export interface DutiesResult {
  duties: Duty[];
  closing: Paragraph[];
}

export function parseDuties(paragraphs: Paragraph[]): DutiesResult {
  const duties: Duty[] = [];
  const closing: Paragraph[] = [];
  let current: Duty | null = null;
  let closed = false;
  for (const paragraph of paragraphs) {
    const text = paragraph.text;
    if (closed || isClosingParagraph(text)) {
      closed = true;
      closing.push(paragraph);
      continue;
    }
    const numbered = NUMBERED_HEADING.exec(text);
    if (numbered) {
      const body = numbered[2] ?? "";
      const colon = body.indexOf(":");
      if (colon > 0 && colon < 100) {
        current = {
          agency: trimTrailingPunctuation(body.slice(0, colon)),
          duties: splitDuties(body.slice(colon + 1)),
          line: paragraph.line,
        };
        duties.push(current);
        continue;
      }
      if (body.length <= 110 && !/[.;]$/.test(body)) {
        current = {
          agency: trimTrailingPunctuation(body.replace(/^Đề nghị\s+/u, "")),
          duties: [],
          line: paragraph.line,
        };
        duties.push(current);
        continue;
      }
      const { agency, duty } = splitSentence(body);
      current = { agency, duties: [trimTrailingPunctuation(duty)], line: paragraph.line };
      duties.push(current);
      continue;
    }
    const marker = itemMarker(text);
    const duty = trimTrailingPunctuation(marker ? marker.rest : text);
    if (!current) {
      const { agency, duty: rest } = marker ? { agency: null, duty } : splitSentence(duty);
      current = { agency, duties: [trimTrailingPunctuation(rest)], line: paragraph.line };
      duties.push(current);
      continue;
    }
    current.duties.push(duty);
  }
  return { duties, closing };
}
