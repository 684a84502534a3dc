import type { PeriodKind } from "../../../core/kpi/period.ts";
/**
 * The dashboards' selection (unit and reporting period) lives in the URL's query string, so a
 * figure's link, a bookmark and a test name exactly what is shown. Names match the KPI API's.
 */
export type { PeriodKind };

export interface Selection {
  unitId: string;
  period: PeriodKind;
  year?: number;
  number?: number;
  from?: string;
  to?: string;
}

const KINDS: readonly PeriodKind[] = ["month", "quarter", "half", "year", "custom"];

/** Today in Vietnam (YYYY-MM-DD), from the browser's clock. */
export function vietnamToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The selection in a query string; missing parts default to `unitId` and the quarter of `today`. */
export function selectionFrom(params: URLSearchParams, unitId: string, today: string): Selection {
  const kind = params.get("period") as PeriodKind | null;
  const [year, month] = today.split("-").map(Number) as [number, number];
  const numberParam = params.get("number");
  const yearParam = params.get("year");
  const selection: Selection = {
    unitId: params.get("unitId") ?? unitId,
    period: kind && KINDS.includes(kind) ? kind : "quarter",
  };
  if (selection.period === "custom") {
    selection.from = params.get("from") ?? `${year}-01-01`;
    selection.to = params.get("to") ?? today;
    return selection;
  }
  selection.year = yearParam ? Number(yearParam) : year;
  if (selection.period !== "year") {
    const fallback =
      selection.period === "month"
        ? month
        : selection.period === "quarter"
          ? Math.ceil(month / 3)
          : month <= 6
            ? 1
            : 2;
    selection.number = numberParam ? Number(numberParam) : fallback;
  }
  return selection;
}

/** The query string of a selection (also what the KPI API reads), plus extra parameters. */
export function selectionQuery(
  selection: Selection,
  extra: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  const all: Record<string, string | number | undefined> = { ...selection, ...extra };
  for (const [key, value] of Object.entries(all)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

/** The twelve months up to the end of the selected period (the trend charts' range). */
export function trendRange(periodTo: string): { from: string; to: string } {
  const [year, month] = periodTo.split("-").map(Number) as [number, number];
  const startMonth = month === 12 ? 1 : month + 1;
  const startYear = month === 12 ? year : year - 1;
  return { from: `${startYear}-${String(startMonth).padStart(2, "0")}-01`, to: periodTo };
}

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** First and last day of a selection's period. */
export function periodRange(selection: Selection): { from: string; to: string } | null {
  const { period, year, number } = selection;
  if (period === "custom") {
    return selection.from && selection.to ? { from: selection.from, to: selection.to } : null;
  }
  if (!year) return null;
  const months =
    period === "month"
      ? [number ?? 1, number ?? 1]
      : period === "quarter"
        ? [(number ?? 1) * 3 - 2, (number ?? 1) * 3]
        : period === "half"
          ? number === 2
            ? [7, 12]
            : [1, 6]
          : [1, 12];
  return {
    from: `${year}-${String(months[0]).padStart(2, "0")}-01`,
    to: lastDay(year, months[1]!),
  };
}

/**
 * The selection the figures are asked for: a period still running is cut at today, so open
 * dossiers are judged as they stand now (not at a period end still to come), as plan targets are.
 */
export function measuredSelection(selection: Selection, today: string): Selection {
  const range = periodRange(selection);
  if (!range || range.to <= today || range.from > today) return selection;
  return { unitId: selection.unitId, period: "custom", from: range.from, to: today };
}
