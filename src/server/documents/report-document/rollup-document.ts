import {
  NO_DATA_TEXT,
  parScoreText,
  TASK_BUCKET_LABELS,
  TASK_BUCKETS,
  type BucketCounts,
  type Ratio,
} from "../../../core/report/report-figures.ts";
import type { Rollup } from "../../../core/report/report-rollup.ts";
import { REPORT_STATUS_LABELS } from "../../../core/report/report-workflow.ts";
import { formatNumber, formatRate } from "../../../core/text/number-format.ts";
import { formatVietnameseDate } from "../../../core/time/vietnam-time.ts";
import {
  A4_PORTRAIT,
  appendixName,
  bodyParagraph,
  dateInText,
  documentBytes,
  documentSection,
  emptyLine,
  headerBlock,
  heading,
  lowerFirst,
  nd30Document,
  numberAndSymbol,
  numberLine,
  placeAndDate,
  recipientsBlock,
  romanNumeral,
  signatureBlock,
  titleBlock,
  type Issuer,
  type Signer,
} from "../nd30-kit/index.ts";
import { annexSections, REPORT_NUMBER } from "./report-document.ts";
import { exportAnnexXlsx } from "./report-xlsx.ts";
import type { AnnexTable } from "./report-tables.ts";

/** What the upper level's consolidated report is printed from: its roll-up of one kind and period. */
export interface RollupDocumentInput {
  issuer: Issuer & { nameInText: string };
  place: string;
  /** The day the consolidated report is printed (the caller's today). */
  issuedOn: string;
  year: number;
  /** "Quý I/2026": the period as the calendar names it. */
  periodLabel: string;
  kindName: string;
  rollup: Pick<Rollup, "totals" | "units" | "missing">;
  recipients: string[];
  signer: Signer;
}

const n = (value: number) => formatNumber(value, { maxFractionDigits: 0 });
const rate = (r: Ratio) =>
  `${formatRate(r.numerator, r.denominator)} (${n(r.numerator)}/${n(r.denominator)})`;

/** "Tổng hợp kết quả thực hiện công tác cải cách hành chính quý I/2026". */
export function rollupSummary(input: RollupDocumentInput): string {
  return `Tổng hợp kết quả thực hiện công tác cải cách hành chính ${lowerFirst(input.periodLabel)}`;
}

export function rollupAttachedToLine(input: RollupDocumentInput): string {
  return `(Kèm theo Báo cáo số ${numberAndSymbol(REPORT_NUMBER)} ${dateInText(input.issuedOn, input.year)} của ${input.issuer.nameInText})`;
}

const bucketRow = (label: string, counts: BucketCounts, tt: string) => [
  tt,
  label,
  ...TASK_BUCKETS.map((b) => n(counts[b])),
  n(counts.total),
];

/** The annex tables: tasks by area summed, a row per unit that sent, the units that have not. */
export function rollupTables(input: RollupDocumentInput): AnnexTable[] {
  const { totals, units, missing } = input.rollup;
  const tasks: AnnexTable = {
    title: "Tổng hợp kết quả thực hiện nhiệm vụ theo lĩnh vực",
    columns: ["TT", "Lĩnh vực", ...TASK_BUCKETS.map((b) => TASK_BUCKET_LABELS[b]), "Tổng số"],
    rows:
      totals.tasks.total.total > 0
        ? [
            ...totals.tasks.areas.map((a, i) => bucketRow(a.heading, a, String(i + 1))),
            bucketRow("Tổng cộng", totals.tasks.total, ""),
          ]
        : [["", NO_DATA_TEXT, "", "", "", "", ""]],
    note: `Cộng số liệu đã chốt trong báo cáo đã gửi hoặc đã tiếp nhận của ${n(units.length)} đơn vị.`,
  };
  const perUnit: AnnexTable = {
    title: "Số liệu chủ yếu theo từng đơn vị",
    columns: [
      "TT",
      "Đơn vị",
      "Báo cáo",
      "Tổng số nhiệm vụ",
      "Hoàn thành đúng hạn",
      "Quá hạn chưa hoàn thành",
      "Hồ sơ TTHC đúng hạn",
      "Hài lòng (SIPAS)",
      "Chỉ số 766",
      "Chỉ số CCHC tự chấm",
    ],
    rows:
      units.length > 0
        ? [
            ...units.map((u, i) => {
              const f = u.figures;
              const s = f.serviceIndex766;
              return [
                String(i + 1),
                u.name,
                `${REPORT_STATUS_LABELS[u.review]} (lần ${n(u.version)})`,
                n(f.tasks.total.total),
                n(f.tasks.total.doneOnTime),
                n(f.tasks.total.overdue),
                f.oneStop.available ? rate(f.oneStop.onTime) : NO_DATA_TEXT,
                f.satisfaction.available ? rate(f.satisfaction.rate) : NO_DATA_TEXT,
                s.available && s.total !== null ? formatNumber(s.total) : NO_DATA_TEXT,
                parScoreText(f.par) ?? NO_DATA_TEXT,
              ];
            }),
            [
              "",
              "Tổng cộng",
              `${n(units.length)} đơn vị`,
              n(totals.tasks.total.total),
              n(totals.tasks.total.doneOnTime),
              n(totals.tasks.total.overdue),
              totals.oneStop.units > 0 ? rate(totals.oneStop.onTime) : NO_DATA_TEXT,
              totals.satisfaction.units > 0 ? rate(totals.satisfaction.rate) : NO_DATA_TEXT,
              "",
              `${n(totals.par.units)} đơn vị có phiếu`,
            ],
          ]
        : [["", "Chưa có đơn vị nào gửi báo cáo", "", "", "", "", "", "", "", ""]],
    note: "Tỷ lệ ở dòng tổng cộng tính lại từ tổng tử số và tổng mẫu số của các đơn vị, không lấy trung bình các tỷ lệ; Chỉ số 766 và Chỉ số CCHC tự chấm là điểm của từng đơn vị, không cộng hay lấy trung bình.",
  };
  const notSent: AnnexTable = {
    title: "Các đơn vị chưa gửi báo cáo",
    columns: ["TT", "Đơn vị", "Ghi chú"],
    rows:
      missing.length > 0
        ? missing.map((u, i) => [String(i + 1), u.name, "Chưa gửi hoặc bị trả lại chưa gửi lại"])
        : [["", "Không có", ""]],
    note: null,
  };
  return [tasks, perUnit, notSent];
}

/** The body's numbered sections, from the summed figures only. */
export function rollupBody(
  input: RollupDocumentInput,
): { heading: string; paragraphs: string[] }[] {
  const { totals, units, missing } = input.rollup;
  const t = totals.tasks.total;
  const o = totals.oneStop;
  const fb = totals.feedback;
  const annex = (i: number) => appendixName(i);
  const sections = [
    {
      heading: "Kết quả thực hiện nhiệm vụ cải cách hành chính",
      paragraphs:
        t.total > 0
          ? [
              `Tổng số ${n(t.total)} nhiệm vụ đến hạn trong kỳ của các đơn vị: hoàn thành đúng hạn ${n(t.doneOnTime)}, hoàn thành quá hạn ${n(t.doneLate)}, đang thực hiện trong hạn ${n(t.inProgress)}, quá hạn chưa hoàn thành ${n(t.overdue)} (chi tiết theo lĩnh vực tại ${annex(0)}).`,
            ]
          : [`${NO_DATA_TEXT} về nhiệm vụ đến hạn trong kỳ trong các báo cáo đã gửi.`],
    },
    {
      heading: "Giải quyết thủ tục hành chính và phản ánh, kiến nghị",
      paragraphs: [
        o.units > 0
          ? `Giải quyết thủ tục hành chính (${n(o.units)} đơn vị có số liệu): tiếp nhận ${n(o.received)} hồ sơ, kỳ trước chuyển sang ${n(o.carriedOver)}, đã giải quyết ${n(o.resolved)}, tỷ lệ đúng hạn ${rate(o.onTime)}; tỷ lệ hồ sơ trực tuyến ${rate(o.online)}; còn ${n(o.overdueAtEnd)} hồ sơ quá hạn cuối kỳ.`
          : `Giải quyết thủ tục hành chính: ${NO_DATA_TEXT.toLowerCase()}.`,
        fb.units > 0
          ? `Phản ánh, kiến nghị (${n(fb.units)} đơn vị có số liệu): tiếp nhận ${n(fb.received)}, tỷ lệ trả lời đúng hạn ${rate(fb.onTime)}, còn ${n(fb.overdue)} quá hạn.`
          : `Phản ánh, kiến nghị: ${NO_DATA_TEXT.toLowerCase()}.`,
        totals.satisfaction.units > 0
          ? `Mức độ hài lòng (SIPAS, ${n(totals.satisfaction.units)} đơn vị, ${n(totals.satisfaction.respondents)} phiếu): ${rate(totals.satisfaction.rate)}.`
          : `Mức độ hài lòng (SIPAS): ${NO_DATA_TEXT.toLowerCase()}.`,
      ],
    },
    {
      heading: "Kết quả tự chấm điểm Chỉ số cải cách hành chính",
      paragraphs: [
        totals.par.units > 0
          ? `${n(totals.par.units)} đơn vị đã tự chấm điểm Chỉ số cải cách hành chính năm ${input.year}${totals.par.withoutScorecard > 0 ? `, ${n(totals.par.withoutScorecard)} đơn vị chưa có phiếu` : ""}; điểm của từng đơn vị tại ${annex(1)}.`
          : `${NO_DATA_TEXT}: chưa đơn vị nào có phiếu tự chấm điểm Chỉ số cải cách hành chính năm ${input.year}.`,
        ...units
          .filter((u) => u.figures.par?.available)
          .map((u) => `- ${u.name}: ${parScoreText(u.figures.par)}.`),
      ],
    },
    {
      heading: "Tình hình gửi báo cáo của các đơn vị",
      paragraphs: [
        `Đã tổng hợp báo cáo của ${n(units.length)}/${n(units.length + missing.length)} đơn vị phải báo cáo.`,
        missing.length > 0
          ? `Chưa gửi báo cáo (${n(missing.length)} đơn vị): ${missing.map((u) => u.name).join("; ")} (${annex(2)}).`
          : "Tất cả các đơn vị đã gửi báo cáo.",
      ],
    },
  ];
  return sections;
}

function mainSection(input: RollupDocumentInput) {
  return documentSection(
    [
      headerBlock(
        {
          issuer: input.issuer,
          number: numberLine(REPORT_NUMBER),
          placeAndDate: placeAndDate(input.place, input.issuedOn, input.year),
        },
        A4_PORTRAIT,
      ),
      emptyLine(),
      ...titleBlock({ type: "BÁO CÁO", summary: rollupSummary(input) }, A4_PORTRAIT),
      emptyLine(),
      bodyParagraph(
        `Trên cơ sở báo cáo ${lowerFirst(input.kindName)} ${lowerFirst(input.periodLabel)} đã gửi của các đơn vị trực thuộc (số liệu đã chốt khi gửi; tổng hợp ngày ${formatVietnameseDate(input.issuedOn)}), ${input.issuer.nameInText} tổng hợp kết quả như sau:`,
      ),
      ...rollupBody(input).flatMap((section, index) => [
        heading(`${romanNumeral(index + 1)}. ${section.heading.toLocaleUpperCase("vi")}`),
        ...section.paragraphs.map((text) => bodyParagraph(text)),
      ]),
      bodyParagraph(
        `Trên đây là báo cáo tổng hợp kết quả thực hiện công tác cải cách hành chính ${lowerFirst(input.periodLabel)} của ${input.issuer.nameInText}./.`,
      ),
      emptyLine(),
      signatureBlock(
        { left: recipientsBlock(input.recipients, A4_PORTRAIT), signer: input.signer },
        A4_PORTRAIT,
      ),
    ],
    A4_PORTRAIT,
  );
}

/** The consolidated report in the ND 30/2020 form, its annexes on landscape pages. */
export function generateRollupDocument(input: RollupDocumentInput): Promise<Buffer> {
  return documentBytes(
    nd30Document({
      creator: input.issuer.nameInText,
      title: `Báo cáo ${rollupSummary(input)}`,
      description: input.kindName,
      format: A4_PORTRAIT,
      sections: [
        mainSection(input),
        ...annexSections(rollupTables(input), rollupAttachedToLine(input)),
      ],
    }),
  );
}

/** The consolidated report's annexes as an Excel workbook, one sheet each. */
export function exportRollupXlsx(input: RollupDocumentInput): Promise<Buffer> {
  return exportAnnexXlsx(rollupTables(input), input.issuer.nameInText, rollupAttachedToLine(input));
}
