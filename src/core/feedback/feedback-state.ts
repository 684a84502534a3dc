import {
  actionsFrom,
  canApplyAction,
  defineWorkflow,
  isCaseState,
  stateAfter,
} from "../case-register/index.ts";
import { FeedbackError } from "./feedback-error.ts";

/**
 * Feedback states: received → classified → assigned → answered → published. A feedback outside
 * the unit's competence is transferred; one that is not a feedback under the rules (no contact,
 * a complaint or denunciation, a duplicate…) is rejected with a reason.
 */
export const FEEDBACK_STATES = [
  "received",
  "classified",
  "assigned",
  "answered",
  "published",
  "transferred",
  "rejected",
] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

export const FEEDBACK_ACTIONS = [
  "classify",
  "assign",
  "answer",
  "publish",
  "transfer",
  "reject",
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export const FEEDBACK_STATE_LABELS: Record<FeedbackState, string> = {
  received: "Đã tiếp nhận",
  classified: "Đã phân loại",
  assigned: "Đang xử lý",
  answered: "Đã trả lời",
  published: "Đã công khai",
  transferred: "Đã chuyển cơ quan có thẩm quyền",
  rejected: "Không tiếp nhận xử lý",
};

export const FEEDBACK_ACTION_LABELS: Record<FeedbackAction, string> = {
  classify: "Phân loại",
  assign: "Giao xử lý",
  answer: "Trả lời",
  publish: "Công khai kết quả",
  transfer: "Chuyển cơ quan có thẩm quyền",
  reject: "Từ chối xử lý",
};

export const FEEDBACK_CLASSIFICATIONS = ["regulation", "conduct"] as const;
export type FeedbackClassification = (typeof FEEDBACK_CLASSIFICATIONS)[number];

export const FEEDBACK_CLASSIFICATION_LABELS: Record<FeedbackClassification, string> = {
  regulation: "Quy định hành chính",
  conduct: "Hành vi hành chính",
};

/** The feedback register as a case workflow: its transition table, reasons and labels. */
export const FEEDBACK_WORKFLOW = defineWorkflow<FeedbackState, FeedbackAction>({
  register: "feedback",
  caseNoun: "phản ánh, kiến nghị",
  states: FEEDBACK_STATES,
  actions: FEEDBACK_ACTIONS,
  initialState: "received",
  stateLabels: FEEDBACK_STATE_LABELS,
  actionLabels: FEEDBACK_ACTION_LABELS,
  transitions: {
    classify: { from: ["received", "classified"], to: "classified" },
    assign: { from: ["classified", "assigned"], to: "assigned" },
    answer: { from: ["classified", "assigned"], to: "answered" },
    publish: { from: ["answered"], to: "published" },
    transfer: { from: ["received", "classified"], to: "transferred" },
    reject: { from: ["received", "classified", "assigned"], to: "rejected" },
  },
  // Actions that must give a reason or a note.
  actionsNeedingReason: new Set(["transfer", "reject"]),
  // States in which handling has ended (for deadlines).
  finishedStates: new Set(["answered", "published", "transferred", "rejected"]),
  openStates: ["received", "classified", "assigned"],
  eventLabels: { receive: "Tiếp nhận", satisfaction: "Người gửi đánh giá kết quả trả lời" },
});

/** The whole table: an action is allowed only from the listed states. */
export const FEEDBACK_TRANSITIONS = FEEDBACK_WORKFLOW.transitions;

/** States in which handling has ended (for deadlines). */
export const FEEDBACK_FINISHED_STATES = FEEDBACK_WORKFLOW.finishedStates;

/** Actions that must give a reason or a note. */
export const FEEDBACK_ACTIONS_NEEDING_REASON = FEEDBACK_WORKFLOW.actionsNeedingReason;

export function isFeedbackState(value: string): value is FeedbackState {
  return isCaseState(FEEDBACK_WORKFLOW, value);
}

export function canApplyFeedback(state: FeedbackState, action: FeedbackAction): boolean {
  return canApplyAction(FEEDBACK_WORKFLOW, state, action);
}

export function allowedFeedbackActions(state: FeedbackState): FeedbackAction[] {
  return actionsFrom(FEEDBACK_WORKFLOW, state);
}

/** The state after `action`; throws FEEDBACK_TRANSITION_INVALID with a Vietnamese explanation. */
export function nextFeedbackState(state: FeedbackState, action: FeedbackAction): FeedbackState {
  return stateAfter(
    FEEDBACK_WORKFLOW,
    state,
    action,
    (message) => new FeedbackError("FEEDBACK_TRANSITION_INVALID", message),
  );
}
