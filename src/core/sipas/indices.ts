import { ANSWER_VALUES, type AnswerValue } from "./answers.ts";
import type { PartKey, Questionnaire } from "./questionnaire.ts";

/**
 * SIPAS indices from answer counts (pure; the database counts, this adds up).
 *
 * An item's satisfaction is (answers 4 + 5) / valid answers (1 to 5; “không trả lời” is not a
 * valid answer). Factors, parts and the overall index add up as the version declares
 * (questionnaire.ts `aggregation`). Each level carries its figure as `{ numerator, denominator }`:
 * - pooled answers: satisfied answers / valid answers;
 * - mean of means: the sum of its components' rates (each 0–1) / the number of components that
 *   have valid answers — so numerator / denominator is the mean, and a level without any valid
 *   answer has denominator 0 (shown as “chưa có câu trả lời”, never as 0 %).
 */

/** How many responses gave `value` to an item (`null`: the item was left unanswered). */
export interface AnswerTally {
  itemCode: string;
  value: AnswerValue | null;
  count: number;
}

/** Responses with at least one valid answer: in all, per part and per factor. */
export interface RespondentCounts {
  total: number;
  byPart: Partial<Record<PartKey, number>>;
  byFactor: Record<string, number>;
}

export interface Figure {
  numerator: number;
  denominator: number;
}

interface Level extends Figure {
  /** numerator / denominator × 100, or null when nothing was answered. */
  percent: number | null;
  /** Answers (items) or responses (factors, parts, overall) behind the figure. */
  sampleSize: number;
  isSmallSample: boolean;
}

export interface ItemIndex extends Level {
  code: string;
  text: string;
  counts: Record<AnswerValue, number>;
  noAnswer: number;
  satisfied: number;
  valid: number;
}

export interface FactorIndex extends Level {
  key: string;
  label: string;
  items: ItemIndex[];
}

export interface PartIndex extends Level {
  key: PartKey;
  label: string;
  factors: FactorIndex[];
}

export interface SipasIndices {
  questionnaireCode: string;
  aggregation: Questionnaire["aggregation"];
  minSample: number;
  overall: Level;
  parts: PartIndex[];
}

const percentOf = (figure: Figure) =>
  figure.denominator === 0 ? null : (figure.numerator / figure.denominator) * 100;

function level(figure: Figure, sampleSize: number, minSample: number): Level {
  return {
    ...figure,
    percent: percentOf(figure),
    sampleSize,
    isSmallSample: sampleSize < minSample,
  };
}

/** Mean of the components that have answers: Σ rate / how many. */
function meanFigure(components: readonly Level[]): Figure {
  const answered = components.filter((c) => c.percent !== null);
  return {
    numerator: answered.reduce((sum, c) => sum + c.numerator / c.denominator, 0),
    denominator: answered.length,
  };
}

function pooledFigure(items: readonly ItemIndex[]): Figure {
  return {
    numerator: items.reduce((sum, item) => sum + item.satisfied, 0),
    denominator: items.reduce((sum, item) => sum + item.valid, 0),
  };
}

export function computeIndices(
  version: Questionnaire,
  tallies: readonly AnswerTally[],
  respondents: RespondentCounts,
): SipasIndices {
  const byItem = new Map<string, { counts: Record<AnswerValue, number>; noAnswer: number }>();
  for (const tally of tallies) {
    const entry = byItem.get(tally.itemCode) ?? {
      counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      noAnswer: 0,
    };
    if (tally.value === null) entry.noAnswer += tally.count;
    else entry.counts[tally.value] += tally.count;
    byItem.set(tally.itemCode, entry);
  }
  const { minSample, aggregation } = version;
  const isPooled = aggregation === "pooled_answers";

  const parts = version.parts.map((part): PartIndex => {
    const factors = part.factors.map((factor): FactorIndex => {
      const items = factor.items.map((item): ItemIndex => {
        const entry = byItem.get(item.code);
        const counts = entry?.counts ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
        const valid = ANSWER_VALUES.reduce((sum, value) => sum + counts[value], 0);
        const satisfied = counts[4] + counts[5];
        return {
          code: item.code,
          text: item.text,
          counts,
          noAnswer: entry?.noAnswer ?? 0,
          satisfied,
          valid,
          ...level({ numerator: satisfied, denominator: valid }, valid, minSample),
        };
      });
      const figure = isPooled ? pooledFigure(items) : meanFigure(items);
      return {
        key: factor.key,
        label: factor.label,
        items,
        ...level(figure, respondents.byFactor[factor.key] ?? 0, minSample),
      };
    });
    const figure = isPooled ? pooledFigure(factors.flatMap((f) => f.items)) : meanFigure(factors);
    return {
      key: part.key,
      label: part.label,
      factors,
      ...level(figure, respondents.byPart[part.key] ?? 0, minSample),
    };
  });
  const overallFigure = isPooled
    ? pooledFigure(parts.flatMap((p) => p.factors.flatMap((f) => f.items)))
    : meanFigure(parts);
  return {
    questionnaireCode: version.code,
    aggregation,
    minSample,
    overall: level(overallFigure, respondents.total, minSample),
    parts,
  };
}

/** Where a satisfaction figure is read: the whole index, one part, or one factor. */
export type SatisfactionScope = "overall" | PartKey | { factor: string };

/**
 * The satisfaction figure as `{ numerator, denominator }` (numerator / denominator is the rate,
 * 0–1; denominator 0 when nothing was answered), for the 766 satisfaction indicators and the
 * plans' satisfaction targets. See the header for what the two numbers are under each
 * aggregation. An unknown part or factor has no answers: `{ 0, 0 }`.
 */
export function satisfactionFigure(indices: SipasIndices, scope: SatisfactionScope): Figure {
  const pick = (value: Figure | undefined): Figure =>
    value
      ? { numerator: value.numerator, denominator: value.denominator }
      : { numerator: 0, denominator: 0 };
  if (scope === "overall") return pick(indices.overall);
  if (typeof scope === "string") return pick(indices.parts.find((p) => p.key === scope));
  const factor = indices.parts.flatMap((p) => p.factors).find((f) => f.key === scope.factor);
  return pick(factor);
}
