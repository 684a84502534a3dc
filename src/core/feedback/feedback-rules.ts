import { addWorkingDays, nextWorkingDay, type WorkingCalendar } from "../calendar/index.ts";
import { FeedbackError } from "./feedback-error.ts";

/**
 * Deadlines for feedback (PAKN), in working days, as data versioned by effective date; a feedback
 * keeps the rule set in force on the day it was received. The defaults follow ND 20/2008/NĐ-CP
 * (amended by ND 92/2017/NĐ-CP): a feedback outside the receiving body's competence is transferred
 * to the competent body within 5 working days of receipt; local practice answers within 15 working
 * days (e.g. Hải Phòng's catalogue: "Không quá 15 ngày làm việc kể từ ngày tiếp nhận"). A province
 * that sets other deadlines adds a rule set with its own effective date.
 */
export interface FeedbackRuleSet {
  id: string;
  effectiveFrom: string;
  legalBasis: string;
  /** Working days after receipt to answer a feedback within competence. */
  resolveWorkingDays: number;
  /** Working days after receipt to transfer a feedback outside competence. */
  transferWorkingDays: number;
}

export const FEEDBACK_RULE_SETS: readonly FeedbackRuleSet[] = [
  {
    id: "2008",
    effectiveFrom: "2008-03-03",
    legalBasis: "Nghị định số 20/2008/NĐ-CP (sửa đổi bởi Nghị định số 92/2017/NĐ-CP)",
    resolveWorkingDays: 15,
    transferWorkingDays: 5,
  },
];

/** The rule set in force on `date` (YYYY-MM-DD, Vietnam time) among `ruleSets`. */
export function feedbackRuleSetOn(
  date: string,
  ruleSets: readonly FeedbackRuleSet[] = FEEDBACK_RULE_SETS,
): FeedbackRuleSet {
  let found: FeedbackRuleSet | undefined;
  for (const set of [...ruleSets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) {
    if (set.effectiveFrom <= date) found = set;
  }
  if (!found) {
    throw new FeedbackError(
      "FEEDBACK_RULE_NOT_IN_FORCE",
      `Không có quy định thời hạn xử lý phản ánh, kiến nghị nào có hiệu lực vào ngày ${date}.`,
    );
  }
  return found;
}

export function feedbackRuleSetById(
  id: string,
  ruleSets: readonly FeedbackRuleSet[] = FEEDBACK_RULE_SETS,
): FeedbackRuleSet {
  const set = ruleSets.find((s) => s.id === id);
  if (!set) {
    throw new FeedbackError(
      "FEEDBACK_RULE_NOT_IN_FORCE",
      `Bộ quy định thời hạn xử lý phản ánh, kiến nghị "${id}" không tồn tại.`,
    );
  }
  return set;
}

export interface FeedbackDueDates {
  /** The working day treated as the day of receipt (a day off moves to the next working day). */
  countedFrom: string;
  /** Last day to answer. */
  due: string;
  /** Last day to transfer when outside competence. */
  transferDue: string;
}

/**
 * Due dates of a feedback received on `receivedOn`. The day of receipt is not counted (Civil Code
 * art. 147); a feedback received on a day off counts from the next working day. Both dates are
 * working days.
 */
export function feedbackDueDates(
  receivedOn: string,
  ruleSet: FeedbackRuleSet,
  calendar: WorkingCalendar,
): FeedbackDueDates {
  const countedFrom = calendar.isWorkingDay(receivedOn)
    ? receivedOn
    : nextWorkingDay(receivedOn, calendar);
  return {
    countedFrom,
    due: addWorkingDays(countedFrom, ruleSet.resolveWorkingDays, calendar),
    transferDue: addWorkingDays(countedFrom, ruleSet.transferWorkingDays, calendar),
  };
}
