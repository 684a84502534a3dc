/*
 * The feedback register's closed lists: how a feedback arrived and how satisfied its sender was
 * with the answer. The database checks, the route enums and the labels all derive from these
 * tuples (src/server/db/closed-values.ts).
 */

/** How a feedback (phản ánh, kiến nghị) arrived. */
export const FEEDBACK_CHANNELS = [
  "in_person",
  "phone",
  "mail",
  "email",
  "portal",
  "zalo",
  "public_web",
] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** Channels a staff member registers; `public_web` is the public no-login form only. */
export const STAFF_FEEDBACK_CHANNELS = [
  "in_person",
  "phone",
  "mail",
  "email",
  "portal",
  "zalo",
] as const satisfies readonly Exclude<FeedbackChannel, "public_web">[];
export type StaffFeedbackChannel = (typeof STAFF_FEEDBACK_CHANNELS)[number];

export const FEEDBACK_CHANNEL_LABELS: Record<FeedbackChannel, string> = {
  in_person: "Trực tiếp",
  phone: "Điện thoại",
  mail: "Thư, văn bản",
  email: "Thư điện tử",
  portal: "Cổng Dịch vụ công",
  zalo: "Zalo",
  public_web: "Trang gửi phản ánh trực tuyến",
};

/** The sender's rating of the answer. */
export const SATISFACTION_LEVELS = ["satisfied", "neutral", "unsatisfied"] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS: Record<SatisfactionLevel, string> = {
  satisfied: "Hài lòng",
  neutral: "Bình thường",
  unsatisfied: "Không hài lòng",
};
