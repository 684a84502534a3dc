/**
 * Scores a methodology document against its metrics: every leaf by its rule (score-leaf.ts),
 * then every group from its children, then the total and its band.
 *
 * A group's points:
 * - a leaf that splits to its siblings gives its maximum, in equal shares, to the applicable
 *   scored siblings (each is scored again against its larger maximum);
 * - when some children are not applicable, the applicable children's points are scaled to the
 *   group's maximum (group max × earned / applicable max);
 * - bonus and penalty leaves are then added and taken away, and the result kept within 0 and the
 *   group's maximum;
 * - a group none of whose scored children applies is not applicable itself.
 * Points are computed exactly and rounded to two decimals in the result; the band is that of the
 * rounded total, the figure people read.
 */
import { formatAmount, formatPoints, leafLabel, roundPoints, scoreLeaf } from "./score-leaf.ts";
import type { ScoreBasis } from "./score-leaf.ts";
import {
  isExtra,
  isLeaf,
  metricOf,
  type MethodologyDocument,
  type MethodologyNodeSpec,
  type MetricInputs,
  type RuleType,
  type ScoreBand,
  type ZeroDenominatorPolicy,
} from "./scoring-types.ts";

export interface ScoredNode {
  code: string;
  name: string;
  kind: "group" | "leaf";
  rule: RuleType | null;
  metric: string | null;
  /** Rounded to two decimals. */
  points: number;
  /** The maximum scored against (declared, plus split shares; 0 when left out). */
  max: number;
  declaredMax: number;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  basis: ScoreBasis | "children";
  policy: ZeroDenominatorPolicy | null;
  policyReason: "missing" | "zero_denominator" | null;
  manual: { value: number; source: string } | null;
  level: string | null;
  applicable: boolean;
  explanation: string;
  children: ScoredNode[];
}

export interface MethodologyScore {
  code: string;
  version: string;
  name: string;
  total: number;
  scale: number;
  band: ScoreBand | null;
  explanation: string;
  nodes: ScoredNode[];
}

/** A node's score while computing: exact points. */
interface Working extends Omit<ScoredNode, "points" | "children"> {
  exact: number;
  extra: boolean;
  spec: MethodologyNodeSpec;
  children: Working[];
}

export function scoreMethodology(
  document: MethodologyDocument,
  inputs: MetricInputs,
): MethodologyScore {
  const root = combine(
    { code: document.code, name: document.name, maxPoints: document.scale },
    document.nodes,
    inputs,
    document.scale,
  );
  const total = roundPoints(root.exact);
  const band = root.applicable ? bandOf(document.bands, total) : null;
  return {
    code: document.code,
    version: document.version,
    name: document.name,
    total,
    scale: document.scale,
    band,
    explanation: `Tổng điểm: ${formatPoints(total)}/${formatAmount(document.scale)}${band ? ` — xếp loại ${band.label}` : " — không có chỉ tiêu nào áp dụng"}${root.explanation ? ` (${root.explanation})` : ""}`,
    nodes: root.children.map(finish),
  };
}

/** The band whose minimum the total reaches, bands highest first. */
export function bandOf(bands: readonly ScoreBand[], total: number): ScoreBand | null {
  return [...bands].sort((a, b) => b.min - a.min).find((band) => total >= band.min) ?? null;
}

function finish(node: Working): ScoredNode {
  const { exact, extra: _extra, spec: _spec, children, ...rest } = node;
  return {
    ...rest,
    points: roundPoints(exact),
    max: roundPoints(rest.max),
    children: children.map(finish),
  };
}

function scoreNode(spec: MethodologyNodeSpec, inputs: MetricInputs, max: number): Working {
  if (!isLeaf(spec)) return group(spec, inputs, max);
  const metric = metricOf(spec);
  const leaf = scoreLeaf(spec, inputs[metric], max);
  const { points, ...rest } = leaf;
  return {
    ...rest,
    code: spec.code,
    name: spec.name,
    kind: "leaf",
    rule: spec.rule.type,
    metric,
    declaredMax: spec.maxPoints,
    exact: points,
    extra: isExtra(spec),
    spec,
    children: [],
  };
}

function group(
  spec: Extract<MethodologyNodeSpec, { children: unknown }>,
  inputs: MetricInputs,
  max: number,
): Working {
  const combined = combine(spec, spec.children, inputs, max);
  const label = leafLabel(spec);
  const points = formatPoints(combined.exact);
  return {
    ...combined,
    max: combined.applicable ? max : 0,
    explanation: combined.applicable
      ? `${label}: ${points}/${formatAmount(max)}${combined.explanation ? ` ${combined.explanation}` : ""}`
      : `${label}: không có chỉ tiêu nào áp dụng — không tính vào tổng`,
  };
}

/** The children's scores combined into their parent's (a group, or the document itself). */
function combine(
  spec: { code: string; name: string; maxPoints: number },
  childSpecs: readonly MethodologyNodeSpec[],
  inputs: MetricInputs,
  max: number,
): Working {
  const scale = spec.maxPoints > 0 ? max / spec.maxPoints : 0;
  let children = childSpecs.map((child) => scoreNode(child, inputs, child.maxPoints * scale));

  const notes: string[] = [];
  // Splits: the leaves' maxima shared equally by the applicable scored siblings.
  const splitting = children.filter((c) => c.policy === "split_to_siblings");
  const receivers = children.filter((c) => c.applicable && !c.extra);
  if (splitting.length > 0 && receivers.length > 0) {
    const shared = splitting.reduce((sum, c) => sum + c.declaredMax * scale, 0);
    const share = shared / receivers.length;
    const names = splitting.map((c) => leafLabel(c.spec)).join(", ");
    children = children.map((child) => {
      if (!receivers.includes(child)) return child;
      const rescored = scoreNode(child.spec, inputs, child.max + share);
      return {
        ...rescored,
        explanation: `${rescored.explanation} (gồm ${formatAmount(share)} điểm chia từ: ${names})`,
      };
    });
  }

  const scored = children.filter((c) => !c.extra);
  const applicable = scored.filter((c) => c.applicable);
  const earned = applicable.reduce((sum, c) => sum + c.exact, 0);
  const applicableMax = applicable.reduce((sum, c) => sum + c.max, 0);
  const anyApplicable = scored.length === 0 || applicable.length > 0;

  let exact = earned;
  if (applicable.length > 0 && applicableMax < max - 1e-9 && applicableMax > 0) {
    exact = (max * earned) / applicableMax;
    notes.push(
      `= ${formatAmount(max)} × ${formatPoints(earned)}/${formatAmount(roundPoints(applicableMax))} điểm của các chỉ tiêu áp dụng`,
    );
  }
  const extras = children.filter((c) => c.extra && c.applicable && c.exact !== 0);
  if (extras.length > 0) {
    const adjustment = extras.reduce((sum, c) => sum + c.exact, 0);
    notes.push(
      extras
        .map(
          (c) =>
            `${c.exact > 0 ? "+" : "−"} ${formatPoints(Math.abs(c.exact))} (${leafLabel(c.spec)})`,
        )
        .join(" "),
    );
    exact += adjustment;
  }
  exact = anyApplicable ? Math.min(max, Math.max(0, exact)) : 0;

  return {
    code: spec.code,
    name: spec.name,
    kind: "group",
    rule: null,
    metric: null,
    max,
    declaredMax: spec.maxPoints,
    ratio: null,
    numerator: null,
    denominator: null,
    basis: "children",
    policy: null,
    policyReason: null,
    manual: null,
    level: null,
    applicable: anyApplicable,
    explanation: notes.join(" "),
    exact,
    extra: false,
    spec: { ...spec, children: [...childSpecs] },
    children,
  };
}
