/**
 * The vocabulary of the scoring engine: a methodology document is a tree of nodes with maximum
 * points; each leaf carries a rule that turns a metric (numerator / denominator, or a figure entered
 * by hand) into points, and a declared policy for when the metric has nothing to count.
 */
import type { MethodologyKind } from "./methodology-status.ts";

export const RULE_TYPES = ["ratio", "threshold", "steps", "manual", "bonus", "penalty"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const RULE_TYPE_LABELS: Record<RuleType, string> = {
  ratio: "Điểm tối đa × tỷ lệ",
  threshold: "Điểm tối đa × tỷ lệ / ngưỡng (đạt ngưỡng được tối đa)",
  steps: "Theo bậc tỷ lệ",
  manual: "Chấm theo mức",
  bonus: "Điểm thưởng",
  penalty: "Điểm trừ",
};

/**
 * What a leaf scores when its metric has no data or a zero denominator ("không phát sinh"):
 * - `full`: the maximum; `none`: nothing;
 * - `not_applicable`: left out; its parent's points are its applicable children's, scaled to the
 *   parent's maximum;
 * - `split_to_siblings`: its maximum is shared equally by its applicable siblings.
 */
export const ZERO_DENOMINATOR_POLICIES = [
  "full",
  "none",
  "not_applicable",
  "split_to_siblings",
] as const;
export type ZeroDenominatorPolicy = (typeof ZERO_DENOMINATOR_POLICIES)[number];

export const ZERO_DENOMINATOR_POLICY_LABELS: Record<ZeroDenominatorPolicy, string> = {
  full: "Được điểm tối đa",
  none: "Không được điểm",
  not_applicable: "Không áp dụng (tính trên các chỉ tiêu còn lại)",
  split_to_siblings: "Chia đều điểm cho các chỉ tiêu cùng nhóm",
};

/** One step of a step table: at or above `minRatio` (0–1), the leaf scores `points`. */
export interface RuleStep {
  minRatio: number;
  points: number;
}

/** One level of a manual score: its label and the points it gives. */
export interface ManualLevel {
  label: string;
  points: number;
}

export type ScoringRule =
  | { type: "ratio" }
  /** max × min(1, ratio / threshold); threshold as a fraction (0,8 for 80 %). */
  | { type: "threshold"; threshold: number }
  /** The first step, highest first, whose minRatio the ratio reaches. */
  | { type: "steps"; steps: RuleStep[] }
  | { type: "manual"; levels: ManualLevel[] }
  /** Added to the parent, up to the leaf's maximum; outside the parent's sum of maxima. */
  | { type: "bonus" }
  /** Taken from the parent, up to the leaf's maximum; outside the parent's sum of maxima. */
  | { type: "penalty" };

export interface MethodologyLeaf {
  code: string;
  name: string;
  /** A short name for explanations ("Tiến độ giải quyết"); the name when left out. */
  label?: string;
  maxPoints: number;
  /** The metric it binds to; its own code when left out. */
  metric?: string;
  /** What the numerator counts, for explanations ("hồ sơ đúng hạn"). */
  unit?: string;
  rule: ScoringRule;
  zeroDenominator: ZeroDenominatorPolicy;
  /** Where the rule comes from and how sure it is. */
  note?: string;
}

export interface MethodologyGroup {
  code: string;
  name: string;
  label?: string;
  maxPoints: number;
  children: MethodologyNodeSpec[];
  note?: string;
}

export type MethodologyNodeSpec = MethodologyLeaf | MethodologyGroup;

export interface ScoreBand {
  code: string;
  label: string;
  /** Lowest total (inclusive) of the band. */
  min: number;
}

export interface MethodologyDocument {
  /** Stable identity across versions ("service-index-766"). */
  code: string;
  version: string;
  name: string;
  /** The methodology's family ("service_index_766", "par_index", "sipas"). */
  kind: MethodologyKind;
  /** YYYY-MM-DD: the first day the version applies. */
  effectiveFrom: string;
  /** YYYY-MM-DD: the last day it applies; open-ended when null or left out. */
  effectiveTo?: string | null;
  source?: string;
  note?: string;
  /** The total's maximum (100). */
  scale: number;
  /** Highest first; the last starts at 0. */
  bands: ScoreBand[];
  nodes: MethodologyNodeSpec[];
}

/**
 * The figures a methodology is scored on, by metric code: a numerator and denominator measured
 * from data, or a figure entered by hand for the period with its source. A hand figure is the
 * rate in percent (0–100) for ratio, threshold and step leaves, and the points awarded for manual,
 * bonus and penalty leaves.
 */
export type MetricInput =
  | { numerator: number; denominator: number }
  | { value: number; source: string }
  /**
   * Points set for the leaf whatever its rule reads (a scorecard's self score on a leaf scored from
   * data, overridden with a reason; an appraiser's points): kept within 0 and the leaf's maximum,
   * taken away for a penalty.
   */
  | { points: number; source: string }
  /** The leaf is declared "không phát sinh" for the period: it leaves its group's denominator. */
  | { notApplicable: true; source: string };
export type MetricInputs = Record<string, MetricInput>;

export function isLeaf(node: MethodologyNodeSpec): node is MethodologyLeaf {
  return "rule" in node;
}

/** Bonus and penalty leaves sit outside their parent's sum of maxima. */
export function isExtra(node: MethodologyNodeSpec): boolean {
  return isLeaf(node) && (node.rule.type === "bonus" || node.rule.type === "penalty");
}

export function metricOf(leaf: MethodologyLeaf): string {
  return leaf.metric ?? leaf.code;
}
