/**
 * The short form of a score, as `cchc index … --json` prints it: the total, the band and each
 * group with its indicators, points and maxima rounded to two decimals, ratios to four.
 */
import { roundPoints } from "./score-leaf.ts";
import type { MethodologyScore, ScoredNode } from "./score-methodology.ts";

export interface ScoreSummary {
  total: number;
  band: string | null;
  groups: {
    code: string;
    name: string;
    points: number;
    max: number;
    indicators: { code: string; points: number; max: number; ratio: number | null }[];
  }[];
}

const roundRatio = (ratio: number | null) =>
  ratio === null ? null : Math.round(Number((ratio * 1e4).toPrecision(15))) / 1e4;

function leavesUnder(node: ScoredNode): ScoredNode[] {
  return node.kind === "leaf" ? [node] : node.children.flatMap(leavesUnder);
}

export function summarizeScore(score: MethodologyScore): ScoreSummary {
  return {
    total: score.total,
    band: score.band?.label ?? null,
    groups: score.nodes.map((group) => ({
      code: group.code,
      name: group.name,
      points: roundPoints(group.points),
      max: roundPoints(group.max),
      indicators: leavesUnder(group).map((leaf) => ({
        code: leaf.code,
        points: roundPoints(leaf.points),
        max: roundPoints(leaf.max),
        ratio: roundRatio(leaf.ratio),
      })),
    })),
  };
}
