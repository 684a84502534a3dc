import { canApplyAction, defineWorkflow, isCaseState, stateAfter } from "../case-register/index.ts";
import { DossierError } from "./dossier-error.ts";
import type { RuleSet } from "./rule-sets.ts";

/**
 * Dossier states (our design over the law's steps):
 * received → in_progress → (supplement_requested ⇄ in_progress) → resolved → returned;
 * refused, stopped and withdrawn end a dossier early.
 */
export const DOSSIER_STATES = [
  "received",
  "in_progress",
  "supplement_requested",
  "resolved",
  "returned",
  "refused",
  "stopped",
  "withdrawn",
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_ACTIONS = [
  "hand_over",
  "request_supplement",
  "receive_supplement",
  "resolve",
  "return_result",
  "refuse",
  "stop",
  "withdraw",
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export const STATE_LABELS: Record<DossierState, string> = {
  received: "Đã tiếp nhận",
  in_progress: "Đang giải quyết",
  supplement_requested: "Chờ bổ sung",
  resolved: "Đã có kết quả",
  returned: "Đã trả kết quả",
  refused: "Từ chối giải quyết",
  stopped: "Dừng giải quyết",
  withdrawn: "Rút hồ sơ",
};

export const ACTION_LABELS: Record<DossierAction, string> = {
  hand_over: "Chuyển xử lý",
  request_supplement: "Yêu cầu bổ sung",
  receive_supplement: "Nhận hồ sơ bổ sung",
  resolve: "Có kết quả giải quyết",
  return_result: "Trả kết quả",
  refuse: "Từ chối giải quyết",
  stop: "Dừng giải quyết",
  withdraw: "Rút hồ sơ",
};

/** The dossier register as a case workflow: its transition table, reasons and labels. */
export const DOSSIER_WORKFLOW = defineWorkflow<DossierState, DossierAction>({
  register: "dossier",
  caseNoun: "hồ sơ",
  states: DOSSIER_STATES,
  actions: DOSSIER_ACTIONS,
  initialState: "received",
  stateLabels: STATE_LABELS,
  actionLabels: ACTION_LABELS,
  transitions: {
    hand_over: { from: ["received", "in_progress"], to: "in_progress" },
    request_supplement: { from: ["in_progress"], to: "supplement_requested" },
    receive_supplement: { from: ["supplement_requested"], to: "in_progress" },
    resolve: { from: ["in_progress"], to: "resolved" },
    return_result: { from: ["resolved"], to: "returned" },
    refuse: { from: ["received", "in_progress"], to: "refused" },
    stop: { from: ["in_progress", "supplement_requested"], to: "stopped" },
    withdraw: { from: ["received", "in_progress", "supplement_requested"], to: "withdrawn" },
  },
  actionsNeedingReason: new Set(["request_supplement", "refuse", "stop", "withdraw"]),
  // The states that end the processing period (the "finished" moment used for on-time rules).
  finishedStates: new Set(["resolved", "returned", "refused", "stopped"]),
  openStates: ["received", "in_progress", "supplement_requested"],
  eventLabels: { receive: "Tiếp nhận hồ sơ" },
});

/** The whole table: an action is allowed only from the listed states. */
export const TRANSITIONS = DOSSIER_WORKFLOW.transitions;

/** States from which nothing more happens. */
export const TERMINAL_STATES: ReadonlySet<DossierState> = new Set([
  "returned",
  "refused",
  "stopped",
  "withdrawn",
]);

/** States that end the processing period (the "finished" moment used for on-time rules). */
export const FINISHING_STATES = DOSSIER_WORKFLOW.finishedStates;

/** Actions that must give a reason. */
export const ACTIONS_NEEDING_REASON = DOSSIER_WORKFLOW.actionsNeedingReason;

export function isDossierState(value: string): value is DossierState {
  return isCaseState(DOSSIER_WORKFLOW, value);
}

/** Whether `action` is allowed from `state` under `ruleSet` (stopping exists from 2025 only). */
export function canApply(state: DossierState, action: DossierAction, ruleSet: RuleSet): boolean {
  if (action === "stop" && ruleSet.stopNoticeTitle === null) return false;
  return canApplyAction(DOSSIER_WORKFLOW, state, action);
}

export function allowedActions(state: DossierState, ruleSet: RuleSet): DossierAction[] {
  return DOSSIER_ACTIONS.filter((action) => canApply(state, action, ruleSet));
}

/** The state after `action`; throws DOSSIER_TRANSITION_INVALID with a Vietnamese explanation. */
export function nextState(
  state: DossierState,
  action: DossierAction,
  ruleSet: RuleSet,
): DossierState {
  if (action === "stop" && ruleSet.stopNoticeTitle === null) {
    throw new DossierError(
      "DOSSIER_TRANSITION_INVALID",
      `Hồ sơ tiếp nhận theo ${ruleSet.legalBasis} không có thủ tục “Dừng giải quyết” (chỉ áp dụng từ 01/07/2025).`,
    );
  }
  return stateAfter(
    DOSSIER_WORKFLOW,
    state,
    action,
    (message) => new DossierError("DOSSIER_TRANSITION_INVALID", message),
  );
}
