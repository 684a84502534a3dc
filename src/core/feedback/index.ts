export {
  FEEDBACK_CODE_PATTERN,
  MAX_FEEDBACK_DAILY_SEQUENCE,
  formatFeedbackCode,
  parseFeedbackCode,
  type FeedbackCodeParts,
} from "./feedback-code.ts";
export { FeedbackError, type FeedbackErrorCode } from "./feedback-error.ts";
export { maskName, maskPhone } from "./feedback-privacy.ts";
export {
  PERSONAL_DATA_KINDS,
  PERSONAL_DATA_KIND_LABELS,
  findPersonalData,
  maskEmail,
  maskPersonalData,
  maskedForm,
  mustStayMasked,
  type MaskedSpan,
  type MaskedText,
  type PersonalDataKind,
  type PersonalDataSpan,
  type SenderPersonalData,
} from "./personal-data-mask.ts";
export { isVietnamesePhone, nationalPhoneDigits } from "./personal-data-numbers.ts";
export {
  FEEDBACK_RULE_SETS,
  feedbackDueDates,
  feedbackRuleSetById,
  feedbackRuleSetOn,
  type FeedbackDueDates,
  type FeedbackRuleSet,
} from "./feedback-rules.ts";
export {
  FEEDBACK_ACTIONS,
  FEEDBACK_ACTIONS_NEEDING_REASON,
  FEEDBACK_ACTION_LABELS,
  FEEDBACK_CLASSIFICATIONS,
  FEEDBACK_CLASSIFICATION_LABELS,
  FEEDBACK_FINISHED_STATES,
  FEEDBACK_STATES,
  FEEDBACK_STATE_LABELS,
  FEEDBACK_TRANSITIONS,
  FEEDBACK_WORKFLOW,
  allowedFeedbackActions,
  canApplyFeedback,
  isFeedbackState,
  nextFeedbackState,
  type FeedbackAction,
  type FeedbackClassification,
  type FeedbackState,
} from "./feedback-state.ts";
export {
  FEEDBACK_DUE_SOON_WORKING_DAYS,
  FEEDBACK_TIMELINESS_LABELS,
  feedbackDueSoonWindow,
  feedbackOnTimeCounts,
  feedbackTimeliness,
  type FeedbackOnTimeCounts,
  type FeedbackTimeliness,
  type FeedbackTimelinessInput,
} from "./feedback-timeliness.ts";
export {
  FEEDBACK_CHANNELS,
  FEEDBACK_CHANNEL_LABELS,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  STAFF_FEEDBACK_CHANNELS,
  type FeedbackChannel,
  type SatisfactionLevel,
  type StaffFeedbackChannel,
} from "./feedback-values.ts";
