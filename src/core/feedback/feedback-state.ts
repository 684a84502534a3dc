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

interface TransitionRule {
  from: readonly FeedbackState[];
  to: FeedbackState;
}

/** The whole table: an action is allowed only from the listed states. */
export const FEEDBACK_TRANSITIONS: Record<FeedbackAction, TransitionRule> = {
  classify: { from: ["received", "classified"], to: "classified" },
  assign: { from: ["classified", "assigned"], to: "assigned" },
  answer: { from: ["classified", "assigned"], to: "answered" },
  publish: { from: ["answered"], to: "published" },
  transfer: { from: ["received", "classified"], to: "transferred" },
  reject: { from: ["received", "classified", "assigned"], to: "rejected" },
};

/** States in which handling has ended (for deadlines). */
export const FEEDBACK_FINISHED_STATES: ReadonlySet<FeedbackState> = new Set([
  "answered",
  "published",
  "transferred",
  "rejected",
]);

/** Actions that must give a reason or a note. */
export const FEEDBACK_ACTIONS_NEEDING_REASON: ReadonlySet<FeedbackAction> = new Set([
  "transfer",
  "reject",
]);

export function isFeedbackState(value: string): value is FeedbackState {
  return (FEEDBACK_STATES as readonly string[]).includes(value);
}

export function canApplyFeedback(state: FeedbackState, action: FeedbackAction): boolean {
  return FEEDBACK_TRANSITIONS[action].from.includes(state);
}

export function allowedFeedbackActions(state: FeedbackState): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter((action) => canApplyFeedback(state, action));
}

/** The state after `action`; throws FEEDBACK_TRANSITION_INVALID with a Vietnamese explanation. */
export function nextFeedbackState(state: FeedbackState, action: FeedbackAction): FeedbackState {
  if (!canApplyFeedback(state, action)) {
    throw new FeedbackError(
      "FEEDBACK_TRANSITION_INVALID",
      `Không thể “${FEEDBACK_ACTION_LABELS[action]}” khi phản ánh, kiến nghị đang ở trạng thái “${FEEDBACK_STATE_LABELS[state]}”.`,
    );
  }
  return FEEDBACK_TRANSITIONS[action].to;
}
