/**
 * One leaf's points from its metric, by its rule, with a Vietnamese explanation:
 * "Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn".
 * A leaf without data, or with a zero denominator, follows its declared policy and says so.
 */
import { formatNumber } from "../text/number-format.ts";
import type {
  MethodologyLeaf,
  MetricInput,
  RuleType,
  ZeroDenominatorPolicy,
} from "./scoring-types.ts";

/** Where a leaf's points come from. */
export type ScoreBasis = "data" | "manual" | "policy";

export interface LeafScore {
  /** Exact points (signed: a penalty is negative); rounded only for display. */
  points: number;
  /** The maximum it is scored against: declared, plus shares split to it; 0 when left out. */
  max: number;
  /** 0–1; null when nothing was measured. */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  basis: ScoreBasis;
  /** The zero-denominator policy that applied, if one did. */
  policy: ZeroDenominatorPolicy | null;
  /** Why the policy applied: no figure at all, or a zero denominator. */
  policyReason: "missing" | "zero_denominator" | null;
  manual: { value: number; source: string } | null;
  /** The manual level chosen, for manual leaves. */
  level: string | null;
  /** False when left out (not applicable, or split to its siblings). */
  applicable: boolean;
  explanation: string;
}

/** Rounds to two decimals, half away from zero on the decimal value (89,995 → 90). */
export function roundPoints(value: number): number {
  const scaled = Math.round(Number((Math.abs(value) * 100).toPrecision(15))) / 100;
  return value < 0 ? -scaled : scaled;
}

/** "18,40": points always with two decimals. */
export const formatPoints = (value: number) =>
  formatNumber(value, { maxFractionDigits: 2, minFractionDigits: 2 });
/** "20", "1,5": maxima and counts without trailing zeros. */
export const formatAmount = (value: number) =>
  formatNumber(value, { maxFractionDigits: 2, minFractionDigits: 0 });
const formatRatioPercent = (ratio: number) =>
  `${formatNumber(ratio * 100, { maxFractionDigits: 2, minFractionDigits: 2 })}%`;
const formatThreshold = (ratio: number) =>
  `${formatNumber(ratio * 100, { maxFractionDigits: 2, minFractionDigits: 0 })}%`;

export function leafLabel(leaf: { label?: string; name: string }): string {
  return leaf.label ?? leaf.name;
}

const RATE_RULES: ReadonlySet<RuleType> = new Set(["ratio", "threshold", "steps"]);

/** The leaf's score against `max` (its declared maximum unless shares were split to it). */
export function scoreLeaf(
  leaf: MethodologyLeaf,
  input: MetricInput | undefined,
  max: number = leaf.maxPoints,
): LeafScore {
  const label = leafLabel(leaf);
  const base = {
    max,
    ratio: null,
    numerator: null,
    denominator: null,
    policy: null,
    policyReason: null,
    manual: null,
    level: null,
    applicable: true,
  } as const;

  if (input === undefined || ("denominator" in input && input.denominator === 0)) {
    return applyPolicy(leaf, max, input === undefined ? "missing" : "zero_denominator", input);
  }

  const rule = leaf.rule;
  if ("notApplicable" in input) {
    return {
      ...base,
      points: 0,
      max: 0,
      applicable: false,
      basis: "manual",
      manual: { value: 0, source: input.source },
      explanation: `${label}: không phát sinh (${input.source}) — không tính vào điểm tối đa của nhóm`,
    };
  }
  if ("points" in input) {
    const amount = Math.min(max, Math.max(0, input.points));
    const manual = { value: input.points, source: input.source };
    if (rule.type === "bonus" || rule.type === "penalty") {
      return {
        ...base,
        points: rule.type === "bonus" ? amount : -amount,
        basis: "manual",
        manual,
        explanation: `${label}: ${extraText(rule.type, amount, max)} (chấm: ${input.source})`,
      };
    }
    const level = rule.type === "manual" ? rule.levels.find((l) => l.points === amount) : undefined;
    return {
      ...base,
      points: amount,
      basis: "manual",
      manual,
      level: level?.label ?? null,
      explanation: `${label}: ${formatPoints(amount)}/${formatAmount(max)} — ${level ? `mức “${level.label}”, ` : ""}chấm: ${input.source}`,
    };
  }
  if ("value" in input) {
    const manual = { value: input.value, source: input.source };
    const from = `nhập tay, nguồn: ${input.source}`;
    if (rule.type === "manual") {
      const level = rule.levels.find((l) => l.points === input.value) ?? null;
      const points = Math.min(max, input.value);
      return {
        ...base,
        points,
        basis: "manual",
        manual,
        level: level?.label ?? null,
        explanation: `${label}: ${formatPoints(points)}/${formatAmount(max)} — ${level ? `mức “${level.label}”, ` : ""}${from}`,
      };
    }
    if (rule.type === "bonus" || rule.type === "penalty") {
      const amount = Math.min(max, input.value);
      return {
        ...base,
        points: rule.type === "bonus" ? amount : -amount,
        basis: "manual",
        manual,
        explanation: `${label}: ${extraText(rule.type, amount, max)} (${from})`,
      };
    }
    const ratio = input.value / 100;
    const scored = rateScore(leaf, ratio, max, formatRatioPercent(ratio));
    return {
      ...base,
      points: scored.points,
      ratio,
      basis: "manual",
      manual,
      explanation: `${label}: ${formatPoints(scored.points)}/${formatAmount(max)} ${scored.how} (số liệu ${from})`,
    };
  }

  const { numerator, denominator } = input;
  const ratio = numerator / denominator;
  const counted = `${formatAmount(numerator)}/${formatAmount(denominator)}${leaf.unit ? ` ${leaf.unit}` : ""}`;
  const measured = { ...base, ratio, numerator, denominator, basis: "data" as const };
  if (rule.type === "bonus" || rule.type === "penalty") {
    const amount = max * Math.min(1, ratio);
    return {
      ...measured,
      points: rule.type === "bonus" ? amount : -amount,
      explanation: `${label}: ${extraText(rule.type, amount, max)} = ${formatAmount(max)} × ${counted}`,
    };
  }
  if (RATE_RULES.has(rule.type)) {
    const scored = rateScore(leaf, ratio, max, counted);
    return {
      ...measured,
      points: scored.points,
      explanation: `${label}: ${formatPoints(scored.points)}/${formatAmount(max)} ${scored.how}`,
    };
  }
  // A manual leaf measured from data: its levels cannot read a ratio; the schema refuses the pair.
  return applyPolicy(leaf, max, "missing", undefined);
}

function extraText(type: "bonus" | "penalty", amount: number, max: number): string {
  return type === "bonus"
    ? `+${formatPoints(amount)} điểm thưởng (tối đa ${formatAmount(max)})`
    : `−${formatPoints(amount)} điểm trừ (tối đa ${formatAmount(max)})`;
}

/**
 * Points of a ratio, threshold or step leaf for a ratio (0–1), and how they were reached; `what`
 * is the measured figure as it reads ("920/1.000 hồ sơ đúng hạn", or "95,00%" entered by hand).
 */
function rateScore(leaf: MethodologyLeaf, ratio: number, max: number, what: string) {
  const rule = leaf.rule;
  const percent = what.endsWith("%") ? what : `${what} = ${formatRatioPercent(ratio)}`;
  switch (rule.type) {
    case "threshold": {
      const threshold = formatThreshold(rule.threshold);
      if (ratio >= rule.threshold) {
        return { points: max, how: `— ${percent}, đạt ngưỡng ${threshold}` };
      }
      const points = (max * ratio) / rule.threshold;
      return { points, how: `= ${formatAmount(max)} × ${what} ÷ ${threshold}` };
    }
    case "steps": {
      const scale = leaf.maxPoints > 0 ? max / leaf.maxPoints : 0;
      const step = [...rule.steps]
        .sort((a, b) => b.minRatio - a.minRatio)
        .find((s) => ratio >= s.minRatio);
      if (!step) return { points: 0, how: `— ${percent}, dưới mức thấp nhất của bảng bậc` };
      return {
        points: step.points * scale,
        how: `— ${percent}, mức từ ${formatThreshold(step.minRatio)}`,
      };
    }
    default: {
      const points = max * Math.min(1, ratio);
      return { points, how: `= ${formatAmount(max)} × ${what}` };
    }
  }
}

const REASON_TEXT = {
  missing: "chưa có số liệu",
  zero_denominator: "không phát sinh (mẫu số bằng 0)",
} as const;

function applyPolicy(
  leaf: MethodologyLeaf,
  max: number,
  reason: "missing" | "zero_denominator",
  input: MetricInput | undefined,
): LeafScore {
  const label = leafLabel(leaf);
  const policy = leaf.zeroDenominator;
  const measured =
    input && "denominator" in input
      ? { numerator: input.numerator, denominator: input.denominator }
      : { numerator: null, denominator: null };
  const common = {
    ratio: null,
    ...measured,
    basis: "policy" as const,
    policy,
    policyReason: reason,
    manual: null,
    level: null,
  };
  const why = REASON_TEXT[reason];
  const extra = leaf.rule.type === "bonus" || leaf.rule.type === "penalty";
  switch (policy) {
    case "full": {
      const points = extra && leaf.rule.type === "penalty" ? -max : max;
      return {
        ...common,
        points,
        max,
        applicable: true,
        explanation: extra
          ? `${label}: ${extraText(leaf.rule.type as "bonus" | "penalty", max, max)} — ${why}, tính mức tối đa theo quy định của bộ chỉ số`
          : `${label}: ${formatPoints(max)}/${formatAmount(max)} — ${why}: được điểm tối đa theo quy định của bộ chỉ số`,
      };
    }
    case "none":
      return {
        ...common,
        points: 0,
        max,
        applicable: true,
        explanation: extra
          ? `${label}: 0 điểm — ${why}`
          : `${label}: ${formatPoints(0)}/${formatAmount(max)} — ${why}: không được điểm theo quy định của bộ chỉ số`,
      };
    case "not_applicable":
      return {
        ...common,
        points: 0,
        max: 0,
        applicable: false,
        explanation: `${label}: ${why} — không áp dụng; điểm của nhóm tính trên các chỉ tiêu còn lại`,
      };
    case "split_to_siblings":
      return {
        ...common,
        points: 0,
        max: 0,
        applicable: false,
        explanation: `${label}: ${why} — ${formatAmount(max)} điểm chia đều cho các chỉ tiêu cùng nhóm`,
      };
  }
}
