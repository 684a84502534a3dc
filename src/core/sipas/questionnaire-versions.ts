import sipas2023 from "./questionnaires/sipas-2023.json" with { type: "json" };
import { questionnaireSchema, type Questionnaire } from "./questionnaire.ts";

/**
 * The questionnaire versions shipped with CCHC, oldest first. Each file is checked by the schema
 * when loaded: a wrong file stops the start instead of producing wrong indices.
 */
export const QUESTIONNAIRE_VERSIONS: readonly Questionnaire[] = [sipas2023].map((file) =>
  questionnaireSchema.parse(file),
);

/** The version in force on a day (YYYY-MM-DD): the latest one in effect by then. */
export function questionnaireInForce(day: string): Questionnaire {
  const inForce = QUESTIONNAIRE_VERSIONS.filter((version) => version.effectiveFrom <= day);
  return inForce.at(-1) ?? QUESTIONNAIRE_VERSIONS[0]!;
}

export function questionnaireByCode(code: string): Questionnaire | null {
  return QUESTIONNAIRE_VERSIONS.find((version) => version.code === code) ?? null;
}
