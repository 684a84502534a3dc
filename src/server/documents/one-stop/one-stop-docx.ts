import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
  type FileChild,
} from "docx";

/** One-stop forms (TT 01/2018, TT 03/2025) are printed on A5 (148 × 210 mm), Times New Roman. */
export const FONT = "Times New Roman";
export const A5 = { width: convertMillimetersToTwip(148), height: convertMillimetersToTwip(210) };
const MARGINS = {
  top: convertMillimetersToTwip(15),
  bottom: convertMillimetersToTwip(15),
  left: convertMillimetersToTwip(20),
  right: convertMillimetersToTwip(12),
};
/** Half-points. */
export const SIZE = { body: 24, small: 22, title: 26 };

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };

export function a5Section(children: FileChild[]): ISectionOptions {
  return {
    properties: { page: { size: { width: A5.width, height: A5.height }, margin: MARGINS } },
    children,
  };
}

export function text(
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
) {
  return new TextRun({ text: value, font: FONT, size: options.size ?? SIZE.body, ...options });
}

export function line(
  runs: (string | TextRun | ImageRun)[],
  options: { align?: "left" | "center" | "right" | "both"; after?: number; before?: number } = {},
) {
  const alignment = {
    left: AlignmentType.LEFT,
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
    both: AlignmentType.JUSTIFIED,
  }[options.align ?? "both"];
  return new Paragraph({
    alignment,
    spacing: { after: options.after ?? 60, before: options.before ?? 0 },
    children: runs.map((r) => (typeof r === "string" ? text(r) : r)),
  });
}

/** A label in normal weight followed by its value. */
export function field(label: string, value: string) {
  return line([text(`${label}: `), text(value, { bold: true })]);
}

function cell(children: Paragraph[], widthPercent: number) {
  return new TableCell({
    children,
    borders: NO_BORDERS,
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
  });
}

/** Issuing body on the left, national title and motto on the right (ND 30/2020 layout). */
export function headerBlock(
  issuer: { upper: string; body: string; number?: string },
  placeAndDate: string,
) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              line([text(issuer.upper.toUpperCase(), { size: SIZE.small })], {
                align: "center",
                after: 0,
              }),
              line([text(issuer.body.toUpperCase(), { bold: true, size: SIZE.small })], {
                align: "center",
              }),
              ...(issuer.number
                ? [line([text(issuer.number, { size: SIZE.small })], { align: "center" })]
                : []),
            ],
            42,
          ),
          cell(
            [
              line([text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: SIZE.small })], {
                align: "center",
                after: 0,
              }),
              line([text("Độc lập - Tự do - Hạnh phúc", { bold: true, size: SIZE.small })], {
                align: "center",
              }),
              line([text(placeAndDate, { italics: true, size: SIZE.small })], { align: "center" }),
            ],
            58,
          ),
        ],
      }),
    ],
  });
}

/** Two signature boxes side by side. */
export function signatures(left: string, right: string) {
  const box = (title: string) => [
    line([text(title, { bold: true })], { align: "center", after: 0 }),
    line([text("(Ký và ghi rõ họ tên)", { italics: true, size: SIZE.small })], { align: "center" }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [new TableRow({ children: [cell(box(left), 50), cell(box(right), 50)] })],
  });
}

export function datePhrase(isoDate: string) {
  const [y, m, d] = isoDate.split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
}

export function dmy(isoDate: string) {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}
