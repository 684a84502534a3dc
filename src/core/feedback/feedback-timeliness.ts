import { addWorkingDays, type WorkingCalendar } from "../calendar/index.ts";
import type { FeedbackState } from "./feedback-state.ts";

/**
 * On-time rule. A feedback within competence is handled on time when answered no later than its
 * due date (the whole due day counts); one outside competence, when transferred no later than its
 * transfer due date. A rejected feedback is not classified. An open feedback past its due date is
 * overdue. The on-time rate (QĐ 766/QĐ-TTg: handled on time / feedback within competence) counts
 * answered feedback and open overdue ones; transferred and rejected ones are outside it.
 */
export type FeedbackTimeliness = "early" | "on_time" | "late" | "pending" | "overdue";

export const FEEDBACK_TIMELINESS_LABELS: Record<FeedbackTimeliness, string> = {
  early: "Trước hạn",
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  pending: "Trong hạn",
  overdue: "Quá hạn",
};

export interface FeedbackTimelinessInput {
  state: FeedbackState;
  dueDate: string;
  transferDueDate: string;
  /** Day handling ended (answered, transferred or rejected), Vietnam time; null while open. */
  finishedOn: string | null;
  /** Today in Vietnam, for open feedback. */
  today: string;
}

export function feedbackTimeliness(input: FeedbackTimelinessInput): FeedbackTimeliness | null {
  if (input.state === "rejected") return null;
  const due = input.state === "transferred" ? input.transferDueDate : input.dueDate;
  if (input.finishedOn === null) return input.today > due ? "overdue" : "pending";
  if (input.finishedOn > due) return "late";
  return input.finishedOn < due ? "early" : "on_time";
}

export interface FeedbackOnTimeCounts {
  /** Answered on or before the due date. */
  onTime: number;
  /** Within competence and either answered or overdue. */
  counted: number;
}

/** The numerator and denominator of the feedback on-time rate. */
export function feedbackOnTimeCounts(
  items: readonly FeedbackTimelinessInput[],
): FeedbackOnTimeCounts {
  let onTime = 0;
  let counted = 0;
  for (const item of items) {
    if (item.state === "transferred" || item.state === "rejected") continue;
    const result = feedbackTimeliness(item);
    if (result === null || result === "pending") continue;
    counted++;
    if (result === "early" || result === "on_time") onTime++;
  }
  return { onTime, counted };
}

/**
 * "Sắp đến hạn": open feedback due today or within this many working days. Two working weeks, the
 * working-day form of the horizon of tasks due soon (14 days), so the focal officer's home warns of
 * both on the same footing.
 */
export const FEEDBACK_DUE_SOON_WORKING_DAYS = 10;

/** The due dates counted as due soon on `today`: from today to the horizon, both included. */
export function feedbackDueSoonWindow(
  today: string,
  calendar: WorkingCalendar,
): { from: string; to: string } {
  return { from: today, to: addWorkingDays(today, FEEDBACK_DUE_SOON_WORKING_DAYS, calendar) };
}
