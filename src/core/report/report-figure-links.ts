/**
 * Where each key figure of the leader's overview leads: the live records behind it, for the
 * unit of the row and the report's period, in the filters the target pages read from their
 * address. The figures themselves come from a frozen report version; the records are live, so
 * every link says so. Pure: the web turns a target into a path.
 *
 * - one-stop on time: the dossiers the KPIs count for the unit in the period (its subtree and the
 *   units merged into it, as the KPI drill-down counts them): all resolved, the on-time ones
 *   (numerator) and the late ones;
 * - task completion / overdue tasks: the tasks the report counts — of the unit's issued plans,
 *   due from the start of the report's year to the period's end, leaf tasks only (a task with
 *   sub-tasks is counted through them), cancelled ones left out — all or the overdue ones;
 * - SIPAS: the unit's satisfaction indices over the period;
 * - 766: the unit's dashboard for the period (the 766 groups against their maxima);
 * - PAR self-score: the unit's scorecard of the report's year.
 */
import type { IsoDate } from "../calendar/calendar-date.ts";
import type { KeyFigure } from "./report-units-overview.ts";

/** The dashboards' period selection (the names of their address and of the KPI API). */
export type PeriodSelection =
  | { period: "month" | "quarter" | "half"; year: number; number: number }
  | { period: "year"; year: number }
  | { period: "custom"; from: IsoDate; to: IsoDate };

/** The KPI dossier sets a one-stop figure opens. */
export type OneStopSet = "resolved" | "early_or_on_time" | "late";

export type FigureTarget =
  | { page: "dossiers"; unitId: string; period: PeriodSelection; set: OneStopSet }
  | {
      page: "tasks";
      unitId: string;
      view: "all" | "overdue";
      dueFrom: IsoDate;
      dueTo: IsoDate;
      /** Only the tasks a report counts (`counted=report` of the task API). */
      counted: "report";
    }
  | { page: "satisfaction"; unitId: string; from: IsoDate; to: IsoDate }
  | { page: "dashboard"; unitId: string; period: PeriodSelection }
  | { page: "scorecard"; unitId: string; year: number };

/** Said on every link: the register is live, the report's figures are not. */
export const LIVE_RECORDS_NOTE =
  "Mở hồ sơ hiện tại của kỳ này; số liệu trong báo cáo được chốt lúc gửi";

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOf(year: number, month: number): IsoDate {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/**
 * The selection naming exactly a range: a calendar month, quarter, half-year or year when the
 * range is one (its label then reads "Quý 1/2026"), a custom range otherwise (a period cut on
 * the 15th, an ad hoc report).
 */
export function periodSelectionOf(range: { from: IsoDate; to: IsoDate }): PeriodSelection {
  const [fy, fm, fd] = range.from.split("-").map(Number) as [number, number, number];
  const [ty, tm] = range.to.split("-").map(Number) as [number, number];
  const whole = fd === 1 && fy === ty && range.to === lastDayOf(ty, tm);
  if (whole) {
    if (fm === 1 && tm === 12) return { period: "year", year: fy };
    if (fm === tm) return { period: "month", year: fy, number: fm };
    if (tm - fm === 2 && fm % 3 === 1) return { period: "quarter", year: fy, number: (fm + 2) / 3 };
    if (tm - fm === 5 && (fm === 1 || fm === 7))
      return { period: "half", year: fy, number: fm === 1 ? 1 : 2 };
  }
  return { period: "custom", from: range.from, to: range.to };
}

/**
 * The target of each key figure of a row for the report's period. The row's unit is the one
 * that owes the report at the period's end: a unit merged into it during the period is counted
 * through it by the KPI drill-down, as by the report's figures.
 */
export function figureTargets(
  row: { unitId: string },
  period: { from: IsoDate; to: IsoDate },
): Record<KeyFigure, FigureTarget> {
  const selection = periodSelectionOf(period);
  const unitId = row.unitId;
  // The report counts the tasks due from the start of its year up to the period's end.
  const dueFrom: IsoDate = `${period.to.slice(0, 4)}-01-01`;
  return {
    taskCompletion: {
      page: "tasks",
      unitId,
      view: "all",
      dueFrom,
      dueTo: period.to,
      counted: "report",
    },
    tasksOverdue: {
      page: "tasks",
      unitId,
      view: "overdue",
      dueFrom,
      dueTo: period.to,
      counted: "report",
    },
    oneStopOnTime: { page: "dossiers", unitId, period: selection, set: "resolved" },
    satisfaction: { page: "satisfaction", unitId, from: period.from, to: period.to },
    index766: { page: "dashboard", unitId, period: selection },
    parSelfTotal: { page: "scorecard", unitId, year: Number(period.to.slice(0, 4)) },
  };
}

/** The one-stop figure's parts: its numerator (on time or early) and the late ones. */
export function oneStopTarget(
  row: { unitId: string },
  period: { from: IsoDate; to: IsoDate },
  set: OneStopSet,
): FigureTarget {
  return { page: "dossiers", unitId: row.unitId, period: periodSelectionOf(period), set };
}

/** What a figure's link opens, for its title (the live-records note follows). */
export const FIGURE_LINK_LABELS: Record<KeyFigure, string> = {
  taskCompletion: "Xem các nhiệm vụ đến hạn trong kỳ",
  tasksOverdue: "Xem các nhiệm vụ quá hạn",
  oneStopOnTime: "Xem các hồ sơ đã giải quyết trong kỳ",
  satisfaction: "Xem kết quả khảo sát SIPAS của kỳ",
  index766: "Xem bảng điều khiển và Chỉ số 766 của kỳ",
  parSelfTotal: "Xem phiếu tự chấm Chỉ số CCHC của năm",
};

export const ONE_STOP_SET_LABELS: Record<OneStopSet, string> = {
  resolved: "Xem các hồ sơ đã giải quyết trong kỳ",
  early_or_on_time: "Xem các hồ sơ giải quyết đúng hạn trong kỳ",
  late: "Xem các hồ sơ giải quyết trễ hạn trong kỳ",
};

/** The title of a link: what it opens, and that the records are live while the figure is frozen. */
export function figureLinkTitle(label: string, figuresAsOf: IsoDate | null): string {
  const day = figuresAsOf
    ? ` (tính đến ngày ${figuresAsOf.slice(8, 10)}/${figuresAsOf.slice(5, 7)}/${figuresAsOf.slice(0, 4)})`
    : "";
  return `${label}. ${LIVE_RECORDS_NOTE}${day}.`;
}
