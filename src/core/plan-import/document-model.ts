/**
 * The normalised document model every reader produces (.txt/.md, .docx, .pdf) and the plan
 * parser consumes: paragraph lines and tables, in reading order, each with a source line number.
 */

/** One paragraph line. `text` may be empty (a blank line in a text file). */
export interface DocumentParagraph {
  kind: "paragraph";
  text: string;
  /** 1-based line in the source (text files) or ordinal of the block (Word, PDF). */
  line: number;
  /**
   * Layout hint from readers that know the geometry (PDF): true when the line runs to the right
   * margin, so the next line probably continues the same paragraph; false when it stops short.
   * Absent when unknown.
   */
  continues?: boolean;
}

export interface DocumentTableRow {
  /** Cell texts; a cell may hold several lines separated by "\n" (paragraphs, list items). */
  cells: string[];
  line: number;
  /** True for a header row marked as such by the source (Word header rows, Markdown). */
  isHeader?: boolean;
}

export interface DocumentTable {
  kind: "table";
  rows: DocumentTableRow[];
  line: number;
}

export type DocumentBlock = DocumentParagraph | DocumentTable;

export type DocumentFormat = "text" | "docx" | "pdf";

export interface PlanDocument {
  format: DocumentFormat;
  blocks: DocumentBlock[];
}

export function paragraph(text: string, line: number, continues?: boolean): DocumentParagraph {
  return continues === undefined
    ? { kind: "paragraph", text, line }
    : { kind: "paragraph", text, line, continues };
}
