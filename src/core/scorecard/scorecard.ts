/**
 * A PAR Index scorecard (phiếu tự chấm điểm Chỉ số CCHC) of a unit for a year, scored by the one
 * scoring engine (src/core/methodology) from the entries kept per leaf:
 *
 * - a leaf scored from live data (ratio, threshold or step rule) shows the computed points; the
 *   unit may override them only with a reason, which becomes the points' source;
 * - a manual, bonus or penalty leaf takes the points the unit gives it (none yet: the leaf's
 *   zero-denominator policy);
 * - a leaf declared "không phát sinh" leaves its group's denominator (engine: `notApplicable`);
 * - the reviewer's appraisal sets points per leaf beside the self score (both are kept); a leaf
 *   the reviewer leaves alone keeps the self score in the appraised total.
 *
 * The index is the total as a percentage of the scale: the engine scales each group to the
 * applicable maximum, so leaves that do not apply have already left the denominator.
 */
import {
  isLeaf,
  leavesOf,
  metricOf,
  roundPoints,
  scoreMethodology,
  type MethodologyDocument,
  type MethodologyLeaf,
  type MethodologyScore,
  type MetricInput,
  type MetricInputs,
  type ScoreBand,
} from "../methodology/index.ts";
import { selfEntryProblem, type SelfEntryValues } from "./self-entry.ts";

export const SCORECARD_STATUSES = ["draft", "submitted", "appraised", "published"] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const SCORECARD_STATUS_LABELS: Record<ScorecardStatus, string> = {
  draft: "Đang tự chấm",
  submitted: "Đã gửi thẩm định",
  appraised: "Đã thẩm định",
  published: "Đã công bố",
};

export const SCORECARD_TRANSITIONS = ["submit", "return", "appraise", "publish"] as const;
export type ScorecardTransition = (typeof SCORECARD_TRANSITIONS)[number];

export const SCORECARD_TRANSITION_LABELS: Record<ScorecardTransition, string> = {
  submit: "Gửi thẩm định",
  return: "Trả lại để chỉnh sửa",
  appraise: "Hoàn tất thẩm định",
  publish: "Công bố kết quả",
};

const FROM: Record<ScorecardTransition, readonly ScorecardStatus[]> = {
  submit: ["draft"],
  return: ["submitted", "appraised"],
  appraise: ["submitted"],
  publish: ["appraised"],
};
const TO: Record<ScorecardTransition, ScorecardStatus> = {
  submit: "submitted",
  return: "draft",
  appraise: "appraised",
  publish: "published",
};

/** The status a transition leads to, or null when it does not start from `status`. */
export function nextStatus(
  status: ScorecardStatus,
  transition: ScorecardTransition,
): ScorecardStatus | null {
  return FROM[transition].includes(status) ? TO[transition] : null;
}

/** Who makes a transition: the unit itself submits; the upper level returns, appraises, publishes. */
export function transitionSide(transition: ScorecardTransition): "unit" | "reviewer" {
  return transition === "submit" ? "unit" : "reviewer";
}

/** What the unit and the reviewer have entered on one leaf. */
export interface LeafEntry {
  leafCode: string;
  selfPoints: number | null;
  notApplicable: boolean;
  /** Why evidence is missing, or what the self score rests on. */
  explanation: string | null;
  /** Required to change the points of a leaf scored from data. */
  overrideReason: string | null;
  appraisedPoints: number | null;
  appraisedNotApplicable: boolean;
  appraisalNote: string | null;
  evidenceCount: number;
}

export function emptyEntry(leafCode: string): LeafEntry {
  return {
    leafCode,
    selfPoints: null,
    notApplicable: false,
    explanation: null,
    overrideReason: null,
    appraisedPoints: null,
    appraisedNotApplicable: false,
    appraisalNote: null,
    evidenceCount: 0,
  };
}

const RATE_RULES = new Set(["ratio", "threshold", "steps"]);

/** A leaf that scores itself from a live metric (KPI, SIPAS, plan tasks). */
export function isAutoLeaf(leaf: MethodologyLeaf): boolean {
  return RATE_RULES.has(leaf.rule.type);
}

/** The engine's input for one leaf from the unit's entry and the live figure. */
function selfInput(
  leaf: MethodologyLeaf,
  entry: LeafEntry | undefined,
  live: MetricInput | undefined,
): MetricInput | undefined {
  if (entry?.notApplicable) {
    return { notApplicable: true, source: entry.explanation ?? "đơn vị xác định không phát sinh" };
  }
  if (isAutoLeaf(leaf)) {
    if (entry?.selfPoints != null && entry.overrideReason) {
      return { points: entry.selfPoints, source: `điều chỉnh, lý do: ${entry.overrideReason}` };
    }
    return live;
  }
  if (entry?.selfPoints != null) return { points: entry.selfPoints, source: "đơn vị tự chấm" };
  return undefined;
}

function appraisedInput(
  leaf: MethodologyLeaf,
  entry: LeafEntry | undefined,
  live: MetricInput | undefined,
): MetricInput | undefined {
  const note = entry?.appraisalNote ? `: ${entry.appraisalNote}` : "";
  if (entry?.appraisedNotApplicable) {
    return { notApplicable: true, source: `thẩm định${note}` };
  }
  if (entry?.appraisedPoints != null) {
    return { points: entry.appraisedPoints, source: `thẩm định${note}` };
  }
  return selfInput(leaf, entry, live);
}

/** The live inputs under the leaves' own codes (a leaf's metric may be shared). */
function inputsFor(
  document: MethodologyDocument,
  pick: (leaf: MethodologyLeaf) => MetricInput | undefined,
): { inputs: MetricInputs; document: MethodologyDocument } {
  // Leaves are scored by their own code so two leaves on one metric keep their own entries.
  const inputs: MetricInputs = {};
  const rewrite = (
    node: MethodologyDocument["nodes"][number],
  ): MethodologyDocument["nodes"][number] => {
    if (!isLeaf(node)) return { ...node, children: node.children.map(rewrite) };
    const input = pick(node);
    if (input !== undefined) inputs[node.code] = input;
    return { ...node, metric: node.code };
  };
  return { inputs, document: { ...document, nodes: document.nodes.map(rewrite) } };
}

export interface ScorecardScore {
  self: MethodologyScore;
  /** Null until the reviewer has entered anything (or the card was appraised). */
  appraised: MethodologyScore | null;
  selfIndex: number;
  appraisedIndex: number | null;
}

/** Percentage of the scale, two decimals. */
export function indexOf(score: MethodologyScore): number {
  return score.scale > 0 ? roundPoints((score.total / score.scale) * 100) : 0;
}

export function scoreScorecard(
  document: MethodologyDocument,
  entries: readonly LeafEntry[],
  live: MetricInputs,
  options: { withAppraisal: boolean },
): ScorecardScore {
  const byCode = new Map(entries.map((e) => [e.leafCode, e]));
  const liveOf = (leaf: MethodologyLeaf) => live[metricOf(leaf)];
  const selfRun = inputsFor(document, (leaf) =>
    selfInput(leaf, byCode.get(leaf.code), liveOf(leaf)),
  );
  const self = scoreMethodology(selfRun.document, selfRun.inputs);
  const appraisedAny =
    options.withAppraisal ||
    entries.some((e) => e.appraisedPoints !== null || e.appraisedNotApplicable);
  let appraised: MethodologyScore | null = null;
  if (appraisedAny) {
    const run = inputsFor(document, (leaf) =>
      appraisedInput(leaf, byCode.get(leaf.code), liveOf(leaf)),
    );
    appraised = scoreMethodology(run.document, run.inputs);
  }
  return {
    self,
    appraised,
    selfIndex: indexOf(self),
    appraisedIndex: appraised ? indexOf(appraised) : null,
  };
}

export interface EntryIssue {
  leafCode: string;
  message: string;
}

/** Points entered for a leaf: within 0 and its maximum; a data leaf needs a reason to change. */
export function checkSelfEntry(leaf: MethodologyLeaf, entry: SelfEntryValues): string | null {
  return selfEntryProblem(
    { maxPoints: leaf.maxPoints, auto: isAutoLeaf(leaf), bonus: leaf.rule.type === "bonus" },
    entry,
  );
}

export function checkAppraisedPoints(leaf: MethodologyLeaf, points: number | null): string | null {
  if (points === null) return null;
  if (!Number.isFinite(points) || points < 0) return "Điểm thẩm định không được âm.";
  if (points > leaf.maxPoints + 1e-9) {
    return `Điểm thẩm định vượt điểm tối đa của tiêu chí (${leaf.maxPoints}).`;
  }
  return null;
}

/**
 * Before submitting: every leaf the unit gave points to by hand has evidence or an explanation
 * of why there is none.
 */
export function submissionIssues(
  document: MethodologyDocument,
  entries: readonly LeafEntry[],
): EntryIssue[] {
  const byCode = new Map(entries.map((e) => [e.leafCode, e]));
  const issues: EntryIssue[] = [];
  for (const { leaf } of leavesOf(document)) {
    const entry = byCode.get(leaf.code);
    if (!entry || entry.notApplicable) continue;
    const scoredByHand = entry.selfPoints !== null && entry.selfPoints > 0;
    if (scoredByHand && entry.evidenceCount === 0 && !entry.explanation?.trim()) {
      issues.push({
        leafCode: leaf.code,
        message: `Tiêu chí ${leaf.code}: chưa có tài liệu kiểm chứng và chưa giải trình lý do.`,
      });
    }
  }
  return issues;
}

/** The band of an index (bands as percentages, highest first or in any order). */
export function bandOfIndex(bands: readonly ScoreBand[], index: number): ScoreBand | null {
  return [...bands].sort((a, b) => b.min - a.min).find((b) => index >= b.min) ?? null;
}
