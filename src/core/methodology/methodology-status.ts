/**
 * What a methodology is and where it stands. Only PAR criteria sets exist so far, and only as
 * drafts: publishing them to the units below and scoring against them come later.
 */
export const METHODOLOGY_KINDS = ["par_index"] as const;
export type MethodologyKind = (typeof METHODOLOGY_KINDS)[number];

export const METHODOLOGY_KIND_LABELS: Record<MethodologyKind, string> = {
  par_index: "Chỉ số cải cách hành chính",
};

export const METHODOLOGY_STATUSES = ["draft"] as const;
export type MethodologyStatus = (typeof METHODOLOGY_STATUSES)[number];

export const METHODOLOGY_STATUS_LABELS: Record<MethodologyStatus, string> = {
  draft: "Dự thảo",
};
