/**
 * The PAR Index scorecard as a Word file in the ND 30/2020 format, on landscape A4 pages: the
 * header block, "Số:      /BC-UBND", place and date, the title "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ
 * SỐ CẢI CÁCH HÀNH CHÍNH NĂM …", the table area → criterion → sub-criterion (maximum, self score,
 * appraised score, evidence, explanation), the totals and the signature block.
 */
import { Table, TableLayoutType, TableRow, WidthType } from "docx";
import { formatNumber, formatPercent } from "../../../core/text/number-format.ts";
import {
  A4_LANDSCAPE,
  documentBytes,
  documentSection,
  emptyLine,
  headerBlock,
  nd30Document,
  numberLine,
  placeAndDate,
  recipientsBlock,
  signatureBlock,
  titleBlock,
  type Issuer,
  type Signer,
} from "../nd30-kit/index.ts";
import { annexCell } from "../report-document/report-document.ts";

/** One row of the table: a group (area, criterion) or a leaf, as the scorecard page shows it. */
export interface ScorecardDocumentRow {
  code: string;
  name: string;
  /** 1 for an area, 2 for a criterion, … */
  depth: number;
  maxPoints: number;
  /** null: not scored; "KPS" (không phát sinh) when not applicable. */
  self: { points: number; applicable: boolean } | null;
  appraised: { points: number; applicable: boolean } | null;
  /** "05/BB-UBND — Biên bản kiểm tra.pdf", one per file. */
  evidence: string[];
  /** The explanation, an override's reason, the reviewer's note. */
  notes: string[];
}

export interface ScorecardDocumentInput {
  issuer: Issuer & { nameInText: string };
  place: string;
  /** The day the card was (last) submitted; null while a draft (the day is left blank). */
  issuedOn: string | null;
  year: number;
  methodology: { name: string; version: string; scale: number };
  rows: ScorecardDocumentRow[];
  totals: {
    self: number;
    selfIndex: number;
    appraised: number | null;
    appraisedIndex: number | null;
  };
  recipients: string[];
  signer: Signer;
}

/** The scorecard's number is given when it is sent with its report: "Số:      /BC-UBND". */
export const SCORECARD_NUMBER = { number: null, symbol: "BC-UBND" } as const;

export function scorecardTitle(year: number): string {
  return `BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year}`;
}

export const SCORECARD_COLUMNS = [
  "TT",
  "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
  "Điểm tối đa",
  "Điểm tự chấm",
  "Điểm thẩm định",
  "Tài liệu kiểm chứng",
  "Giải trình, ý kiến thẩm định",
] as const;

const SHARES = [0.07, 0.31, 0.07, 0.07, 0.08, 0.22] as const;

/** Column widths in twips over the landscape text width; the last column takes the rest. */
export function scorecardColumnWidths(total = A4_LANDSCAPE.textWidth): number[] {
  const widths = SHARES.map((share) => Math.round(total * share));
  return [...widths, total - widths.reduce((a, b) => a + b, 0)];
}

const points = (value: number) =>
  formatNumber(value, { maxFractionDigits: 2, minFractionDigits: 0 });

/** "2", "1,5", "KPS" (không phát sinh), or "" when not scored. */
export function scoreText(score: { points: number; applicable: boolean } | null): string {
  if (!score) return "";
  return score.applicable ? points(score.points) : "KPS";
}

function scoreTable(input: ScorecardDocumentInput): Table {
  const widths = scorecardColumnWidths();
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: SCORECARD_COLUMNS.map((title, i) => annexCell(title, widths[i]!, true, true)),
  });
  const body = input.rows.map((row) => {
    const bold = row.depth === 1;
    const values: (string | string[])[] = [
      row.code,
      row.name,
      points(row.maxPoints),
      scoreText(row.self),
      scoreText(row.appraised),
      row.evidence,
      row.notes,
    ];
    return new TableRow({
      // A row with a long list of files may break across pages; others keep together.
      cantSplit: row.evidence.length < 6,
      children: values.map((value, i) => annexCell(value, widths[i]!, bold, i !== 1 && i < 5)),
    });
  });
  const { totals } = input;
  const totalRows = [
    [
      "",
      "Tổng điểm",
      points(input.methodology.scale),
      points(totals.self),
      totals.appraised === null ? "" : points(totals.appraised),
      "",
      "",
    ],
    [
      "",
      "Chỉ số cải cách hành chính (%)",
      "100%",
      formatPercent(totals.selfIndex),
      totals.appraisedIndex === null ? "" : formatPercent(totals.appraisedIndex),
      "",
      "",
    ],
  ].map(
    (values) =>
      new TableRow({
        cantSplit: true,
        children: values.map((value, i) => annexCell(value, widths[i]!, true, i !== 1)),
      }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: A4_LANDSCAPE.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...body, ...totalRows],
  });
}

/** The scorecard as one Word file on landscape A4 pages. */
export function generateScorecardDocument(input: ScorecardDocumentInput): Promise<Buffer> {
  const format = A4_LANDSCAPE;
  const children = [
    headerBlock(
      {
        issuer: input.issuer,
        number: numberLine(SCORECARD_NUMBER),
        placeAndDate: placeAndDate(input.place, input.issuedOn, input.year),
      },
      format,
    ),
    ...titleBlock(
      {
        type: scorecardTitle(input.year),
        summary: `của ${input.issuer.nameInText}`,
        notes: [
          `(Theo bộ chỉ số “${input.methodology.name}”, phiên bản ${input.methodology.version})`,
        ],
      },
      format,
    ),
    emptyLine(),
    scoreTable(input),
    emptyLine(),
    signatureBlock(
      { left: recipientsBlock(input.recipients, format), signer: input.signer },
      format,
    ),
  ];
  return documentBytes(
    nd30Document({
      creator: input.issuer.nameInText,
      title: scorecardTitle(input.year),
      description: input.methodology.name,
      format,
      sections: [documentSection(children, format)],
    }),
  );
}
