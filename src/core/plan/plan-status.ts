export const PLAN_STATUSES = ["draft", "issued", "superseded"] as const;

export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: "Dự thảo",
  issued: "Đã ban hành",
  superseded: "Đã được thay thế",
};

/**
 * A draft is issued once; an issued plan is only ever replaced by an amending version (which
 * starts as its own draft). Nothing goes back to draft, and a superseded plan is final.
 */
const ALLOWED_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ["issued"],
  issued: ["superseded"],
  superseded: [],
};

export function canTransitionPlan(from: PlanStatus, to: PlanStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function nextPlanStatuses(from: PlanStatus): readonly PlanStatus[] {
  return ALLOWED_TRANSITIONS[from];
}

/** Only a draft may be edited; changes to an issued plan go through an amending version. */
export function isPlanEditable(status: PlanStatus): boolean {
  return status === "draft";
}

/** Only an issued plan can be amended (a draft is simply edited). */
export function canAmendPlan(status: PlanStatus): boolean {
  return status === "issued";
}

export type PlanStatusProblemCode = "PLAN_NOT_EDITABLE" | "PLAN_TRANSITION_NOT_ALLOWED";

export interface PlanStatusProblem {
  code: PlanStatusProblemCode;
  message: string;
}

export function planEditProblem(status: PlanStatus): PlanStatusProblem | null {
  if (isPlanEditable(status)) return null;
  return {
    code: "PLAN_NOT_EDITABLE",
    message:
      status === "issued"
        ? "Kế hoạch đã ban hành, không được sửa trực tiếp. Vui lòng tạo bản sửa đổi, bổ sung."
        : "Kế hoạch đã được thay thế bằng bản khác, không được sửa.",
  };
}

export function planTransitionProblem(from: PlanStatus, to: PlanStatus): PlanStatusProblem | null {
  if (canTransitionPlan(from, to)) return null;
  return {
    code: "PLAN_TRANSITION_NOT_ALLOWED",
    message: `Không thể chuyển kế hoạch từ trạng thái “${PLAN_STATUS_LABELS[from]}” sang “${PLAN_STATUS_LABELS[to]}”.`,
  };
}
