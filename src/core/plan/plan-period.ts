/**
 * A plan's period: a year ("Năm 2026"), a half-year ("6 tháng cuối năm 2025"), several years
 * ("Giai đoạn 2026-2030"), or explicit dates.
 */
export const PLAN_PERIOD_KINDS = ["year", "half_year", "multi_year", "other"] as const;
export type PlanPeriodKind = (typeof PLAN_PERIOD_KINDS)[number];

export interface PlanPeriodInput {
  kind: PlanPeriodKind;
  year?: number;
  half?: 1 | 2;
  endYear?: number;
  start?: string;
  end?: string;
}

export interface ResolvedPlanPeriod {
  kind: PlanPeriodKind;
  start: string;
  end: string;
  label: string;
}

const isYear = (value: number | undefined): value is number =>
  value !== undefined && Number.isInteger(value) && value >= 2000 && value <= 2100;

/** The period's dates and its Vietnamese label, or a Vietnamese reason why it is invalid. */
export function resolvePlanPeriod(
  input: PlanPeriodInput,
): ResolvedPlanPeriod | { problem: string } {
  switch (input.kind) {
    case "year":
      if (!isYear(input.year)) return { problem: "năm phải từ 2000 đến 2100" };
      return {
        kind: "year",
        start: `${input.year}-01-01`,
        end: `${input.year}-12-31`,
        label: `Năm ${input.year}`,
      };
    case "half_year":
      if (!isYear(input.year)) return { problem: "năm phải từ 2000 đến 2100" };
      if (input.half !== 1 && input.half !== 2)
        return { problem: "cần chọn 6 tháng đầu hoặc cuối năm" };
      return input.half === 1
        ? {
            kind: "half_year",
            start: `${input.year}-01-01`,
            end: `${input.year}-06-30`,
            label: `6 tháng đầu năm ${input.year}`,
          }
        : {
            kind: "half_year",
            start: `${input.year}-07-01`,
            end: `${input.year}-12-31`,
            label: `6 tháng cuối năm ${input.year}`,
          };
    case "multi_year":
      if (!isYear(input.year) || !isYear(input.endYear) || input.endYear <= input.year) {
        return { problem: "giai đoạn phải có năm bắt đầu và năm kết thúc sau đó" };
      }
      return {
        kind: "multi_year",
        start: `${input.year}-01-01`,
        end: `${input.endYear}-12-31`,
        label: `Giai đoạn ${input.year}-${input.endYear}`,
      };
    case "other":
      if (!input.start || !input.end || input.end < input.start) {
        return { problem: "ngày kết thúc phải sau ngày bắt đầu" };
      }
      return {
        kind: "other",
        start: input.start,
        end: input.end,
        label: `Từ ${dmy(input.start)} đến ${dmy(input.end)}`,
      };
  }
}

function dmy(iso: string) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
