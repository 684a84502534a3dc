import { isIsoDate } from "../calendar/index.ts";
import { FeedbackError } from "./feedback-error.ts";

/**
 * Feedback code as on the national public-service portal: `PAKN.YYYYMMDD.NNNN`, e.g.
 * `PAKN.20200812.0012`. The sequence counts the feedback a unit received that day (Vietnam time)
 * from 0001; 9999 is the format's cap. A code never changes once issued.
 */
export const FEEDBACK_CODE_PATTERN = /^PAKN\.(\d{4})(\d{2})(\d{2})\.(\d{4})$/;
export const MAX_FEEDBACK_DAILY_SEQUENCE = 9999;

export interface FeedbackCodeParts {
  /** Day of receipt, YYYY-MM-DD. */
  receivedOn: string;
  sequence: number;
}

export function formatFeedbackCode(parts: FeedbackCodeParts): string {
  if (!isIsoDate(parts.receivedOn)) {
    throw new FeedbackError(
      "FEEDBACK_CODE_INVALID",
      `Ngày tiếp nhận "${parts.receivedOn}" không hợp lệ cho mã phản ánh, kiến nghị.`,
    );
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    throw new FeedbackError("FEEDBACK_CODE_INVALID", `Số thứ tự "${parts.sequence}" không hợp lệ.`);
  }
  if (parts.sequence > MAX_FEEDBACK_DAILY_SEQUENCE) {
    throw new FeedbackError(
      "FEEDBACK_SEQUENCE_EXHAUSTED",
      `Đã tiếp nhận đủ ${MAX_FEEDBACK_DAILY_SEQUENCE} phản ánh, kiến nghị trong ngày; không thể cấp thêm mã.`,
    );
  }
  return `PAKN.${parts.receivedOn.replaceAll("-", "")}.${String(parts.sequence).padStart(4, "0")}`;
}

/** Reads a feedback code (case and spaces around ignored); null when malformed or an impossible day. */
export function parseFeedbackCode(code: string): FeedbackCodeParts | null {
  const match = FEEDBACK_CODE_PATTERN.exec(code.trim().toUpperCase());
  if (!match) return null;
  const receivedOn = `${match[1]}-${match[2]}-${match[3]}`;
  const sequence = Number(match[4]);
  if (!isIsoDate(receivedOn) || sequence < 1) return null;
  return { receivedOn, sequence };
}
