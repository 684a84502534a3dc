import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
  type FileChild,
} from "docx";
import {
  REGISTER_PRINT_HEADINGS as H,
  registerBookNumber,
  registerPrintBooks,
  registerPrintCells,
  registerPrintPeriodText,
  type RegisterPrintDossier,
  type RegisterPrintPeriod,
} from "../../../core/dossier/index.ts";
import {
  A4_LANDSCAPE,
  documentBytes,
  documentSection,
  headerBlock,
  line,
  millimetresToTwips,
  nd30Document,
  run,
  spacer,
} from "../nd30-kit/index.ts";

/**
 * The printed register book (Sổ theo dõi hồ sơ, TT 01/2018/TT-VPCP Mẫu số 06, printed on A4; TT
 * 03/2025 lists it as Mẫu số 07 without a layout we could read, so Mẫu 06's columns are kept):
 * A4 landscape, the ND 30 header (UBND of the unit over the receiving body; Quốc hiệu, Tiêu ngữ),
 * the title with the book number and the period, then one ruled table whose two heading rows
 * repeat on every page. The type is 10 pt in the table (13 columns on 252 mm), the header as
 * ND 30 gives it.
 */
export const REGISTER_FORMAT = A4_LANDSCAPE;

export interface RegisterBookDocumentInput {
  /** "Phường Bãi Cháy" */
  unitName: string;
  /** The receiving body: see `receivingBodyName`. */
  receivingBody: string;
  period: RegisterPrintPeriod;
  /** The books the period's lines are in ("01/2026"), in order; the header names them. */
  books: readonly { year: number; book: number }[];
  /** The lines of this file, in the book's order. */
  dossiers: readonly RegisterPrintDossier[];
  /** This file's part and the number of parts (a long period is printed in parts). */
  part: number;
  parts: number;
  /** Lines in the whole period (all parts). */
  total: number;
}

/** Table text: 10 pt. */
const SIZE = 20;
const GRID = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID };
const CELL_MARGIN = millimetresToTwips(0.8);
const mm = millimetresToTwips;

/**
 * Column widths (252 mm between A4 landscape's ND 30 margins): STT (12 mm: a six-digit line on one
 * line), code (26 mm: the code breaks once, after its agency part), procedure, sets, name,
 * address and phone, agency, the five dates (18 mm: "05/03/2026" at 10 pt on one line), note.
 */
const WIDTHS = [12, 26, 30, 11, 23, 25, 19, 18, 18, 18, 18, 18, 16].map(mm);
const DATE_COLUMNS = 5;
const FIRST_DATE = 7;

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

const ALIGN: Alignment[] = [
  AlignmentType.CENTER,
  AlignmentType.LEFT,
  AlignmentType.LEFT,
  AlignmentType.CENTER,
  AlignmentType.LEFT,
  AlignmentType.LEFT,
  AlignmentType.LEFT,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
  AlignmentType.LEFT,
];

const upper = (text: string) => text.toLocaleUpperCase("vi");
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function cell(
  text: string,
  width: number,
  options: {
    bold?: boolean;
    italics?: boolean;
    align?: Alignment;
    columnSpan?: number;
    verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType];
  } = {},
) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: BORDERS,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    verticalAlign: VerticalAlign.CENTER,
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    ...(options.verticalMerge ? { verticalMerge: options.verticalMerge } : {}),
    children: [
      new Paragraph({
        alignment: options.align ?? AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        children: [run(text, { size: SIZE, bold: options.bold, italics: options.italics })],
      }),
    ],
  });
}

/** The two heading rows: the five dates under "Ngày, tháng, năm", the other columns merged down. */
function headingRows(): TableRow[] {
  const single = [H.number, H.code, H.procedure, H.sets, H.applicant, H.contact, H.agency];
  const dates = [H.received, H.due, H.handedOver, H.resultBack, H.returned];
  const datesWidth = sum(WIDTHS.slice(FIRST_DATE, FIRST_DATE + DATE_COLUMNS));
  const first = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      ...single.map((text, i) =>
        cell(text, WIDTHS[i]!, { bold: true, verticalMerge: VerticalMergeType.RESTART }),
      ),
      cell(H.dates, datesWidth, { bold: true, columnSpan: DATE_COLUMNS }),
      cell(H.note, WIDTHS[FIRST_DATE + DATE_COLUMNS]!, {
        bold: true,
        verticalMerge: VerticalMergeType.RESTART,
      }),
    ],
  });
  const second = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      ...single.map((_, i) => cell("", WIDTHS[i]!, { verticalMerge: VerticalMergeType.CONTINUE })),
      ...dates.map((text, i) => cell(text, WIDTHS[FIRST_DATE + i]!, { bold: true })),
      cell("", WIDTHS[FIRST_DATE + DATE_COLUMNS]!, { verticalMerge: VerticalMergeType.CONTINUE }),
    ],
  });
  // "(1) (2) … (13)": the columns' numbers, as official tables print them under their headings.
  const numbers = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: WIDTHS.map((width, i) => cell(`(${i + 1})`, width, { italics: true })),
  });
  return [first, second, numbers];
}

/** A row across the whole table: a book's start when the file covers two, or "no lines". */
function wideRow(text: string, options: { bold?: boolean; italics?: boolean }): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      cell(text, sum(WIDTHS), { ...options, columnSpan: WIDTHS.length, align: AlignmentType.LEFT }),
    ],
  });
}

function lineRows(dossiers: readonly RegisterPrintDossier[], manyBooks: boolean): TableRow[] {
  const rows: TableRow[] = [];
  let book: string | null = null;
  for (const dossier of dossiers) {
    const number = registerBookNumber(dossier.entry);
    if (manyBooks && number !== book) rows.push(wideRow(`Quyển số ${number}`, { bold: true }));
    book = number;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: registerPrintCells(dossier).map((text, i) =>
          cell(text, WIDTHS[i]!, { align: ALIGN[i] }),
        ),
      }),
    );
  }
  if (dossiers.length === 0) {
    rows.push(wideRow("Không có hồ sơ nào được vào sổ trong kỳ này.", { italics: true }));
  }
  return rows;
}

/** The register's table for `dossiers`, with its heading rows. */
export function registerTable(dossiers: readonly RegisterPrintDossier[], manyBooks: boolean) {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: sum(WIDTHS), type: WidthType.DXA },
    columnWidths: WIDTHS,
    rows: [...headingRows(), ...lineRows(dossiers, manyBooks)],
  });
}

/** The register's lines of a period (one part of it) as an A4 landscape .docx. */
export function registerBookDocx(input: RegisterBookDocumentInput): Promise<Buffer> {
  const format = REGISTER_FORMAT;
  const books = registerPrintBooks(input.books);
  const partText =
    input.parts > 1
      ? ` — Phần ${input.part}/${input.parts} (${input.total.toLocaleString("vi-VN")} hồ sơ)`
      : "";
  const children: FileChild[] = [
    headerBlock(
      {
        issuer: { upperName: `UBND ${upper(input.unitName)}`, name: upper(input.receivingBody) },
        number: null,
        placeAndDate: null,
      },
      format,
    ),
    line("SỔ THEO DÕI HỒ SƠ", {
      bold: true,
      size: 28,
      spacingBefore: format.titleSpacing,
    }),
    line(`Quyển số: ${books || "……"}`, { size: 26 }),
    line(`${registerPrintPeriodText(input.period)}${partText}`, {
      size: 26,
      italics: true,
      spacingAfter: 120,
    }),
    registerTable(input.dossiers, input.books.length > 1),
    spacer(0),
  ];
  return documentBytes(
    nd30Document({
      creator: "CCHC",
      title: `Sổ theo dõi hồ sơ — ${input.unitName} — ${registerPrintPeriodText(input.period)}`,
      format,
      sections: [documentSection(children, format)],
    }),
  );
}
