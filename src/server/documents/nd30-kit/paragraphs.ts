import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from "docx";
import { FIRST_LINE_INDENT, FONT, PARAGRAPH_SPACING } from "./page-format.ts";

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Half-points; the document's body size when left out. */
  size?: number;
  allCaps?: boolean;
}

/** A run of Times New Roman (named on every run, so a copied paragraph keeps its font). */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, ...style });
}

export type Align = "left" | "center" | "right" | "both";

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.JUSTIFIED,
} as const;

export interface LineStyle extends RunStyle {
  /** Centred when left out. */
  alignment?: Align;
  spacingAfter?: number;
  spacingBefore?: number;
  keepNext?: boolean;
}

/**
 * A single-spaced paragraph for header blocks, titles, table cells and form fields: one run of
 * `content` in the given style, or the given runs.
 */
export function line(content: string | ParagraphChild[], style: LineStyle = {}): Paragraph {
  const { alignment, spacingAfter, spacingBefore, keepNext, ...runStyle } = style;
  return new Paragraph({
    alignment: ALIGNMENT[alignment ?? "center"],
    spacing: { before: spacingBefore ?? 0, after: spacingAfter ?? 0 },
    keepNext: keepNext ?? false,
    children: typeof content === "string" ? [run(content, runStyle)] : content,
  });
}

/** Body paragraph: justified, first line indented 1,27 cm, 6 pt after, line spacing 1,15. */
export function bodyParagraph(
  children: string | ParagraphChild[],
  style: RunStyle = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: PARAGRAPH_SPACING, line: 276 },
    children: typeof children === "string" ? [run(children, style)] : children,
  });
}

/** Bold heading of a part ("I. MỤC ĐÍCH, YÊU CẦU") or item ("1. Mục đích"), indented like the body. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: PARAGRAPH_SPACING, after: PARAGRAPH_SPACING, line: 276 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

/** The line of an ND 30 rule: solid, ¾ pt, black. */
export const RULE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 };

/**
 * A solid rule under a centred line of text (ND 30 asks for one under the issuing body, the
 * motto and the trích yếu): an empty paragraph whose top border is `length` long, centred in a
 * block `blockWidth` wide by equal indents. A paragraph border, unlike a drawn shape, stays
 * where it belongs when Word or LibreOffice reflows the page.
 */
export function rule(length: number, blockWidth: number): Paragraph {
  const indent = Math.max(0, Math.round((blockWidth - length) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 80, after: 0, line: 240 },
    border: { top: RULE_BORDER },
    children: [run("", { size: 4 })],
  });
}

/**
 * Rough printed width, in twips, of a line of Times New Roman: enough to size the rules under
 * centred lines, which ND 30 gives as a share of the text (the motto's rule as long as the text).
 */
export function estimatedTextWidth(text: string, halfPoints: number, isUpperCase: boolean): number {
  const emPerChar = isUpperCase ? 0.68 : 0.47;
  return Math.round(text.length * emPerChar * (halfPoints / 2) * 20);
}

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
export const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/**
 * Borderless layout table: the header block and the recipients/signature block. `keepRows`: no
 * row is split between two pages (a signer's block stays whole).
 */
export function layoutTable(
  columnWidths: number[],
  rows: Paragraph[][][],
  keepRows = false,
): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: keepRows,
          children: cells.map(
            (children, index) =>
              new TableCell({
                width: { size: columnWidths[index] ?? 0, type: WidthType.DXA },
                borders: NO_BORDERS,
                margins: { left: 0, right: 0, top: 0, bottom: 0 },
                verticalAlign: VerticalAlign.TOP,
                children,
              }),
          ),
        }),
    ),
  });
}

/**
 * An empty paragraph exactly `height` twentieths of a point high, kept with what follows: the
 * space above a table, which has none of its own.
 */
export function spacer(height: number): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run("", { size: 2 })],
  });
}

/** An empty line, of the body size unless given. */
export function emptyLine(size?: number): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("", { size })] });
}
