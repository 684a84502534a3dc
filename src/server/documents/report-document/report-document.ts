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
} from "docx";
import {
  NARRATIVE_SECTION_LABELS,
  NARRATIVE_SECTIONS,
  NO_DATA_TEXT,
  parScoreText,
  pointsText,
  type ReportFigures,
} from "../../../core/report/report-figures.ts";
import { formatVietnameseDate } from "../../../core/time/vietnam-time.ts";
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  appendixHeading,
  appendixName,
  bodyParagraph,
  dateInText,
  documentBytes,
  documentSection,
  emptyLine,
  headerBlock,
  heading,
  line,
  lowerFirst,
  nd30Document,
  numberAndSymbol,
  numberLine,
  placeAndDate,
  recipientsBlock,
  romanNumeral,
  run,
  signatureBlock,
  titleBlock,
} from "../nd30-kit/index.ts";
import type { ReportDocumentInput } from "./report-document-input.ts";
import { annexTables, PAR_ANNEX_TITLE, type AnnexTable } from "./report-tables.ts";

/** A report's number is given when it is sent: printed "Số:      /BC-UBND". */
export const REPORT_NUMBER = { number: null, symbol: "BC-UBND" } as const;

/** "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026". */
export function reportSummary(input: ReportDocumentInput): string {
  return `Kết quả thực hiện công tác cải cách hành chính ${lowerFirst(input.periodLabel)}`;
}

/** "(Kèm theo Báo cáo số      /BC-UBND ngày … của Ủy ban nhân dân phường …)". */
export function reportAttachedToLine(input: ReportDocumentInput): string {
  return `(Kèm theo Báo cáo số ${numberAndSymbol(REPORT_NUMBER)} ${dateInText(input.issuedOn, input.year)} của ${input.issuer.nameInText})`;
}

/** The body's PAR section: heading and paragraphs; none for a version frozen without it. */
export function parBodySection(f: ReportFigures): { heading: string; paragraphs: string[] } | null {
  const par = f.par;
  if (!par) return null;
  const heading = `Kết quả tự chấm điểm Chỉ số cải cách hành chính năm ${par.year}`;
  const score = parScoreText(par);
  if (score === null) {
    return {
      heading,
      paragraphs: [
        `${NO_DATA_TEXT}: đơn vị chưa mở phiếu tự chấm điểm Chỉ số cải cách hành chính năm ${par.year} trên hệ thống.`,
      ],
    };
  }
  const annex = appendixName(annexTables(f).findIndex((t) => t.title.startsWith(PAR_ANNEX_TITLE)));
  return {
    heading,
    paragraphs: [
      `Tính đến ngày ${formatVietnameseDate(f.period.asOf)}, tổng điểm tự chấm${par.methodologyName ? ` theo bộ chỉ số “${par.methodologyName}”` : ""} đạt ${score}${par.appraisedTotal !== null ? `; điểm thẩm định ${pointsText(par.appraisedTotal)} điểm` : ""}. Điểm theo từng lĩnh vực tại ${annex}:`,
      ...par.areas.map(
        (area) =>
          `- ${area.name}: ${pointsText(area.selfPoints)}/${pointsText(area.max)} điểm${area.appraisedPoints !== null ? ` (thẩm định ${pointsText(area.appraisedPoints)})` : ""}.`,
      ),
    ],
  };
}

/** The body's numbered sections: the narrative, with the PAR self-score after the results. */
function bodySections(input: ReportDocumentInput) {
  const narrative = NARRATIVE_SECTIONS.map((section) => ({
    heading: NARRATIVE_SECTION_LABELS[section],
    paragraphs: (input.narrative[section] ?? "")
      .split(/\n+/)
      .map((text) => text.trim())
      .filter(Boolean),
  }));
  const par = parBodySection(input.figures);
  return par ? [narrative[0]!, par, ...narrative.slice(1)] : narrative;
}

function mainSection(input: ReportDocumentInput) {
  const children: FileChild[] = [
    headerBlock(
      {
        issuer: input.issuer,
        number: numberLine(REPORT_NUMBER),
        placeAndDate: placeAndDate(input.place, input.issuedOn, input.year),
      },
      A4_PORTRAIT,
    ),
    emptyLine(),
    ...titleBlock({ type: "BÁO CÁO", summary: reportSummary(input) }, A4_PORTRAIT),
    emptyLine(),
    bodyParagraph(
      `Thực hiện yêu cầu về ${lowerFirst(input.kindName)}, ${input.issuer.nameInText} báo cáo kết quả thực hiện công tác cải cách hành chính ${lowerFirst(input.periodLabel)} (số liệu tính đến ngày ${dateInText(input.figures.period.asOf).replace(/^ngày /, "")}) như sau:`,
    ),
    ...bodySections(input).flatMap((section, index) => [
      heading(`${romanNumeral(index + 1)}. ${section.heading.toLocaleUpperCase("vi")}`),
      ...section.paragraphs.map((text) => bodyParagraph(text)),
    ]),
    bodyParagraph(
      `(Số liệu chi tiết tại ${annexTables(input.figures)
        .map((_, index) => appendixName(index))
        .join(", ")} kèm theo.)`,
      { italics: true },
    ),
    bodyParagraph(
      `Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${lowerFirst(input.periodLabel)} của ${input.issuer.nameInText}./.`,
    ),
    emptyLine(),
    signatureBlock(
      { left: recipientsBlock(input.recipients, A4_PORTRAIT), signer: input.signer },
      A4_PORTRAIT,
    ),
  ];
  return documentSection(children, A4_PORTRAIT);
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const CELL_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/**
 * A bordered cell of an annex table on a landscape page, in the table type size; several lines
 * (a list of evidence) print as one paragraph each.
 */
export function annexCell(
  text: string | readonly string[],
  width: number,
  bold: boolean,
  centred: boolean,
): TableCell {
  const lines = typeof text === "string" ? [text] : text.length > 0 ? text : [""];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    margins: { left: 80, right: 80, top: 0, bottom: 0 },
    verticalAlign: VerticalAlign.CENTER,
    children: lines.map(
      (content) =>
        new Paragraph({
          alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 40, after: 40 },
          children: [run(content, { bold, size: A4_LANDSCAPE.sizes.table })],
        }),
    ),
  });
}

/** Column widths: a narrow "TT", a wide label column, the rest shared equally. */
export function annexColumnWidths(columns: number): number[] {
  const total = A4_LANDSCAPE.textWidth;
  const tt = Math.round(total * 0.06);
  if (columns === 3) return [tt, Math.round(total * 0.6), total - tt - Math.round(total * 0.6)];
  const label = Math.round(total * 0.3);
  const rest = Math.floor((total - tt - label) / (columns - 2));
  const widths = [tt, label, ...Array.from({ length: columns - 2 }, () => rest)];
  widths[1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

export function annexTable(table: AnnexTable): Table {
  const widths = annexColumnWidths(table.columns.length);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((title, i) => annexCell(title, widths[i]!, true, true)),
  });
  const rows = table.rows.map(
    (values) =>
      new TableRow({
        cantSplit: true,
        children: values.map((value, i) =>
          annexCell(value, widths[i]!, values[0] === "" && i === 1, i !== 1),
        ),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: A4_LANDSCAPE.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...rows],
  });
}

/** Annex tables on landscape pages, one section each, under "(Kèm theo Báo cáo số …)". */
export function annexSections(tables: readonly AnnexTable[], attachedToLine: string) {
  return tables.map((table, index) =>
    documentSection(
      [
        ...appendixHeading(appendixName(index), table.title, attachedToLine),
        annexTable(table),
        ...(table.note
          ? [
              line(table.note, {
                italics: true,
                alignment: "left",
                spacingBefore: 120,
                size: A4_LANDSCAPE.sizes.table,
              }),
            ]
          : []),
      ],
      A4_LANDSCAPE,
    ),
  );
}

/** The report as one Word file in the ND 30/2020 format, its annexes on landscape pages. */
export function generateReportDocument(input: ReportDocumentInput): Promise<Buffer> {
  return documentBytes(
    nd30Document({
      creator: input.issuer.nameInText,
      title: `Báo cáo ${reportSummary(input)}`,
      description: input.kindName,
      format: A4_PORTRAIT,
      sections: [
        mainSection(input),
        ...annexSections(annexTables(input.figures), reportAttachedToLine(input)),
      ],
    }),
  );
}
