/**
 * What a methodology is and where it stands: PAR criteria sets, the QĐ 766 service index, SIPAS.
 * All are drafts so far: publishing them to the units below comes later.
 */
export const METHODOLOGY_KINDS = ["par_index", "service_index_766", "sipas"] as const;
export type MethodologyKind = (typeof METHODOLOGY_KINDS)[number];

export const METHODOLOGY_KIND_LABELS: Record<MethodologyKind, string> = {
  par_index: "Chỉ số cải cách hành chính",
  service_index_766: "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
  sipas: "Chỉ số hài lòng (SIPAS)",
};

export const METHODOLOGY_STATUSES = ["draft"] as const;
export type MethodologyStatus = (typeof METHODOLOGY_STATUSES)[number];

export const METHODOLOGY_STATUS_LABELS: Record<MethodologyStatus, string> = {
  draft: "Dự thảo",
};
