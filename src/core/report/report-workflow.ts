import { RuleError } from "../errors.ts";

/**
 * A report's workflow: draft → submitted → accepted, or returned with a comment → corrected and
 * submitted again as a new version. An accepted report is final. Pure.
 */
export const REPORT_STATUSES = ["draft", "submitted", "accepted", "returned"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: "Đang soạn",
  submitted: "Đã gửi",
  accepted: "Đã tiếp nhận",
  returned: "Bị trả lại",
};

/** The review of one submitted version (report_versions.review): the status it left behind. */
export const REPORT_REVIEWS = [
  "submitted",
  "accepted",
  "returned",
] as const satisfies readonly ReportStatus[];
export type ReportReview = (typeof REPORT_REVIEWS)[number];

export const REPORT_ACTIONS = ["edit", "submit", "accept", "return"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export class ReportWorkflowError extends RuleError<
  "REPORT_TRANSITION_INVALID" | "REPORT_RETURN_COMMENT_REQUIRED"
> {}

const ALLOWED: Record<ReportAction, readonly ReportStatus[]> = {
  edit: ["draft", "returned"],
  submit: ["draft", "returned"],
  accept: ["submitted"],
  return: ["submitted"],
};

const REFUSAL: Record<ReportAction, Record<ReportStatus, string>> = {
  edit: {
    draft: "",
    returned: "",
    submitted: "Báo cáo đã gửi cấp trên, không sửa được; chờ cấp trên tiếp nhận hoặc trả lại.",
    accepted: "Báo cáo đã được tiếp nhận, không sửa được nữa.",
  },
  submit: {
    draft: "",
    returned: "",
    submitted: "Báo cáo đã gửi, đang chờ cấp trên xem xét.",
    accepted: "Báo cáo đã được tiếp nhận, không gửi lại được.",
  },
  accept: {
    submitted: "",
    draft: "Báo cáo chưa được gửi, chưa tiếp nhận được.",
    returned: "Báo cáo đã bị trả lại; chờ đơn vị gửi lại phiên bản mới.",
    accepted: "Báo cáo đã được tiếp nhận trước đó.",
  },
  return: {
    submitted: "",
    draft: "Báo cáo chưa được gửi, không trả lại được.",
    returned: "Báo cáo đã bị trả lại trước đó.",
    accepted: "Báo cáo đã được tiếp nhận, không trả lại được.",
  },
};

/** The actions the status allows (the role checks are the access gate's). */
export function allowedActions(status: ReportStatus): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => ALLOWED[action].includes(status));
}

/** The status after the action, or a refusal with a Vietnamese message. */
export function transition(
  status: ReportStatus,
  action: ReportAction,
  comment?: string | null,
): ReportStatus {
  if (!ALLOWED[action].includes(status)) {
    throw new ReportWorkflowError("REPORT_TRANSITION_INVALID", REFUSAL[action][status]);
  }
  if (action === "return" && !comment?.trim()) {
    throw new ReportWorkflowError(
      "REPORT_RETURN_COMMENT_REQUIRED",
      "Khi trả lại báo cáo phải ghi rõ nội dung cần chỉnh sửa.",
    );
  }
  switch (action) {
    case "edit":
      return status;
    case "submit":
      return "submitted";
    case "accept":
      return "accepted";
    case "return":
      return "returned";
  }
}
