/**
 * PDF (text layer) → document model. Text items are grouped into lines by y position and into
 * segments by horizontal gaps. Runs of lines with three or more aligned segments become tables
 * (rows start where the first column, or a sub-row "a)", begins); two-column runs (the header
 * block) become a layout table; other lines are paragraphs with a hint telling whether they run
 * to the right margin (and so continue on the next line).
 */
import type {
  DocumentBlock,
  DocumentTableRow,
  PlanDocument,
} from "../../../core/plan-import/document-model.ts";
import { LETTER_ITEM } from "../../../core/plan-import/markers.ts";

interface PdfItem {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

interface Segment {
  x: number;
  end: number;
  text: string;
}

interface PdfLine {
  page: number;
  y: number;
  size: number;
  segments: Segment[];
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
}

async function loadPdfjs() {
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

export async function extractPdfLines(buffer: Buffer): Promise<PdfLine[]> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const document = await task.promise;
  const lines: PdfLine[] = [];
  try {
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const raw of content.items as TextItemLike[]) {
        if (typeof raw.str !== "string" || !raw.transform || !raw.str.trim()) continue;
        const [a = 0, b = 0, , d = 0, x = 0, y = 0] = raw.transform;
        const size = Math.max(Math.abs(d), Math.hypot(a, b), 1);
        items.push({ x, y, width: raw.width ?? 0, size, text: raw.str });
      }
      lines.push(...groupLines(items, pageNumber));
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  return lines;
}

function groupLines(items: PdfItem[], page: number): PdfLine[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: PdfItem[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const anchor = group?.[0];
    if (group && anchor && Math.abs(anchor.y - item.y) <= 0.4 * Math.max(anchor.size, item.size)) {
      group.push(item);
    } else {
      groups.push([item]);
    }
  }
  return groups.map((group) => {
    group.sort((p, q) => p.x - q.x);
    const size = Math.max(...group.map((item) => item.size));
    const segments: Segment[] = [];
    for (const item of group) {
      const last = segments[segments.length - 1];
      const gap = last ? item.x - last.end : Infinity;
      if (last && gap <= 0.8 * size) {
        const needsSpace = gap > 0.15 * size && !/\s$/.test(last.text) && !/^\s/.test(item.text);
        last.text += (needsSpace ? " " : "") + item.text;
        last.end = Math.max(last.end, item.x + item.width);
      } else {
        segments.push({ x: item.x, end: item.x + item.width, text: item.text });
      }
    }
    for (const segment of segments) segment.text = segment.text.replace(/\s+/g, " ").trim();
    return { page, y: group[0]?.y ?? 0, size, segments };
  });
}

const ALIGN = 3;

function columnOf(anchors: number[], x: number): number {
  for (let index = 0; index < anchors.length; index += 1) {
    if (Math.abs((anchors[index] ?? 0) - x) <= ALIGN) return index;
  }
  return -1;
}

function isPageNumber(line: PdfLine): boolean {
  return (
    line.segments.length === 1 && /^[-–]?\s*\d{1,3}\s*[-–]?$/.test(line.segments[0]?.text ?? "")
  );
}

/** Turns positioned lines into document blocks. */
export function linesToDocument(lines: PdfLine[]): PlanDocument {
  const blocks: DocumentBlock[] = [];
  const content = lines.filter((line) => !isPageNumber(line));
  const ends = content
    .filter((line) => line.segments.length === 1)
    .map((line) => line.segments[0]?.end ?? 0)
    .sort((p, q) => p - q);
  const rightMargin = ends[Math.floor(ends.length * 0.95)] ?? 0;
  let ordinal = 0;
  let rememberedHeader: { first: string; lineCount: number } | null = null;

  let index = 0;
  while (index < content.length) {
    const line = content[index]!;
    if (line.segments.length >= 3) {
      const anchors = line.segments.map((segment) => segment.x);
      const region: PdfLine[] = [line];
      let cursor = index + 1;
      while (cursor < content.length) {
        const next = content[cursor]!;
        const previous = region[region.length - 1]!;
        if (next.page !== previous.page || previous.y - next.y > 3 * next.size) break;
        if (!next.segments.every((segment) => columnOf(anchors, segment.x) >= 0)) break;
        region.push(next);
        cursor += 1;
      }
      const rows: DocumentTableRow[] = [];
      const firstText = line.segments.map((segment) => segment.text).join("|");
      const forcedHeaderLines =
        rememberedHeader && rememberedHeader.first === firstText ? rememberedHeader.lineCount : 0;
      let current: string[][] | null = null;
      let headerLines = 0;
      region.forEach((regionLine, position) => {
        const cells = new Map<number, string>();
        for (const segment of regionLine.segments) {
          const column = columnOf(anchors, segment.x);
          cells.set(column, [cells.get(column), segment.text].filter(Boolean).join(" "));
        }
        const second = cells.get(1) ?? "";
        const startsRow =
          position === 0 ||
          (forcedHeaderLines > 0 && position === forcedHeaderLines) ||
          (position >= forcedHeaderLines &&
            (cells.has(0) || LETTER_ITEM.test(second) || /^[-–+•]\s/.test(second)));
        if (startsRow || !current) {
          if (current) rows.push(toRow(current, ++ordinal));
          current = anchors.map(() => []);
          if (rows.length === 0 && position > 0) headerLines = headerLines || position;
        }
        for (const [column, text] of cells) current[column]?.push(text);
      });
      if (current) rows.push(toRow(current, ++ordinal));
      if (!rememberedHeader && rows.length > 1) {
        rememberedHeader = { first: firstText, lineCount: countFirstRowLines(region, anchors) };
      }
      blocks.push({ kind: "table", rows, line: rows[0]?.line ?? ordinal });
      index = cursor;
      continue;
    }
    if (line.segments.length === 2) {
      const [left, right] = line.segments as [Segment, Segment];
      const split = (left.end + right.x) / 2;
      const columns: string[][] = [[left.text], [right.text]];
      let cursor = index + 1;
      let previous = line;
      while (cursor < content.length) {
        const next = content[cursor]!;
        if (next.page !== previous.page || previous.y - next.y > 2.5 * next.size) break;
        if (next.segments.length > 2) break;
        const sides = next.segments.map((segment) =>
          segment.end <= split ? 0 : segment.x >= split ? 1 : -1,
        );
        if (sides.includes(-1)) break;
        if (next.segments.length === 2 && sides[0] === sides[1]) break;
        next.segments.forEach((segment, position) => columns[sides[position]!]?.push(segment.text));
        previous = next;
        cursor += 1;
      }
      const row: DocumentTableRow = {
        cells: columns.map((column) => column.join("\n")),
        line: ++ordinal,
      };
      blocks.push({ kind: "table", rows: [row], line: row.line });
      index = cursor;
      continue;
    }
    const segment = line.segments[0];
    if (segment) {
      blocks.push({
        kind: "paragraph",
        text: segment.text,
        line: ++ordinal,
        continues: segment.end >= rightMargin - 2 * line.size,
      });
    }
    index += 1;
  }
  return { format: "pdf", blocks };
}

function countFirstRowLines(region: PdfLine[], anchors: number[]): number {
  for (let position = 1; position < region.length; position += 1) {
    const line = region[position]!;
    if (line.segments.some((segment) => columnOf(anchors, segment.x) === 0)) return position;
  }
  return region.length;
}

function toRow(cells: string[][], line: number): DocumentTableRow {
  return { cells: cells.map((parts) => parts.join("\n")), line };
}

export async function readPdf(buffer: Buffer): Promise<PlanDocument> {
  return linesToDocument(await extractPdfLines(buffer));
}
