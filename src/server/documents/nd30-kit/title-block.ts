import type { Paragraph } from "docx";
import type { PageFormat } from "./page-format.ts";
import { basisLines } from "./document-text.ts";
import { bodyParagraph, estimatedTextWidth, line, rule } from "./paragraphs.ts";
import { RULE_HEIGHT } from "./header-block.ts";
import { lineHeight, wrappedLineCount } from "./text-metrics.ts";

export interface TitleBlockInput {
  /** The document type in capitals: "QUYẾT ĐỊNH", "KẾ HOẠCH", "GIẤY TIẾP NHẬN HỒ SƠ…". */
  type: string;
  /** The trích yếu under the type: "Về việc ban hành Kế hoạch…"; null for a form. */
  summary: string | null;
  /** Italic lines under it: "(Ban hành kèm theo Quyết định số …)", "(Mẫu số 03 …)". */
  notes?: string[];
}

/** ND 30: the rule under the trích yếu is 1/3–1/2 of the line above; 40 % of it here. */
export function titleRuleLength(summary: string, format: PageFormat): number {
  const width = Math.min(format.textWidth, estimatedTextWidth(summary, format.sizes.title, false));
  return Math.round(width * 0.4);
}

/**
 * The type and the trích yếu, centred and bold, any italic notes, and the rule under them (only
 * under a trích yếu: a form's title has none).
 */
export function titleBlock(input: TitleBlockInput, format: PageFormat): Paragraph[] {
  const size = format.sizes.title;
  return [
    line(input.type, { bold: true, size, spacingBefore: format.titleSpacing, keepNext: true }),
    ...(input.summary === null ? [] : [line(input.summary, { bold: true, size, keepNext: true })]),
    ...(input.notes ?? []).map((note) =>
      line(note, { italics: true, size: format.sizes.note, keepNext: true }),
    ),
    ...(input.summary === null
      ? []
      : [rule(titleRuleLength(input.summary, format), format.textWidth)]),
  ];
}

/** Estimated printed height of `titleBlock(input, format)`, in twips. */
export function titleBlockHeight(input: TitleBlockInput, format: PageFormat): number {
  const { sizes, textWidth } = format;
  const bold = (text: string) => [{ text, bold: true }];
  const titleLines =
    wrappedLineCount(bold(input.type), textWidth, sizes.title) +
    (input.summary === null ? 0 : wrappedLineCount(bold(input.summary), textWidth, sizes.title));
  const noteLines = (input.notes ?? []).reduce(
    (sum, note) => sum + wrappedLineCount(note, textWidth, sizes.note),
    0,
  );
  return (
    format.titleSpacing +
    titleLines * lineHeight(sizes.title) +
    noteLines * lineHeight(sizes.note) +
    (input.summary === null ? 0 : RULE_HEIGHT)
  );
}

/** The legal bases of a decision, in italics, one paragraph each ending ";" and the last ".". */
export function basesParagraphs(bases: readonly string[]): Paragraph[] {
  return basisLines(bases).map((text) => bodyParagraph(text, { italics: true }));
}

/**
 * The head of an annex (ND 30, Phụ lục III Mẫu 2.1): "Phụ lục I" (14 pt bold), its title in
 * capitals, bold, and the "(Kèm theo … số … ngày … của …)" line in italics.
 */
export function appendixHeading(name: string, title: string, attachedTo: string): Paragraph[] {
  return [
    line(name, { bold: true, size: 28 }),
    line(title.toLocaleUpperCase("vi"), { bold: true }),
    line(attachedTo, { italics: true, spacingAfter: 240 }),
  ];
}
