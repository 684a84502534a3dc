import { itemsOf, type PartKey, type Questionnaire } from "./questionnaire.ts";

/** The answer scale of every item; `null` is “không trả lời”. */
export const ANSWER_VALUES = [1, 2, 3, 4, 5] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const ANSWER_LABELS: Record<AnswerValue, string> = {
  1: "Rất không hài lòng",
  2: "Không hài lòng",
  3: "Bình thường",
  4: "Hài lòng",
  5: "Rất hài lòng",
};

export const NO_ANSWER_LABEL = "Không trả lời";

/** A response's answers by item code; an item left out or null was not answered. */
export type Answers = Record<string, AnswerValue | null>;

export interface AnswerProblem {
  path: string;
  message: string;
}

/**
 * What is wrong with a response's answers: an item the version does not have (or one outside the
 * parts asked), a value off the scale, or no valid answer at all.
 */
export function answerProblems(
  version: Questionnaire,
  answers: Record<string, unknown>,
  parts: readonly PartKey[] = ["service", "policy"],
): AnswerProblem[] {
  const asked = new Set(
    itemsOf(version)
      .filter((item) => parts.includes(item.partKey))
      .map((item) => item.code),
  );
  const problems: AnswerProblem[] = [];
  let valid = 0;
  for (const [code, value] of Object.entries(answers)) {
    if (!asked.has(code)) {
      problems.push({ path: `answers.${code}`, message: `Phiếu không có câu hỏi “${code}”.` });
    } else if (value === null) {
      continue;
    } else if (!ANSWER_VALUES.includes(value as AnswerValue)) {
      problems.push({ path: `answers.${code}`, message: "Câu trả lời phải từ 1 đến 5." });
    } else {
      valid++;
    }
  }
  if (problems.length === 0 && valid === 0) {
    problems.push({ path: "answers", message: "Vui lòng trả lời ít nhất một câu hỏi." });
  }
  return problems;
}
