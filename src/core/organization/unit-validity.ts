/**
 * A unit receives records only while it exists: a dossier received, or feedback dated, before
 * the unit's valid-from or after its valid-to (it was merged away or dissolved) belongs to
 * another unit. The merged-away unit keeps the records it received, and they count for the unit
 * it was merged into (UnitTree.unitsCountingFor).
 */
export interface UnitValidity {
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

const shown = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** null when the unit existed on `day` (YYYY-MM-DD); otherwise why it cannot receive a record. */
export function outsideValidity(unit: UnitValidity, day: string): string | null {
  if (unit.validFrom !== null && day < unit.validFrom)
    return `${unit.name} chỉ hoạt động từ ngày ${shown(unit.validFrom)}; không thể ghi nhận hồ sơ, phản ánh ngày ${shown(day)} cho đơn vị này (hồ sơ trước ngày đó thuộc đơn vị cũ).`;
  if (unit.validTo !== null && day > unit.validTo)
    return `${unit.name} đã kết thúc hoạt động ngày ${shown(unit.validTo)} (sáp nhập hoặc giải thể); không thể ghi nhận hồ sơ, phản ánh ngày ${shown(day)} cho đơn vị này.`;
  return null;
}
