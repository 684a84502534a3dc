/**
 * Rules of the unit hierarchy: province → (district, until 30/06/2025) → commune.
 */
export const UNIT_LEVELS = ["province", "district", "commune"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const COMMUNE_KINDS = ["xa", "phuong", "thi_tran", "dac_khu"] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];

export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  province: "Tỉnh/Thành phố",
  district: "Huyện/Quận/Thị xã",
  commune: "Xã/Phường/Đặc khu",
};

export const COMMUNE_KIND_LABELS: Record<CommuneKind, string> = {
  xa: "Xã",
  phuong: "Phường",
  thi_tran: "Thị trấn",
  dac_khu: "Đặc khu",
};

const ALLOWED_PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ["province"],
  commune: ["province", "district"],
};

export interface UnitShape {
  id?: string;
  level: UnitLevel;
  kind: CommuneKind | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
}

/** Vietnamese reason why the unit's fields or its parent are inconsistent, or null when valid. */
export function unitProblem(unit: UnitShape, parent: { level: UnitLevel } | null): string | null {
  if (unit.kind !== null && unit.level !== "commune") {
    return "loại hình xã/phường/thị trấn/đặc khu chỉ áp dụng cho đơn vị cấp xã";
  }
  if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom) {
    return "ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực";
  }
  if (unit.id && unit.mergedIntoId === unit.id) return "đơn vị không thể sáp nhập vào chính nó";
  if (unit.mergedIntoId && !unit.validTo) {
    return "đơn vị đã sáp nhập phải có ngày hết hiệu lực";
  }
  const allowed = ALLOWED_PARENT_LEVELS[unit.level];
  if (parent === null) {
    return allowed.length === 0 ? null : "đơn vị cấp huyện và cấp xã phải có đơn vị cấp trên";
  }
  if (!allowed.includes(parent.level)) {
    return `đơn vị cấp ${UNIT_LEVEL_LABELS[unit.level]} không thể trực thuộc đơn vị cấp ${UNIT_LEVEL_LABELS[parent.level]}`;
  }
  return null;
}

/** A unit is active on `today` unless its validity ended before or starts after it. */
export function isUnitActive(
  unit: { validFrom: string | null; validTo: string | null },
  today: string,
): boolean {
  if (unit.validTo !== null && unit.validTo < today) return false;
  if (unit.validFrom !== null && unit.validFrom > today) return false;
  return true;
}

/** Kinds of agency inside a unit: its office, a department or post, the one-stop desk, a mass organisation. */
export const AGENCY_KINDS = ["office", "department", "one_stop", "mass_org", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
