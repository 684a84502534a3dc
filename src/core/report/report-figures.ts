/**
 * A report's figures: what the server gathers from live data for a unit and period, the state's
 * four task buckets, the starter text of the narrative sections, and the comparison of two
 * submitted versions. Pure. A section without data says so ("chưa có dữ liệu") and is never
 * filled with invented numbers.
 */
import { formatNumber, formatRate } from "../text/number-format.ts";

export const NO_DATA_TEXT = "Chưa có dữ liệu";

/** The four buckets of the state's task tracking, as of a day. */
export const TASK_BUCKETS = ["doneOnTime", "doneLate", "inProgress", "overdue"] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export const TASK_BUCKET_LABELS: Record<TaskBucket, string> = {
  doneOnTime: "Hoàn thành đúng hạn",
  doneLate: "Hoàn thành quá hạn",
  inProgress: "Đang thực hiện trong hạn",
  overdue: "Quá hạn chưa hoàn thành",
};

export const TASK_BUCKET_RULE =
  "Tính các nhiệm vụ của kế hoạch đã ban hành có hạn từ đầu năm đến hết kỳ báo cáo, tình trạng tại ngày chốt số liệu; nhiệm vụ bị hủy không tính; nhiệm vụ hoàn thành sau ngày chốt tính là chưa hoàn thành.";

export interface TaskFacts {
  stored: string;
  dueDate: string | null;
  completedOn: string | null;
}

/** The bucket of a task as of `asOf`, or null when it is not counted (cancelled). */
export function taskBucketOf(task: TaskFacts, asOf: string): TaskBucket | null {
  if (task.stored === "cancelled") return null;
  const done = task.stored === "completed" && task.completedOn !== null && task.completedOn <= asOf;
  if (done) {
    return task.dueDate !== null && task.completedOn! > task.dueDate ? "doneLate" : "doneOnTime";
  }
  if (task.stored !== "paused" && task.dueDate !== null && task.dueDate < asOf) return "overdue";
  return "inProgress";
}

export type BucketCounts = Record<TaskBucket, number> & { total: number };

export function emptyBuckets(): BucketCounts {
  return { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, total: 0 };
}

export interface AreaTasks {
  key: string;
  heading: string;
  tasks: TaskFacts[];
}

export interface TaskSection {
  available: boolean;
  asOf: string;
  areas: ({ key: string; heading: string } & BucketCounts)[];
  total: BucketCounts;
  rule: string;
}

/** Counts per area and in total; an area without a counted task is left out. */
export function bucketTasks(areas: readonly AreaTasks[], asOf: string): TaskSection {
  const total = emptyBuckets();
  const rows: TaskSection["areas"] = [];
  for (const area of areas) {
    const counts = emptyBuckets();
    for (const task of area.tasks) {
      const bucket = taskBucketOf(task, asOf);
      if (!bucket) continue;
      counts[bucket]++;
      counts.total++;
      total[bucket]++;
      total.total++;
    }
    if (counts.total > 0) rows.push({ key: area.key, heading: area.heading, ...counts });
  }
  return { available: total.total > 0, asOf, areas: rows, total, rule: TASK_BUCKET_RULE };
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface TargetFigure {
  text: string;
  metricLabel: string;
  targetText: string | null;
  measuredText: string | null;
  stateLabel: string;
}

/**
 * The unit's PAR Index self-score for the report's year so far: its scorecard's total and points
 * per area against their maxima, scored as of the report's cut-off day. `available` is false when
 * the unit has no scorecard for the year ("chưa có dữ liệu"); the other fields are then null/empty.
 */
export interface ParFigure {
  available: boolean;
  year: number;
  /** The scorecard's state ("draft", "submitted", "appraised", "published") and its label. */
  status: string | null;
  statusLabel: string | null;
  methodologyName: string | null;
  /** The methodology's maximum (100 for the state's index). */
  scale: number | null;
  selfTotal: number | null;
  selfIndex: number | null;
  selfBand: string | null;
  /** After the upper level's appraisal (null until then). */
  appraisedTotal: number | null;
  areas: {
    code: string;
    name: string;
    max: number;
    selfPoints: number;
    appraisedPoints: number | null;
  }[];
}

export function noParFigure(year: number): ParFigure {
  return {
    available: false,
    year,
    status: null,
    statusLabel: null,
    methodologyName: null,
    scale: null,
    selfTotal: null,
    selfIndex: null,
    selfBand: null,
    appraisedTotal: null,
    areas: [],
  };
}

/** Points as the scorecard prints them: up to two decimals, no trailing zeros ("72,5"). */
export const pointsText = (value: number) => formatNumber(value, { minFractionDigits: 0 });

/** "72,5/100 điểm (phiếu đang soạn)", or null when there is no scorecard. */
export function parScoreText(par: ParFigure | undefined): string | null {
  if (!par?.available || par.selfTotal === null || par.scale === null) return null;
  return `${pointsText(par.selfTotal)}/${pointsText(par.scale)} điểm${par.statusLabel ? ` (phiếu ${par.statusLabel.toLowerCase()})` : ""}`;
}

export interface ReportFigures {
  unit: { id: string; name: string; code: string };
  period: { key: string; label: string; from: string; to: string; asOf: string };
  tasks: TaskSection;
  targets: { available: boolean; items: TargetFigure[] };
  oneStop: {
    available: boolean;
    received: number;
    carriedOver: number;
    resolved: number;
    onTime: Ratio;
    pendingAtEnd: number;
    overdueAtEnd: number;
    online: Ratio;
    apology: Ratio;
  };
  feedback: {
    available: boolean;
    received: number;
    onTime: Ratio;
    pending: number;
    overdue: number;
  };
  satisfaction: { available: boolean; rate: Ratio; respondents: number; isSmallSample: boolean };
  serviceIndex766: { available: boolean; total: number | null; scale: number; band: string | null };
  /** Absent from versions frozen before the PAR self-score was part of the figures. */
  par?: ParFigure;
}

const rateText = (r: Ratio) => formatRate(r.numerator, r.denominator);
const n = (value: number) => formatNumber(value, { maxFractionDigits: 0 });

export const NARRATIVE_SECTIONS = ["results", "shortcomings", "nextTasks", "proposals"] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const NARRATIVE_SECTION_LABELS: Record<NarrativeSection, string> = {
  results: "Kết quả đạt được",
  shortcomings: "Tồn tại, hạn chế và nguyên nhân",
  nextTasks: "Nhiệm vụ trọng tâm kỳ tới",
  proposals: "Đề xuất, kiến nghị",
};

/** Starter text of each narrative section, from the figures only; the officer edits it. */
export function starterNarrative(f: ReportFigures): Record<NarrativeSection, string> {
  const results: string[] = [];
  const shortcomings: string[] = [];
  const next: string[] = [];
  if (f.tasks.available) {
    const t = f.tasks.total;
    results.push(
      `Về thực hiện kế hoạch: trong tổng số ${n(t.total)} nhiệm vụ đến hạn trong kỳ, đã hoàn thành đúng hạn ${n(t.doneOnTime)} nhiệm vụ, hoàn thành quá hạn ${n(t.doneLate)} nhiệm vụ, đang thực hiện trong hạn ${n(t.inProgress)} nhiệm vụ.`,
    );
    if (t.overdue > 0) {
      const areas = f.tasks.areas.filter((a) => a.overdue > 0).map((a) => a.heading);
      shortcomings.push(
        `Còn ${n(t.overdue)} nhiệm vụ quá hạn chưa hoàn thành (${areas.join("; ")}). Nguyên nhân: …`,
      );
      next.push(`Tập trung hoàn thành ${n(t.overdue)} nhiệm vụ quá hạn.`);
    }
    if (t.inProgress > 0)
      next.push(`Tiếp tục thực hiện ${n(t.inProgress)} nhiệm vụ đang trong hạn.`);
  } else {
    results.push(`Về thực hiện kế hoạch: ${NO_DATA_TEXT.toLowerCase()} nhiệm vụ đến hạn trong kỳ.`);
  }
  for (const target of f.targets.items) {
    if (target.measuredText !== null) {
      results.push(
        `Chỉ tiêu "${target.text}": đạt ${target.measuredText}${target.targetText ? ` (chỉ tiêu ${target.targetText})` : ""} — ${target.stateLabel.toLowerCase()}.`,
      );
    }
  }
  if (f.oneStop.available) {
    const o = f.oneStop;
    results.push(
      `Về giải quyết thủ tục hành chính: tiếp nhận ${n(o.received)} hồ sơ (kỳ trước chuyển sang ${n(o.carriedOver)}), đã giải quyết ${n(o.resolved)} hồ sơ, tỷ lệ đúng hạn ${rateText(o.onTime)}; tỷ lệ hồ sơ trực tuyến ${rateText(o.online)}.`,
    );
    if (o.overdueAtEnd > 0) {
      shortcomings.push(
        `Còn ${n(o.overdueAtEnd)} hồ sơ quá hạn chưa giải quyết tại ngày chốt số liệu; tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi ${rateText(o.apology)}.`,
      );
    }
  }
  if (f.feedback.available) {
    results.push(
      `Về phản ánh, kiến nghị: tiếp nhận ${n(f.feedback.received)} phản ánh, kiến nghị thuộc thẩm quyền; tỷ lệ trả lời đúng hạn ${rateText(f.feedback.onTime)}.`,
    );
    if (f.feedback.overdue > 0) {
      shortcomings.push(`Còn ${n(f.feedback.overdue)} phản ánh, kiến nghị quá hạn chưa trả lời.`);
    }
  }
  if (f.satisfaction.available) {
    results.push(
      `Mức độ hài lòng của người dân, tổ chức (khảo sát SIPAS): ${rateText(f.satisfaction.rate)} trên ${n(f.satisfaction.respondents)} phiếu${f.satisfaction.isSmallSample ? " (số phiếu ít, chưa đủ tin cậy)" : ""}.`,
    );
  }
  if (f.serviceIndex766.available && f.serviceIndex766.total !== null) {
    results.push(
      `Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766): ${formatNumber(f.serviceIndex766.total)}/${n(f.serviceIndex766.scale)} điểm${f.serviceIndex766.band ? `, xếp loại ${f.serviceIndex766.band}` : ""}.`,
    );
  }
  const par = parScoreText(f.par);
  if (par !== null) {
    results.push(
      `Tự chấm điểm Chỉ số cải cách hành chính năm ${f.par!.year} (tính đến ngày chốt số liệu): ${par}.`,
    );
  }
  return {
    results: results.join("\n"),
    shortcomings:
      shortcomings.length > 0
        ? shortcomings.join("\n")
        : "Không có nhiệm vụ, hồ sơ hay phản ánh quá hạn theo số liệu của hệ thống. Tồn tại, hạn chế khác: …",
    nextTasks: [...next, "…"].join("\n"),
    proposals: "…",
  };
}

export interface FigureChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

/** The figures of a snapshot as labelled lines ("Nhiệm vụ — Tổng: Quá hạn" → "2"). */
export function figureLines(f: ReportFigures): Map<string, { label: string; value: string }> {
  const lines = new Map<string, { label: string; value: string }>();
  const put = (path: string, label: string, value: string) => lines.set(path, { label, value });
  for (const area of [...f.tasks.areas, { key: "total", heading: "Tổng", ...f.tasks.total }]) {
    for (const bucket of TASK_BUCKETS) {
      put(
        `tasks.${area.key}.${bucket}`,
        `Nhiệm vụ — ${area.heading}: ${TASK_BUCKET_LABELS[bucket]}`,
        n(area[bucket]),
      );
    }
    put(`tasks.${area.key}.total`, `Nhiệm vụ — ${area.heading}: Tổng số`, n(area.total));
  }
  f.targets.items.forEach((t, i) =>
    put(`targets.${i}`, `Chỉ tiêu: ${t.text}`, t.measuredText ?? NO_DATA_TEXT),
  );
  const o = f.oneStop;
  if (o.available) {
    put("oneStop.received", "Hồ sơ tiếp nhận", n(o.received));
    put("oneStop.resolved", "Hồ sơ đã giải quyết", n(o.resolved));
    put("oneStop.onTime", "Tỷ lệ hồ sơ đúng hạn", rateText(o.onTime));
    put("oneStop.overdueAtEnd", "Hồ sơ quá hạn cuối kỳ", n(o.overdueAtEnd));
    put("oneStop.online", "Tỷ lệ hồ sơ trực tuyến", rateText(o.online));
  } else put("oneStop", "Một cửa", NO_DATA_TEXT);
  if (f.feedback.available) {
    put("feedback.received", "Phản ánh, kiến nghị tiếp nhận", n(f.feedback.received));
    put("feedback.onTime", "Tỷ lệ phản ánh, kiến nghị đúng hạn", rateText(f.feedback.onTime));
  } else put("feedback", "Phản ánh, kiến nghị", NO_DATA_TEXT);
  put(
    "satisfaction",
    "Mức độ hài lòng (SIPAS)",
    f.satisfaction.available ? rateText(f.satisfaction.rate) : NO_DATA_TEXT,
  );
  put(
    "serviceIndex766",
    "Chỉ số 766",
    f.serviceIndex766.available && f.serviceIndex766.total !== null
      ? formatNumber(f.serviceIndex766.total)
      : NO_DATA_TEXT,
  );
  if (f.par) {
    put(`par.total`, `Chỉ số CCHC tự chấm năm ${f.par.year}`, parScoreText(f.par) ?? NO_DATA_TEXT);
    for (const area of f.par.areas) {
      put(
        `par.${area.code}`,
        `Chỉ số CCHC — ${area.name}`,
        `${pointsText(area.selfPoints)}/${pointsText(area.max)}`,
      );
    }
  }
  return lines;
}

/** What changed from one version to the next: figures and narrative sections. */
export function compareVersions(
  before: { figures: ReportFigures; narrative: Record<string, string> },
  after: { figures: ReportFigures; narrative: Record<string, string> },
): FigureChange[] {
  const changes: FigureChange[] = [];
  const a = figureLines(before.figures);
  const b = figureLines(after.figures);
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path);
    const y = b.get(path);
    if (x?.value === y?.value) continue;
    changes.push({
      path,
      label: (y ?? x)!.label,
      before: x?.value ?? "—",
      after: y?.value ?? "—",
    });
  }
  for (const section of NARRATIVE_SECTIONS) {
    const x = before.narrative[section] ?? "";
    const y = after.narrative[section] ?? "";
    if (x !== y) {
      changes.push({
        path: `narrative.${section}`,
        label: NARRATIVE_SECTION_LABELS[section],
        before: x,
        after: y,
      });
    }
  }
  return changes;
}
