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
