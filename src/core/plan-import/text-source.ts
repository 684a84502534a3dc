/**
 * Plain text and Markdown into the document model: one paragraph per line (blank lines kept, they
 * separate paragraphs), tab-separated lines, Markdown tables and HTML tables into table rows.
 */
import type { DocumentBlock, DocumentTableRow, PlanDocument } from "./document-model.ts";
import { unflattenHeaderColumns } from "./header-columns.ts";
import { htmlToBlocks } from "./html-blocks.ts";

const MARKDOWN_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function markdownCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}

function isMarkdownRow(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith("|") && trimmed.indexOf("|", 1) > 0;
}

/** Splits text into lines, stripping a byte-order mark and accepting CRLF, CR and LF. */
export function splitLines(text: string): string[] {
  return text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
}

export function textToDocument(text: string): PlanDocument {
  const lines = splitLines(text);
  const blocks: DocumentBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const raw = lines[index] ?? "";
    const lineNumber = index + 1;

    if (/<table\b/i.test(raw)) {
      let end = index;
      while (end < lines.length && !/<\/table>/i.test(lines[end] ?? "")) end += 1;
      const chunk = lines.slice(index, Math.min(end + 1, lines.length)).join("\n");
      const before = raw.slice(0, raw.search(/<table\b/i));
      if (before.trim()) blocks.push({ kind: "paragraph", text: before, line: lineNumber });
      for (const block of htmlToBlocks(chunk, lineNumber)) {
        blocks.push(block.kind === "table" ? { ...block, line: lineNumber } : block);
      }
      index = end + 1;
      continue;
    }

    if (isMarkdownRow(raw)) {
      const rows: DocumentTableRow[] = [];
      let cursor = index;
      while (cursor < lines.length && isMarkdownRow(lines[cursor] ?? "")) {
        const current = lines[cursor] ?? "";
        if (MARKDOWN_SEPARATOR.test(current)) {
          const previous = rows[rows.length - 1];
          if (previous) previous.isHeader = true;
        } else {
          rows.push({ cells: markdownCells(current), line: cursor + 1 });
        }
        cursor += 1;
      }
      if (rows.length >= 2 || (rows[0]?.cells.length ?? 0) >= 3) {
        blocks.push({ kind: "table", rows, line: lineNumber });
        index = cursor;
        continue;
      }
    }

    if (raw.includes("\t")) {
      const rows: DocumentTableRow[] = [];
      let cursor = index;
      while (cursor < lines.length && (lines[cursor] ?? "").includes("\t")) {
        rows.push({ cells: (lines[cursor] ?? "").split("\t"), line: cursor + 1 });
        cursor += 1;
      }
      if (rows.length >= 2 || (rows[0]?.cells.length ?? 0) >= 3) {
        blocks.push({ kind: "table", rows, line: lineNumber });
        index = cursor;
        continue;
      }
      blocks.push({ kind: "paragraph", text: raw.replace(/\t+/g, " "), line: lineNumber });
      index += 1;
      continue;
    }

    blocks.push({ kind: "paragraph", text: raw, line: lineNumber });
    index += 1;
  }
  return { format: "text", blocks: unflattenHeaderColumns(blocks) };
}
