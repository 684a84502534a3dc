/**
 * Assembles source lines into paragraphs. Word-to-text conversion and PDF text layers break
 * paragraphs into lines (sometimes with blank lines in the middle); this joins a line to the
 * previous one when it clearly continues it, and never across a structural marker.
 */
import type { DocumentFormat, DocumentTable, PlanDocument } from "./document-model.ts";
import { isRomanNumeral, NUMBERED_HEADING, ROMAN_HEADING, startsParagraph } from "./markers.ts";
import { cleanSpaces, isUpperCaseLine, startsLowercase, stripMarkdown } from "./text-utils.ts";

export interface Paragraph {
  kind: "para";
  text: string;
  line: number;
}

export interface TableItem {
  kind: "table";
  table: DocumentTable;
}

export type Item = Paragraph | TableItem;

interface PendingLine {
  text: string;
  line: number;
  continues: boolean | undefined;
}

const TERMINAL = /(?:[.;:!?…]|\.\/\.)["”'’)\]]*$/u;

function isTerminal(text: string): boolean {
  return TERMINAL.test(text);
}

function isHeadingLike(text: string): boolean {
  if (text.length > 120 || isTerminal(text)) return false;
  const roman = ROMAN_HEADING.exec(text);
  if (roman && isRomanNumeral(roman[1] ?? "")) return true;
  return NUMBERED_HEADING.test(text);
}

/** Decides whether `next` continues `previous` (both already cleaned). */
export function continuesParagraph(
  previous: PendingLine,
  next: string,
  blankBetween: boolean,
  format: DocumentFormat,
): boolean {
  // "kinh tế" + "- xã hội …": a compound's dash wrapped to the start of a line, not a bullet.
  if (format !== "docx" && !blankBetween && /^[-–]\s+\p{Ll}/u.test(next)) {
    const prev = previous.text;
    if (!isTerminal(prev) && !isUpperCaseLine(prev) && !isHeadingLike(prev)) return true;
  }
  if (startsParagraph(next)) return false;
  const lower = startsLowercase(next);
  if (format === "docx") return lower && !blankBetween;
  if (previous.continues !== undefined && !blankBetween) {
    if (isUpperCaseLine(previous.text) !== isUpperCaseLine(next)) return lower;
    return previous.continues || lower;
  }
  const prev = previous.text;
  if (blankBetween) {
    if (lower) return true;
    return (
      !isTerminal(prev) &&
      prev.length >= 60 &&
      !isUpperCaseLine(prev) &&
      !isUpperCaseLine(next) &&
      !isHeadingLike(prev)
    );
  }
  const prevCaps = isUpperCaseLine(prev);
  const nextCaps = isUpperCaseLine(next);
  if (prevCaps && nextCaps) return !isTerminal(prev);
  if (prevCaps !== nextCaps) return false;
  if (lower) return true;
  if (isTerminal(prev) || isHeadingLike(prev)) return false;
  return true;
}

function joinText(previous: string, next: string): string {
  if (/[-–]$/.test(previous) && /^\p{Ll}/u.test(next) && !/\s[-–]$/.test(previous)) {
    // A word or a code split at a hyphen ("01/2023/TT-" + "VPCP") is joined without a space.
    return previous + next;
  }
  return `${previous} ${next}`;
}

/** Joins a run of lines into paragraphs. */
export function assembleLines(
  lines: { text: string; line: number; continues?: boolean }[],
  format: DocumentFormat,
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let pending: PendingLine | null = null;
  let blank = false;
  const flush = (): void => {
    if (pending) paragraphs.push({ kind: "para", text: pending.text, line: pending.line });
    pending = null;
  };
  for (const source of lines) {
    const text = cleanSpaces(stripMarkdown(source.text));
    if (!text) {
      blank = true;
      continue;
    }
    if (pending && continuesParagraph(pending, text, blank, format)) {
      const current: PendingLine = pending;
      current.text = joinText(current.text, text);
      current.continues = source.continues;
    } else {
      flush();
      pending = { text, line: source.line, continues: source.continues };
    }
    blank = false;
  }
  flush();
  return paragraphs;
}

/**
 * Walks the document: paragraph lines are assembled, tables the caller recognises as data
 * tables are kept, other tables (layout tables such as a Word header block) are flattened into
 * paragraphs cell by cell.
 */
export function assembleDocument(
  document: PlanDocument,
  isDataTable: (table: DocumentTable) => boolean,
): Item[] {
  const items: Item[] = [];
  let run: { text: string; line: number; continues?: boolean }[] = [];
  const flushRun = (): void => {
    if (run.length > 0) items.push(...assembleLines(run, document.format));
    run = [];
  };
  for (const block of document.blocks) {
    if (block.kind === "paragraph") {
      const entry: { text: string; line: number; continues?: boolean } = {
        text: block.text,
        line: block.line,
      };
      if (block.continues !== undefined) entry.continues = block.continues;
      // A paragraph holding soft line breaks is split into its lines.
      const parts = block.text.split("\n");
      if (parts.length > 1) {
        for (const part of parts) run.push({ text: part, line: block.line });
      } else {
        run.push(entry);
      }
      continue;
    }
    flushRun();
    if (isDataTable(block)) {
      items.push({ kind: "table", table: block });
      continue;
    }
    for (const row of block.rows) {
      for (const cell of row.cells) {
        const cellLines = cell.split("\n").map((text) => ({ text, line: row.line }));
        items.push(...assembleLines(cellLines, document.format === "docx" ? "text" : "text"));
      }
    }
  }
  flushRun();
  return items;
}
