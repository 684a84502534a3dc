import { RuleError } from "../errors.ts";

export type FeedbackErrorCode =
  | "FEEDBACK_CODE_INVALID"
  | "FEEDBACK_SEQUENCE_EXHAUSTED"
  | "FEEDBACK_TRANSITION_INVALID"
  | "FEEDBACK_RULE_NOT_IN_FORCE";

/** A feedback (PAKN) rule violation, with a stable code and a Vietnamese message for the user. */
export class FeedbackError extends RuleError<FeedbackErrorCode> {}
