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

/** The survey sample behind a measured satisfaction target. */
export interface SurveySample {
  /** Responses counted (the overall index's respondents). */
  size: number;
  /** The questionnaire version's minimum sample for a trustworthy index. */
  minimum: number;
  /** A value was measured, but from fewer responses than the minimum. */
  isSmall: boolean;
  /** The Vietnamese warning shown next to the value, null when the sample is enough. */
  warning: string | null;
}

export interface SatisfactionTargetMeasurement {
  /** In percent; null when nothing was answered. */
  value: number | null;
  sample: SurveySample;
}

/**
 * A satisfaction target's measured value with its sample, as the SIPAS page warns: a value from
 * fewer responses than the questionnaire's `minSample` is shown with a warning. No value (nothing
 * answered) needs no warning: it reads "chưa có số liệu".
 */
export function satisfactionTargetMeasurement(
  figure: Figure,
  respondents: number,
  minSample: number,
): SatisfactionTargetMeasurement {
  const value = satisfactionTargetValue(figure);
  const isSmall = value !== null && respondents < minSample;
  return {
    value,
    sample: {
      size: respondents,
      minimum: minSample,
      isSmall,
      warning: isSmall
        ? `Mẫu khảo sát nhỏ (n = ${respondents} < ${minSample}): chưa đủ tin cậy`
        : null,
    },
  };
}

/** The measured value of a satisfaction target, in percent; null when nothing was answered. */
export function satisfactionTargetValue(figure: Figure): number | null {
  return figure.denominator > 0 ? (figure.numerator / figure.denominator) * 100 : null;
}
