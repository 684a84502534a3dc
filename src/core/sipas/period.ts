/** Trend buckets of the indices: a month ("2026-03") or a quarter ("2026-Q1") of a YYYY-MM-DD day. */
export const PERIOD_GRANULARITIES = ["month", "quarter"] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

export function periodOf(day: string, granularity: PeriodGranularity): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return granularity === "month" ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** "Tháng 03/2026", "Quý I/2026". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Quý ${["I", "II", "III", "IV"][Number(quarter[2]) - 1]}/${quarter[1]}`;
  return `Tháng ${period.slice(5, 7)}/${period.slice(0, 4)}`;
}
