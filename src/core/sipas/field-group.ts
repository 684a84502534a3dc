import { searchKey } from "../text/vietnamese-text.ts";

/**
 * Plans set a lower satisfaction target for land and construction procedures (≥ 80 % against
 * ≥ 90 % for the others), so indices are also given for these groups apart. A procedure's field
 * is free text in the catalogue; the group is read from it.
 */
export const FIELD_GROUPS = ["land", "construction", "other"] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const FIELD_GROUP_LABELS: Record<FieldGroup, string> = {
  land: "Đất đai",
  construction: "Xây dựng",
  other: "Lĩnh vực khác",
};

/** "Đất đai", "Đăng ký đất đai" → land; "Hoạt động xây dựng", "Nhà ở" → construction. */
export function fieldGroupOf(field: string | null): FieldGroup | null {
  if (field === null || field.trim() === "") return null;
  const key = searchKey(field);
  if (/\bdat dai\b/.test(key)) return "land";
  if (/\bxay dung\b/.test(key) || /\bnha o\b/.test(key)) return "construction";
  return "other";
}
