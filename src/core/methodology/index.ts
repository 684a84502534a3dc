export {
  MAX_CRITERION_POINTS,
  PAR_INDEX_SCALE,
  assembleMethodologyTree,
  buildMethodologyTree,
  depthLabel,
  impliedParentRef,
  normalizeRef,
  type CriterionRowInput,
  type LinkedCriterion,
  type MethodologyErrorCode,
  type MethodologyIssue,
  type MethodologyNode,
  type MethodologyTree,
  type MethodologyWarningCode,
} from "./methodology-tree.ts";
export {
  METHODOLOGY_KINDS,
  METHODOLOGY_KIND_LABELS,
  METHODOLOGY_STATUSES,
  METHODOLOGY_STATUS_LABELS,
  type MethodologyKind,
  type MethodologyStatus,
} from "./methodology-status.ts";
export {
  RULE_TYPES,
  RULE_TYPE_LABELS,
  ZERO_DENOMINATOR_POLICIES,
  ZERO_DENOMINATOR_POLICY_LABELS,
  isExtra,
  isLeaf,
  metricOf,
  type ManualLevel,
  type MethodologyDocument,
  type MethodologyGroup,
  type MethodologyLeaf,
  type MethodologyNodeSpec,
  type MetricInput,
  type MetricInputs,
  type RuleStep,
  type RuleType,
  type ScoreBand,
  type ScoringRule,
  type ZeroDenominatorPolicy,
} from "./scoring-types.ts";
export {
  formatAmount,
  formatPoints,
  roundPoints,
  scoreLeaf,
  type LeafScore,
  type ScoreBasis,
} from "./score-leaf.ts";
export {
  bandOf,
  scoreMethodology,
  type MethodologyScore,
  type ScoredNode,
} from "./score-methodology.ts";
export {
  checkMethodologyDocument,
  leavesOf,
  methodologyDocumentSchema,
  parseMethodologyDocument,
  type DocumentCheck,
  type DocumentIssue,
} from "./methodology-document.ts";
export {
  checkInputsFile,
  checkMetricInputs,
  metricInputsSchema,
  type InputsCheck,
} from "./metric-inputs.ts";
export { summarizeScore, type ScoreSummary } from "./score-summary.ts";
