import type { IsoDate } from "./iso-date.ts";

export const TASK_STATUSES = [
  "not_started",
  "in_progress",
  "completed",
  "completed_late",
  "overdue",
  "paused",
  "cancelled",
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: "Chưa thực hiện",
  in_progress: "Đang thực hiện",
  completed: "Hoàn thành",
  completed_late: "Hoàn thành trễ hạn",
  overdue: "Quá hạn",
  paused: "Tạm dừng",
  cancelled: "Hủy",
};

/**
 * What people record. "overdue" and "completed_late" are never stored: they follow from the
 * dates, so they change by themselves when the day passes or a date is corrected.
 */
export const STORED_TASK_STATUSES = [
  "not_started",
  "in_progress",
  "completed",
  "paused",
  "cancelled",
] as const;

export type StoredTaskStatus = (typeof STORED_TASK_STATUSES)[number];

/** One dated instance of a recurring task is done or not (task_occurrences.status). */
export const OCCURRENCE_STATUSES = [
  "not_started",
  "completed",
] as const satisfies readonly StoredTaskStatus[];
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export interface TaskStatusFacts {
  storedStatus: StoredTaskStatus;
  /** Null when the timeline has no due day (unparsed, or none given). */
  dueDate: IsoDate | null;
  completedOn: IsoDate | null;
  today: IsoDate;
}

/**
 * The status users see:
 * - paused and cancelled stay as they are (a paused task is not chased, so never overdue);
 * - completed after the due date → completed_late, otherwise completed;
 * - not completed and today later than the due date → overdue (the due day itself is on time);
 * - otherwise the stored status.
 */
export function deriveTaskStatus(facts: TaskStatusFacts): TaskStatus {
  const { storedStatus, dueDate, completedOn, today } = facts;
  switch (storedStatus) {
    case "paused":
    case "cancelled":
      return storedStatus;
    case "completed":
      return dueDate !== null && completedOn !== null && completedOn > dueDate
        ? "completed_late"
        : "completed";
    case "not_started":
    case "in_progress":
      return dueDate !== null && today > dueDate ? "overdue" : storedStatus;
  }
}

export type TaskStatusProblemCode =
  | "TASK_REASON_REQUIRED"
  | "TASK_COMPLETION_DATE_REQUIRED"
  | "TASK_COMPLETION_DATE_IN_FUTURE"
  | "TASK_COMPLETION_DATE_NOT_ALLOWED";

export interface TaskStatusProblem {
  code: TaskStatusProblemCode;
  message: string;
}

export interface TaskStatusChange {
  status: StoredTaskStatus;
  reason: string | null;
  completedOn: IsoDate | null;
  today: IsoDate;
}

/**
 * Checks a status someone wants to record; an empty list means it may be saved. Pausing or
 * cancelling needs a written reason; completing needs a completion date that is not in the
 * future; other statuses carry no completion date.
 */
export function checkTaskStatusChange(change: TaskStatusChange): TaskStatusProblem[] {
  const problems: TaskStatusProblem[] = [];
  const needsReason = change.status === "paused" || change.status === "cancelled";
  if (needsReason && (change.reason ?? "").trim() === "") {
    problems.push({
      code: "TASK_REASON_REQUIRED",
      message: `Vui lòng nêu lý do ${change.status === "paused" ? "tạm dừng" : "hủy"} nhiệm vụ.`,
    });
  }
  if (change.status === "completed") {
    if (change.completedOn === null) {
      problems.push({
        code: "TASK_COMPLETION_DATE_REQUIRED",
        message: "Vui lòng nhập ngày hoàn thành nhiệm vụ.",
      });
    } else if (change.completedOn > change.today) {
      problems.push({
        code: "TASK_COMPLETION_DATE_IN_FUTURE",
        message: "Ngày hoàn thành không được sau ngày hôm nay.",
      });
    }
  } else if (change.completedOn !== null) {
    problems.push({
      code: "TASK_COMPLETION_DATE_NOT_ALLOWED",
      message: "Chỉ nhiệm vụ hoàn thành mới có ngày hoàn thành.",
    });
  }
  return problems;
}
