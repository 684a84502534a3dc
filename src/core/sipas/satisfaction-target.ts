import type { TargetMetric } from "../plan/target-metric.ts";
import type { FieldGroup } from "./field-group.ts";
import type { Figure } from "./indices.ts";

/**
 * Plans' satisfaction targets ("mức độ hài lòng đạt từ 90 % trở lên; lĩnh vực đất đai, xây dựng
 * từ 80 %") measured from SIPAS responses: the overall index (aggregated as the questionnaire
 * version in force declares) of the responses answered within the plan period so far, by the
 * plan's unit and the units counting for it. The land and construction target counts only the
 * responses about procedures of those two field groups. No valid answer gives no value
 * ("chưa có số liệu"), never 0 %.
 */
export interface SatisfactionTargetSelection {
  /** Null: every response, whatever its procedure field (or none). */
  fieldGroups: readonly FieldGroup[] | null;
}

const SELECTIONS: Partial<Record<TargetMetric, SatisfactionTargetSelection>> = {
  satisfaction_rate: { fieldGroups: null },
  satisfaction_rate_land_construction: { fieldGroups: ["land", "construction"] },
};

/** The target metrics measured from SIPAS responses. */
export const SATISFACTION_TARGET_METRICS = Object.keys(SELECTIONS) as TargetMetric[];

/** Which responses a satisfaction target counts; null for a metric SIPAS does not measure. */
export function satisfactionTargetSelection(metric: string): SatisfactionTargetSelection | null {
  return SELECTIONS[metric as TargetMetric] ?? null;
}

/** The measured value of a satisfaction target, in percent; null when nothing was answered. */
export function satisfactionTargetValue(figure: Figure): number | null {
  return figure.denominator > 0 ? (figure.numerator / figure.denominator) * 100 : null;
}
