/**
 * Turns an HTML fragment (an HTML table pasted into a text file) into document blocks:
 * paragraphs and tables. Cell fragments such as <p> and <ul><li> are kept as text lines inside
 * the cell. A small tolerant tokenizer: never throws on bad markup. (Word files are read from
 * their XML by word-document.ts.)
 */
import { cleanSpaces } from "./text-utils.ts";
import type { DocumentBlock, DocumentTable, DocumentTableRow } from "./document-model.ts";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000
        ? String.fromCodePoint(code)
        : match;
    }
    return ENTITIES[body.toLowerCase()] ?? match;
  });
}

interface ListState {
  ordered: boolean;
  count: number;
}

interface CellBuilder {
  lines: string[];
  current: string;
}

interface TableBuilder {
  rows: DocumentTableRow[];
  row: { cells: string[]; isHeader: boolean } | null;
  cell: CellBuilder | null;
  line: number;
}

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;

/**
 * Converts HTML into blocks. `nextLine` numbers each paragraph and each table row in order,
 * starting at `firstLine`.
 */
export function htmlToBlocks(html: string, firstLine = 1): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let lineNumber = firstLine;
  let paragraphText = "";
  const lists: ListState[] = [];
  const tables: TableBuilder[] = [];

  const flushParagraph = (): void => {
    const text = cleanSpaces(paragraphText);
    paragraphText = "";
    if (!text) return;
    const table = tables[tables.length - 1];
    if (table) {
      appendToCell(table, text);
      return;
    }
    blocks.push({ kind: "paragraph", text, line: lineNumber++ });
  };

  const appendToCell = (table: TableBuilder, text: string): void => {
    if (!table.cell) {
      if (!table.row) table.row = { cells: [], isHeader: false };
      table.cell = { lines: [], current: "" };
    }
    table.cell.lines.push(text);
  };

  const closeCell = (table: TableBuilder): void => {
    if (!table.cell) return;
    if (paragraphText.trim()) {
      table.cell.lines.push(cleanSpaces(paragraphText));
      paragraphText = "";
    }
    if (!table.row) table.row = { cells: [], isHeader: false };
    table.row.cells.push(table.cell.lines.join("\n"));
    table.cell = null;
  };

  const closeRow = (table: TableBuilder): void => {
    closeCell(table);
    if (!table.row) return;
    const row: DocumentTableRow = { cells: table.row.cells, line: lineNumber++ };
    if (table.row.isHeader) row.isHeader = true;
    table.rows.push(row);
    table.row = null;
  };

  const listPrefix = (): string => {
    const list = lists[lists.length - 1];
    if (!list) return "- ";
    list.count += 1;
    return list.ordered ? `${list.count}. ` : "- ";
  };

  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawName, , text, lone] = match;
    if (text !== undefined || lone !== undefined) {
      paragraphText += decodeEntities(text ?? lone ?? "");
      continue;
    }
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    const isClosing = closing === "/";
    const table = tables[tables.length - 1];
    switch (name) {
      case "table":
        if (!isClosing) {
          if (table && tables.length >= 1) {
            // Nested table: flatten into the enclosing cell.
            flushParagraph();
          }
          flushParagraph();
          tables.push({ rows: [], row: null, cell: null, line: lineNumber });
        } else if (table) {
          closeRow(table);
          tables.pop();
          const parent = tables[tables.length - 1];
          if (parent) {
            const flat = table.rows.map((row) => row.cells.join(" | ")).join("\n");
            if (flat) appendToCell(parent, flat);
          } else if (table.rows.length > 0) {
            const block: DocumentTable = { kind: "table", rows: table.rows, line: table.line };
            blocks.push(block);
          }
        }
        break;
      case "tr":
        if (table) {
          closeRow(table);
          if (!isClosing) table.row = { cells: [], isHeader: false };
        }
        break;
      case "td":
      case "th":
        if (table) {
          if (!isClosing) {
            closeCell(table);
            if (!table.row) table.row = { cells: [], isHeader: false };
            if (name === "th") table.row.isHeader = true;
            table.cell = { lines: [], current: "" };
          } else {
            closeCell(table);
          }
        }
        break;
      case "ul":
      case "ol":
        flushParagraph();
        if (!isClosing) lists.push({ ordered: name === "ol", count: 0 });
        else lists.pop();
        break;
      case "li":
        flushParagraph();
        if (!isClosing) paragraphText = listPrefix();
        break;
      case "br":
        if (tables.length > 0) flushParagraph();
        else paragraphText += "\n";
        break;
      case "p":
      case "div":
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
      case "blockquote":
        if (paragraphText.includes("\n") && tables.length === 0) {
          const parts = paragraphText.split("\n");
          paragraphText = "";
          for (const part of parts) {
            paragraphText = part;
            flushParagraph();
          }
        } else {
          flushParagraph();
        }
        break;
      default:
        break;
    }
  }
  if (paragraphText.includes("\n") && tables.length === 0) {
    for (const part of paragraphText.split("\n")) {
      paragraphText = part;
      flushParagraph();
    }
  } else {
    flushParagraph();
  }
  while (tables.length > 0) {
    const table = tables.pop()!;
    closeRow(table);
    if (table.rows.length > 0) blocks.push({ kind: "table", rows: table.rows, line: table.line });
  }
  return blocks;
}
