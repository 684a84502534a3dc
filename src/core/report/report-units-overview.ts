/**
 * The leader's overview of an upper unit: its units side by side for one report kind and period,
 * each with its report's state and key figures read from its latest frozen version, set against
 * the unit's latest frozen version of the previous period (difference and trend). Rates keep
 * their numerator and denominator; a zero denominator has no rate ("không phát sinh") and no
 * trend. Rows come in the order "falling behind first". Pure.
 */
import type { ReportFigures } from "./report-figures.ts";
import type { ReportStatus } from "./report-workflow.ts";

/** Where a unit's report stands: nothing sent yet (no report or a draft), or its review. */
export const OVERVIEW_STATES = ["owes", "returned", "submitted", "accepted"] as const;
export type OverviewState = (typeof OVERVIEW_STATES)[number];

export const OVERVIEW_STATE_LABELS: Record<OverviewState, string> = {
  owes: "Chưa gửi",
  returned: "Bị trả lại",
  submitted: "Đã gửi",
  accepted: "Đã tiếp nhận",
};

export const KEY_FIGURES = [
  "taskCompletion",
  "tasksOverdue",
  "oneStopOnTime",
  "satisfaction",
  "index766",
  "parSelfTotal",
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number];

export const KEY_FIGURE_LABELS: Record<KeyFigure, string> = {
  taskCompletion: "Hoàn thành nhiệm vụ",
  tasksOverdue: "Nhiệm vụ quá hạn",
  oneStopOnTime: "Hồ sơ đúng hạn",
  satisfaction: "Hài lòng (SIPAS)",
  index766: "Chỉ số 766",
  parSelfTotal: "Chỉ số CCHC tự chấm",
};

/** Whether a rise is good news (every figure but the overdue tasks). */
export const HIGHER_IS_BETTER: Record<KeyFigure, boolean> = {
  taskCompletion: true,
  tasksOverdue: false,
  oneStopOnTime: true,
  satisfaction: true,
  index766: true,
  parSelfTotal: true,
};

/** Which figures are rates (shown as a percentage with their numerator/denominator). */
export const RATE_FIGURES: ReadonlySet<KeyFigure> = new Set([
  "taskCompletion",
  "oneStopOnTime",
  "satisfaction",
]);

export type Trend = "up" | "down" | "same";

export interface FigureCell {
  /** The rate's counts (rates only; null when the section has no data). */
  ratio: { numerator: number; denominator: number } | null;
  /** The comparable value: a rate in percent (null for a zero denominator), or the figure. */
  value: number | null;
  /** The same figure in the previous period's latest version. */
  previous: number | null;
  /** value − previous (percentage points for rates), to two decimals; null without both. */
  change: number | null;
  trend: Trend | null;
}

export interface OverviewUnitInput {
  unitId: string;
  name: string;
  /** The report's status for the period; null when the unit has not opened one. */
  status: ReportStatus | null;
  /** Versions sent so far (0: none). */
  version: number;
  reportId: string | null;
  /** The day (in Vietnam) of its first submission, when sent. */
  submittedOn: string | null;
  /** Figures of its latest frozen version of the period, and of the previous period. */
  figures: ReportFigures | null;
  previousFigures: ReportFigures | null;
}

export interface OverviewRow {
  unitId: string;
  name: string;
  state: OverviewState;
  /** First sent after the due date, or never sent and the due date has passed. */
  late: boolean;
  version: number;
  reportId: string | null;
  submittedOn: string | null;
  /** The day the figures were taken as of (the frozen version's cut-off), when sent. */
  figuresAsOf: string | null;
  figures: Record<KeyFigure, FigureCell>;
}

/** Two decimals, without binary noise (0.1 + 0.2 − 0.3 is 0). */
const round2 = (x: number) => Math.round(Number((x * 100).toPrecision(12))) / 100;

type Raw = { ratio: { numerator: number; denominator: number } | null; value: number | null };

function rate(numerator: number, denominator: number): Raw {
  return {
    ratio: { numerator, denominator },
    value: denominator === 0 ? null : (numerator / denominator) * 100,
  };
}

const NONE: Raw = { ratio: null, value: null };

/** One key figure of a frozen version; "no data" sections give nothing. */
export function keyFigure(f: ReportFigures | null, figure: KeyFigure): Raw {
  if (!f) return NONE;
  switch (figure) {
    case "taskCompletion": {
      if (!f.tasks.available) return NONE;
      const t = f.tasks.total;
      return rate(t.doneOnTime + t.doneLate, t.total);
    }
    case "tasksOverdue":
      return f.tasks.available ? { ratio: null, value: f.tasks.total.overdue } : NONE;
    case "oneStopOnTime":
      return f.oneStop.available
        ? rate(f.oneStop.onTime.numerator, f.oneStop.onTime.denominator)
        : NONE;
    case "satisfaction":
      return f.satisfaction.available
        ? rate(f.satisfaction.rate.numerator, f.satisfaction.rate.denominator)
        : NONE;
    case "index766":
      return f.serviceIndex766.available ? { ratio: null, value: f.serviceIndex766.total } : NONE;
    case "parSelfTotal":
      return f.par?.available ? { ratio: null, value: f.par.selfTotal } : NONE;
  }
}

function cell(current: ReportFigures | null, previous: ReportFigures | null, k: KeyFigure) {
  const now = keyFigure(current, k);
  const before = keyFigure(previous, k).value;
  const change = now.value !== null && before !== null ? round2(now.value - before) : null;
  const trend: Trend | null =
    change === null ? null : change > 0 ? "up" : change < 0 ? "down" : "same";
  return { ratio: now.ratio, value: now.value, previous: before, change, trend };
}

export function overviewStateOf(status: ReportStatus | null): OverviewState {
  return status === null || status === "draft" ? "owes" : status;
}

/** 0 comes first: late and not sent, returned, not sent yet, sent, accepted. */
function behindRank(row: OverviewRow): number {
  if (row.state === "owes") return row.late ? 0 : 2;
  if (row.state === "returned") return 1;
  return row.state === "submitted" ? 3 : 4;
}

const collator = new Intl.Collator("vi");

/**
 * "Falling behind first": by state (late and not sent, returned, not sent, sent, accepted), then
 * late before on time, then the lower task completion (none last), then by name.
 */
export function behindFirst(a: OverviewRow, b: OverviewRow): number {
  const completion = (r: OverviewRow) => r.figures.taskCompletion.value;
  const ca = completion(a);
  const cb = completion(b);
  return (
    behindRank(a) - behindRank(b) ||
    Number(b.late) - Number(a.late) ||
    (ca === null ? (cb === null ? 0 : 1) : cb === null ? -1 : ca - cb) ||
    collator.compare(a.name, b.name)
  );
}

/** The rows of the overview, falling behind first, as of `today` (for lateness). */
export function unitsOverview(
  units: OverviewUnitInput[],
  dueDate: string,
  today: string,
): OverviewRow[] {
  const rows = units.map((u): OverviewRow => {
    const state = overviewStateOf(u.status);
    // As on the board: the first submission against the due date, or today when never sent.
    const late = u.submittedOn !== null ? u.submittedOn > dueDate : today > dueDate;
    const figures = Object.fromEntries(
      KEY_FIGURES.map((k) => [k, cell(u.figures, u.previousFigures, k)]),
    ) as Record<KeyFigure, FigureCell>;
    return {
      unitId: u.unitId,
      name: u.name,
      state,
      late,
      version: u.version,
      reportId: u.version > 0 ? u.reportId : null,
      submittedOn: u.submittedOn,
      figuresAsOf: u.figures?.period.asOf || null,
      figures,
    };
  });
  return rows.sort(behindFirst);
}
