/**
 * "Nếu năm kết thúc hôm nay": the scorecard scored on the live figures of the year so far and the
 * unit's entries, and the leaves where points are being lost, most points at stake first, each
 * with what would recover them — how many more on-time items reach the next step, the open tasks
 * of the leaf's area, or the self score and evidence still missing.
 *
 * Pure: the caller measures the figures up to the date it chooses and passes the open tasks.
 */
import { AREA_KEYS, type AreaKey } from "../plan/plan-area.ts";
import {
  formatAmount,
  formatPoints,
  leavesOf,
  roundPoints,
  type MethodologyDocument,
  type MethodologyLeaf,
  type MetricInputs,
  type ScoredNode,
} from "../methodology/index.ts";
import { isAutoLeaf, scoreScorecard, type LeafEntry } from "./scorecard.ts";

export interface OpenTask {
  areaKey: string;
  text: string;
  dueDate: string | null;
}

export interface PointLoss {
  leafCode: string;
  name: string;
  areaCode: string;
  points: number;
  max: number;
  /** max − points, two decimals. */
  stake: number;
  explanation: string;
  /** What would recover the points, in Vietnamese, most direct first. */
  recovery: string[];
}

export interface ScorecardForecast {
  asOf: string;
  total: number;
  scale: number;
  index: number;
  band: string | null;
  losses: PointLoss[];
}

/** Top-level node i of a PAR methodology is the i-th standard area of the plans. */
export function areaKeyOfTop(index: number): AreaKey | null {
  return AREA_KEYS[index] ?? null;
}

function flatten(nodes: readonly ScoredNode[]): Map<string, ScoredNode> {
  const map = new Map<string, ScoredNode>();
  const visit = (n: ScoredNode) => {
    map.set(n.code, n);
    n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return map;
}

const percent = (ratio: number) => `${formatAmount(roundPoints(ratio * 100))}%`;

/** The ratio the leaf must reach to earn more, or null when it already earns its maximum. */
function nextRatio(leaf: MethodologyLeaf, ratio: number): number | null {
  const rule = leaf.rule;
  if (rule.type === "threshold") return ratio < rule.threshold ? rule.threshold : null;
  if (rule.type === "steps") {
    const above = rule.steps
      .filter((s) => s.minRatio > ratio)
      .sort((a, b) => a.minRatio - b.minRatio);
    return above[0]?.minRatio ?? null;
  }
  return ratio < 1 ? 1 : null;
}

function rateRecovery(leaf: MethodologyLeaf, node: ScoredNode): string[] {
  const unit = leaf.unit ?? "trường hợp đạt";
  if (node.numerator === null || node.denominator === null || node.denominator === 0) {
    return ["Chưa có số liệu phát sinh trong năm: cập nhật số liệu trên hệ thống."];
  }
  const ratio = node.numerator / node.denominator;
  const target = nextRatio(leaf, ratio);
  if (target === null) return [];
  const now = `hiện ${formatAmount(node.numerator)}/${formatAmount(node.denominator)} = ${percent(ratio)}`;
  if (target >= 1) {
    const missing = node.denominator - node.numerator;
    return [
      `Cần đạt 100% (${now}); ${formatAmount(missing)} trường hợp chưa đạt không gỡ lại được trong năm — giữ 100% ${unit} từ nay để không giảm thêm.`,
    ];
  }
  const more = Math.max(
    1,
    Math.ceil((target * node.denominator - node.numerator) / (1 - target) - 1e-9),
  );
  return [
    `Cần đạt ${percent(target)} (${now}): thêm ${formatAmount(more)} ${unit} liên tiếp, không có trường hợp không đạt.`,
  ];
}

export function forecastScorecard(input: {
  document: MethodologyDocument;
  entries: readonly LeafEntry[];
  live: MetricInputs;
  openTasks: readonly OpenTask[];
  asOf: string;
}): ScorecardForecast {
  const { document, entries } = input;
  const score = scoreScorecard(document, entries, input.live, { withAppraisal: false });
  const scored = flatten(score.self.nodes);
  const byCode = new Map(entries.map((e) => [e.leafCode, e]));
  const topOf = new Map<string, number>();
  document.nodes.forEach((top, index) => {
    const visit = (node: MethodologyDocument["nodes"][number]) => {
      topOf.set(node.code, index);
      if ("children" in node) node.children.forEach(visit);
    };
    visit(top);
  });

  const losses: PointLoss[] = [];
  for (const { leaf } of leavesOf(document)) {
    const node = scored.get(leaf.code);
    if (!node || !node.applicable) continue;
    if (leaf.rule.type === "bonus" || leaf.rule.type === "penalty") continue;
    const stake = roundPoints(node.max - node.points);
    if (stake <= 0) continue;
    const topIndex = topOf.get(leaf.code) ?? 0;
    const areaKey = areaKeyOfTop(topIndex);
    const entry = byCode.get(leaf.code);
    const recovery: string[] = [];
    if (isAutoLeaf(leaf)) {
      recovery.push(...rateRecovery(leaf, node));
    } else if (entry?.selfPoints == null) {
      recovery.push("Chưa tự chấm: chấm điểm tiêu chí và đính kèm tài liệu kiểm chứng.");
    } else {
      recovery.push(
        `Đang tự chấm ${formatPoints(node.points)}/${formatAmount(node.max)}: bổ sung kết quả và tài liệu kiểm chứng để đạt mức cao hơn.`,
      );
      if (entry.evidenceCount === 0) recovery.push("Chưa có tài liệu kiểm chứng.");
    }
    const open = areaKey ? input.openTasks.filter((t) => t.areaKey === areaKey) : [];
    if (open.length > 0) {
      const list = open
        .slice(0, 5)
        .map((t) => `“${t.text}”`)
        .join("; ");
      recovery.push(
        `Hoàn thành ${formatAmount(open.length)} nhiệm vụ còn mở của lĩnh vực: ${list}${open.length > 5 ? "…" : ""}.`,
      );
    }
    losses.push({
      leafCode: leaf.code,
      name: leaf.name,
      areaCode: document.nodes[topIndex]?.code ?? "",
      points: node.points,
      max: node.max,
      stake,
      explanation: node.explanation,
      recovery,
    });
  }
  losses.sort((a, b) => b.stake - a.stake || a.leafCode.localeCompare(b.leafCode, "en"));
  return {
    asOf: input.asOf,
    total: score.self.total,
    scale: score.self.scale,
    index: score.selfIndex,
    band: score.self.band?.label ?? null,
    losses,
  };
}
