import {
  NO_DATA_TEXT,
  pointsText,
  TASK_BUCKET_LABELS,
  TASK_BUCKETS,
  type ReportFigures,
} from "../../../core/report/report-figures.ts";
import { formatNumber, formatRate } from "../../../core/text/number-format.ts";
import { formatVietnameseDate } from "../../../core/time/vietnam-time.ts";

/**
 * The report's annex tables as plain rows, shared by the Word annex and the Excel workbook:
 * tasks by area in the four buckets, the plan's targets, and the key indicators.
 */
export interface AnnexTable {
  /** "Phụ lục I" title. */
  title: string;
  columns: string[];
  rows: string[][];
  /** A line printed under the table (how the figures were counted), or null. */
  note: string | null;
}

const n = (value: number) => formatNumber(value, { maxFractionDigits: 0 });
const rate = (r: { numerator: number; denominator: number }) =>
  `${formatRate(r.numerator, r.denominator)} (${n(r.numerator)}/${n(r.denominator)})`;

export function taskTable(f: ReportFigures): AnnexTable {
  const columns = ["TT", "Lĩnh vực", ...TASK_BUCKETS.map((b) => TASK_BUCKET_LABELS[b]), "Tổng số"];
  const rows = f.tasks.areas.map((area, index) => [
    String(index + 1),
    area.heading,
    ...TASK_BUCKETS.map((b) => n(area[b])),
    n(area.total),
  ]);
  rows.push([
    "",
    "Tổng cộng",
    ...TASK_BUCKETS.map((b) => n(f.tasks.total[b])),
    n(f.tasks.total.total),
  ]);
  return {
    title: "Kết quả thực hiện nhiệm vụ theo lĩnh vực",
    columns,
    rows: f.tasks.available ? rows : [["", NO_DATA_TEXT, "", "", "", "", ""]],
    note: f.tasks.rule,
  };
}

export function targetTable(f: ReportFigures): AnnexTable {
  return {
    title: "Kết quả thực hiện các chỉ tiêu",
    columns: ["TT", "Chỉ tiêu", "Chỉ số đo", "Mục tiêu", "Kết quả", "Đánh giá"],
    rows: f.targets.available
      ? f.targets.items.map((t, index) => [
          String(index + 1),
          t.text,
          t.metricLabel,
          t.targetText ?? "",
          t.measuredText ?? NO_DATA_TEXT,
          t.stateLabel,
        ])
      : [["", NO_DATA_TEXT, "", "", "", ""]],
    note: null,
  };
}

export function indicatorTable(f: ReportFigures): AnnexTable {
  const rows: [string, string][] = [];
  const o = f.oneStop;
  if (o.available) {
    rows.push(
      ["Hồ sơ TTHC tiếp nhận trong kỳ", n(o.received)],
      ["Hồ sơ kỳ trước chuyển sang", n(o.carriedOver)],
      ["Hồ sơ đã giải quyết", n(o.resolved)],
      ["Tỷ lệ hồ sơ giải quyết đúng hạn", rate(o.onTime)],
      ["Hồ sơ đang giải quyết cuối kỳ", n(o.pendingAtEnd)],
      ["Hồ sơ quá hạn cuối kỳ", n(o.overdueAtEnd)],
      ["Tỷ lệ hồ sơ trực tuyến", rate(o.online)],
      ["Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi", rate(o.apology)],
    );
  } else rows.push(["Giải quyết thủ tục hành chính", NO_DATA_TEXT]);
  if (f.feedback.available) {
    rows.push(
      ["Phản ánh, kiến nghị tiếp nhận", n(f.feedback.received)],
      ["Tỷ lệ phản ánh, kiến nghị trả lời đúng hạn", rate(f.feedback.onTime)],
      ["Phản ánh, kiến nghị quá hạn", n(f.feedback.overdue)],
    );
  } else rows.push(["Phản ánh, kiến nghị", NO_DATA_TEXT]);
  rows.push([
    "Mức độ hài lòng (SIPAS)",
    f.satisfaction.available
      ? `${rate(f.satisfaction.rate)}; ${n(f.satisfaction.respondents)} phiếu`
      : NO_DATA_TEXT,
  ]);
  const s = f.serviceIndex766;
  rows.push([
    "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)",
    s.available && s.total !== null
      ? `${formatNumber(s.total)}/${n(s.scale)} điểm${s.band ? ` (${s.band})` : ""}`
      : NO_DATA_TEXT,
  ]);
  return {
    title: "Một số chỉ số chủ yếu",
    columns: ["TT", "Chỉ số", "Kết quả"],
    rows: rows.map(([label, value], index) => [String(index + 1), label, value]),
    note: null,
  };
}

/** The annex title of the PAR self-score ("Phụ lục IV. Kết quả tự chấm điểm Chỉ số CCHC"). */
export const PAR_ANNEX_TITLE = "Kết quả tự chấm điểm Chỉ số CCHC";

/**
 * The unit's PAR self-score per area against the maxima, with the appraised points once the
 * upper level has appraised; null for a version frozen before the self-score was in the figures.
 */
export function parTable(f: ReportFigures): AnnexTable | null {
  const par = f.par;
  if (!par) return null;
  const columns = ["TT", "Lĩnh vực", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định"];
  if (!par.available || par.scale === null || par.selfTotal === null) {
    return {
      title: `${PAR_ANNEX_TITLE} năm ${par.year}`,
      columns,
      rows: [["", NO_DATA_TEXT, "", "", ""]],
      note: `Đơn vị chưa mở phiếu tự chấm điểm Chỉ số CCHC năm ${par.year}.`,
    };
  }
  const appraised = (points: number | null) => (points === null ? "" : pointsText(points));
  return {
    title: `${PAR_ANNEX_TITLE} năm ${par.year}`,
    columns,
    rows: [
      ...par.areas.map((area, index) => [
        String(index + 1),
        area.name,
        pointsText(area.max),
        pointsText(area.selfPoints),
        appraised(area.appraisedPoints),
      ]),
      [
        "",
        "Tổng số",
        pointsText(par.scale),
        pointsText(par.selfTotal),
        appraised(par.appraisedTotal),
      ],
    ],
    note: `Tình trạng phiếu: ${par.statusLabel ?? ""}${par.methodologyName ? `; bộ chỉ số: ${par.methodologyName}` : ""}; điểm tính đến ngày ${formatVietnameseDate(f.period.asOf)}, các tiêu chí tính tự động lấy số liệu từ đầu năm đến ngày này.`,
  };
}

export function annexTables(f: ReportFigures): AnnexTable[] {
  const par = parTable(f);
  return [taskTable(f), targetTable(f), indicatorTable(f), ...(par ? [par] : [])];
}
