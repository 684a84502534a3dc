export {
  ANSWER_LABELS,
  ANSWER_VALUES,
  NO_ANSWER_LABEL,
  answerProblems,
  type AnswerProblem,
  type AnswerValue,
  type Answers,
} from "./answers.ts";
export { FIELD_GROUPS, FIELD_GROUP_LABELS, fieldGroupOf, type FieldGroup } from "./field-group.ts";
export {
  computeIndices,
  satisfactionFigure,
  type AnswerTally,
  type FactorIndex,
  type Figure,
  type ItemIndex,
  type PartIndex,
  type RespondentCounts,
  type SatisfactionScope,
  type SipasIndices,
} from "./indices.ts";
export {
  AGGREGATIONS,
  PART_KEYS,
  SERVICE_FACTOR_KEYS,
  itemsOf,
  questionnaireSchema,
  type Aggregation,
  type PartKey,
  type Questionnaire,
  type QuestionnaireItem,
} from "./questionnaire.ts";
export {
  QUESTIONNAIRE_VERSIONS,
  questionnaireByCode,
  questionnaireInForce,
} from "./questionnaire-versions.ts";
export {
  SATISFACTION_TARGET_METRICS,
  satisfactionTargetMeasurement,
  satisfactionTargetSelection,
  satisfactionTargetValue,
  type SatisfactionTargetMeasurement,
  type SatisfactionTargetSelection,
  type SurveySample,
} from "./satisfaction-target.ts";
export { PERIOD_GRANULARITIES, periodLabel, periodOf, type PeriodGranularity } from "./period.ts";
export {
  PUBLIC_SIPAS_CHANNELS,
  SIPAS_CHANNELS,
  type PublicSipasChannel,
  type SipasChannel,
} from "./channel.ts";
