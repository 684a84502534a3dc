import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
  type FileChild,
  type ISectionOptions,
} from "docx";
import {
  A4_LANDSCAPE,
  appendixHeading,
  appendixName,
  documentSection,
  run,
} from "../nd30-kit/index.ts";
import { APPENDIX_COLUMNS, appendixRows, type AppendixRow } from "./appendix-rows.ts";
import type { AppendixInput, PlanDocumentInput } from "./plan-document-input.ts";
import { attachedToLine } from "./plan-issuer-text.ts";

const LANDSCAPE_TEXT_WIDTH = A4_LANDSCAPE.textWidth;

/** Column shares of the landscape text width: TT, content, lead, supporting, timeline, product. */
const COLUMN_SHARES = [0.05, 0.32, 0.15, 0.17, 0.14, 0.17] as const;

export function appendixColumnWidths(): number[] {
  const widths = COLUMN_SHARES.map((share) => Math.floor(LANDSCAPE_TEXT_WIDTH * share));
  const rest = LANDSCAPE_TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths.map((width, index) => (index === 1 ? width + rest : width));
}

/**
 * One appendix on landscape pages: "Phụ lục I" (14 pt bold), its title in capitals, the
 * "(Kèm theo …)" line in italics (the decision when the plan is issued with one, else the plan,
 * naming the same issuer as the plan), and the task table whose header row repeats on every page.
 */
export function appendixSection(
  input: PlanDocumentInput,
  appendix: AppendixInput,
  index: number,
): ISectionOptions {
  const children: FileChild[] = [
    ...appendixHeading(appendixName(index), appendix.title, attachedToLine(input)),
    appendixTable(appendixRows(appendix)),
  ];
  return documentSection(children, A4_LANDSCAPE);
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const CELL_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

function cellParagraph(text: string, bold: boolean, alignment: "center" | "left"): Paragraph {
  return new Paragraph({
    alignment: alignment === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 40, after: 40 },
    children: [run(text, { bold, size: A4_LANDSCAPE.sizes.table })],
  });
}

function cell(
  text: string,
  width: number,
  options: { bold?: boolean; alignment?: "center" | "left"; columnSpan?: number } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    margins: { left: 80, right: 80, top: 0, bottom: 0 },
    verticalAlign: VerticalAlign.CENTER,
    columnSpan: options.columnSpan,
    children: text
      .split("\n")
      .map((part) => cellParagraph(part, options.bold ?? false, options.alignment ?? "left")),
  });
}

export function appendixTable(rows: readonly AppendixRow[]): Table {
  const widths = appendixColumnWidths();
  const width = (index: number): number => widths[index] ?? 0;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: APPENDIX_COLUMNS.map((title, index) =>
      cell(title, width(index), { bold: true, alignment: "center" }),
    ),
  });
  const body = rows.map((row) =>
    row.kind === "section"
      ? new TableRow({
          cantSplit: true,
          children: [
            cell(row.label, width(0), { bold: true, alignment: "center" }),
            cell(row.title, LANDSCAPE_TEXT_WIDTH - width(0), { bold: true, columnSpan: 5 }),
          ],
        })
      : new TableRow({
          children: [
            cell(row.label, width(0), { alignment: "center" }),
            cell(row.content, width(1)),
            cell(row.lead, width(2)),
            cell(row.supporting, width(3)),
            cell(row.timeline, width(4), { alignment: "center" }),
            cell(row.deliverable, width(5)),
          ],
        }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...body],
  });
}
