import type { Me } from "../../api/types.ts";
import { UnitSelect } from "../unit-select.tsx";
import type { CaseColumn } from "./case-register-table.tsx";

/** Province and district users read many units' cases: their lists show and filter the unit. */
export function readsManyUnits(me: Me): boolean {
  return me.unit.level !== "commune";
}

export const UNIT_LABEL = "Đơn vị";
export const ALL_UNITS = "Tất cả đơn vị";

/** The unit column of a cross-unit register. */
export function unitColumn<T extends { unitName: string }>(): CaseColumn<T> {
  return { header: UNIT_LABEL, cell: (row) => row.unitName, maw: 220, phoneWide: true };
}

/** The unit filter of a cross-unit register. */
export function CaseUnitFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <UnitSelect
      label={UNIT_LABEL}
      placeholder={ALL_UNITS}
      clearable
      value={value}
      onChange={onChange}
      w={240}
    />
  );
}
