import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from "docx";
import { lineHeight, millimetresToTwips, run, wrappedLineCount } from "../nd30-kit/index.ts";

/**
 * "Thành phần hồ sơ" of Mẫu 01 as the circulars print it: a ruled table of TT, the document's
 * name, its form (bản chính / bản sao / bản sao chứng thực) and the number of copies, at the size
 * the receipt gives it (it shrinks the list, not the rest, to keep one A5 page).
 */
export interface ReceivedDocumentRow {
  name: string;
  formLabel?: string;
  copies: number;
}

/** Rows left for the officer to fill in by hand when the dossier records no documents. */
const BLANK_ROWS = 3;
/** A hand-written row needs about 7 mm. */
const BLANK_ROW_HEIGHT = millimetresToTwips(7);
const GRID = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID };
/** Text 1 mm from the rules left and right, none above and below: the compact table. */
const CELL_MARGIN = millimetresToTwips(1);
/** A row's rules, in twips (½ pt each). */
const ROW_RULES = 10;
const HEADINGS = ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"];
const two = (n: number) => String(n).padStart(2, "0");

/**
 * Widths of TT (8 mm), name (the rest), form (20 mm) and copies (13 mm), in twips: at 12 pt "TT"
 * keeps one line and "Số lượng" breaks only between its words.
 */
function columns(width: number): [number, number, number, number] {
  const number = millimetresToTwips(8);
  const form = millimetresToTwips(20);
  const copies = millimetresToTwips(13);
  return [number, width - number - form - copies, form, copies];
}

/** The cells' texts of each row, headings first; blanks when no documents are listed. */
function rowTexts(documents: readonly ReceivedDocumentRow[]): string[][] {
  const body =
    documents.length > 0
      ? documents.map((doc, i) => [String(i + 1), doc.name, doc.formLabel ?? "", two(doc.copies)])
      : Array.from({ length: BLANK_ROWS }, (_, i) => [String(i + 1), "", "", ""]);
  return [HEADINGS, ...body];
}

const ALIGN = [
  AlignmentType.CENTER,
  AlignmentType.LEFT,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
];

/** The documents table, `width` twips wide, its text at `size` half-points. */
export function receivedDocumentsTable(
  documents: readonly ReceivedDocumentRow[],
  size: number,
  width: number,
): Table {
  const widths = columns(width);
  const blank = documents.length === 0;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: rowTexts(documents).map(
      (texts, index) =>
        new TableRow({
          tableHeader: index === 0,
          cantSplit: true,
          ...(blank && index > 0
            ? { height: { value: BLANK_ROW_HEIGHT, rule: HeightRule.ATLEAST } }
            : {}),
          children: texts.map(
            (text, column) =>
              new TableCell({
                width: { size: widths[column] ?? 0, type: WidthType.DXA },
                borders: BORDERS,
                margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
                verticalAlign: VerticalAlign.CENTER,
                children: [
                  new Paragraph({
                    alignment: index === 0 ? AlignmentType.CENTER : ALIGN[column],
                    spacing: { before: 0, after: 0 },
                    children: [run(text, { size, bold: index === 0 })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** Estimated printed height of `receivedDocumentsTable(…)`, in twips. */
export function receivedDocumentsTableHeight(
  documents: readonly ReceivedDocumentRow[],
  size: number,
  width: number,
): number {
  const widths = columns(width);
  const blank = documents.length === 0;
  return rowTexts(documents).reduce((sum, texts, index) => {
    const lines = Math.max(
      ...texts.map((text, column) =>
        wrappedLineCount(
          [{ text, bold: index === 0 }],
          (widths[column] ?? 0) - 2 * CELL_MARGIN,
          size,
        ),
      ),
    );
    const height = lines * lineHeight(size);
    return sum + ROW_RULES + (blank && index > 0 ? Math.max(height, BLANK_ROW_HEIGHT) : height);
  }, 0);
}
