/** The eight standard areas of administrative reform, in the order plans list them. */
export const AREA_KEYS = [
  "direction",
  "institutions",
  "procedures",
  "organization",
  "civil_service",
  "public_finance",
  "digital_government",
  "impact",
] as const;
export type AreaKey = (typeof AREA_KEYS)[number];

/** The usual headings; a plan may word them differently and keeps its own heading. */
export const AREA_HEADINGS: Record<AreaKey, string> = {
  direction: "Công tác chỉ đạo, điều hành cải cách hành chính",
  institutions: "Cải cách thể chế",
  procedures: "Cải cách thủ tục hành chính",
  organization: "Cải cách tổ chức bộ máy hành chính nhà nước",
  civil_service: "Cải cách chế độ công vụ",
  public_finance: "Cải cách tài chính công",
  digital_government: "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
  impact: "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
};

export function areaOrder(key: string): number {
  const index = (AREA_KEYS as readonly string[]).indexOf(key);
  return index === -1 ? AREA_KEYS.length : index;
}
