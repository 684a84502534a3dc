import { formatNumber, formatPercent } from "../text/number-format.ts";
import { daysBetween, type IsoDate } from "./iso-date.ts";
import type { TargetComparator, TargetUnit } from "./target-metric.ts";

interface TargetBase {
  unit: TargetUnit | null;
  /** Null when the target runs to the end of the plan period. */
  deadline: IsoDate | null;
}

/** A target's goal; a rank range ("trong nhóm 10 dẫn đầu" = 1…10) is inclusive at both ends. */
export type TargetSpec =
  | (TargetBase & { comparator: Exclude<TargetComparator, "rank_between">; value: number })
  | (TargetBase & { comparator: "rank_between"; value: readonly [number, number] });

export const TARGET_STATES = ["achieved", "at_risk", "not_achieved", "no_data"] as const;

export type TargetState = (typeof TARGET_STATES)[number];

export const TARGET_STATE_LABELS: Record<TargetState, string> = {
  achieved: "Đạt",
  at_risk: "Có nguy cơ",
  not_achieved: "Chưa đạt",
  no_data: "Chưa có số liệu",
};

export const TARGET_EVALUATION_RULE =
  "Chưa có số liệu: chưa đo được. Đạt: số liệu hiện tại đáp ứng chỉ tiêu (là kết quả tạm tính " +
  "khi kỳ chưa kết thúc). Có nguy cơ: kỳ chưa kết thúc và số liệu hiện tại chưa đáp ứng chỉ " +
  "tiêu. Chưa đạt: kỳ đã kết thúc mà số liệu chưa đáp ứng chỉ tiêu.";

export interface TargetEvaluationInput {
  target: TargetSpec;
  measured: number | null;
  /** Share of the period (up to the target's deadline) already past, 0…1. */
  elapsedFraction: number;
}

export interface TargetEvaluation {
  state: TargetState;
  label: string;
  /** Null when there is no data. */
  isMet: boolean | null;
  /** True once the period is over: the state will not change any more. */
  isFinal: boolean;
  /** "99,70%", "85 điểm", "hạng 12", or "Chưa có số liệu". */
  measuredText: string;
  /** "từ 98,5% trở lên". */
  targetText: string;
  rule: string;
}

/** Evaluates a target against a measurement by the rule in `TARGET_EVALUATION_RULE`. */
export function evaluateTarget(input: TargetEvaluationInput): TargetEvaluation {
  const { target, measured } = input;
  const isFinal = input.elapsedFraction >= 1;
  const hasData = measured !== null && Number.isFinite(measured);
  const isMet = hasData ? meetsTarget(target, measured) : null;
  const state: TargetState =
    isMet === null ? "no_data" : isMet ? "achieved" : isFinal ? "not_achieved" : "at_risk";
  return {
    state,
    label: TARGET_STATE_LABELS[state],
    isMet,
    isFinal,
    measuredText: hasData ? formatMeasured(measured, target.unit) : TARGET_STATE_LABELS.no_data,
    targetText: describeTarget(target),
    rule: TARGET_EVALUATION_RULE,
  };
}

const EPSILON = 1e-9;

export function meetsTarget(target: TargetSpec, measured: number): boolean {
  switch (target.comparator) {
    case "gte":
      return measured >= target.value - EPSILON;
    case "gt":
      return measured > target.value + EPSILON;
    case "eq":
      return Math.abs(measured - target.value) <= EPSILON;
    case "lte":
      return measured <= target.value + EPSILON;
    case "lt":
      return measured < target.value - EPSILON;
    case "rank_between": {
      const [low, high] = target.value;
      return measured >= Math.min(low, high) - EPSILON && measured <= Math.max(low, high) + EPSILON;
    }
  }
}

/** A goal value as written in plans: "99,7%", "85 điểm", "hạng 10", "12". */
export function formatTargetValue(value: number, unit: TargetUnit | null): string {
  const number = formatNumber(value, { minFractionDigits: 0 });
  switch (unit) {
    case "percent":
      return `${number}%`;
    case "points":
      return `${number} điểm`;
    case "rank":
      return `hạng ${number}`;
    case "count":
    case null:
      return number;
  }
}

/** A measurement: percentages to two decimals ("99,70%"), others as goal values. */
export function formatMeasured(value: number, unit: TargetUnit | null): string {
  return unit === "percent" ? formatPercent(value) : formatTargetValue(value, unit);
}

export function describeTarget(target: TargetSpec): string {
  if (target.comparator === "rank_between") {
    const [low, high] = target.value;
    return `xếp hạng từ ${formatNumber(Math.min(low, high), { minFractionDigits: 0 })} đến ${formatNumber(Math.max(low, high), { minFractionDigits: 0 })}`;
  }
  const value = formatTargetValue(target.value, target.unit);
  switch (target.comparator) {
    case "gte":
      return target.unit === "rank" ? `đạt ${value}` : `từ ${value} trở lên`;
    case "gt":
      return `trên ${value}`;
    case "eq":
      return `đạt ${value}`;
    case "lte":
      return target.unit === "rank" ? `đạt ${value} trở lên` : `không quá ${value}`;
    case "lt":
      return `dưới ${value}`;
  }
}

/**
 * Share of [start, end] already past on `today`, in whole days; today itself is not past yet,
 * so the period is over (1) from the day after `end`. Clamped to 0…1.
 */
export function elapsedFraction(start: IsoDate, end: IsoDate, today: IsoDate): number {
  const length = daysBetween(start, end) + 1;
  if (length <= 0) return 1;
  const past = daysBetween(start, today);
  return Math.min(1, Math.max(0, past / length));
}
