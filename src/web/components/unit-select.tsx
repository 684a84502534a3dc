import { Select, type SelectProps } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../api/query-keys.ts";
import type { Unit, UnitLevel } from "../api/types.ts";
import { listUnits } from "../api/units.api.ts";
import { vi } from "../i18n/vi.ts";

const collator = new Intl.Collator("vi");

export function unitOptionLabel(unit: Pick<Unit, "name" | "code">): string {
  return `${unit.name} (${unit.code})`;
}

/** A searchable list of the units the user may see. */
export function UnitSelect({
  includeInactive = false,
  levels,
  excludeId,
  ...props
}: Omit<SelectProps, "data"> & {
  includeInactive?: boolean;
  levels?: UnitLevel[];
  excludeId?: string;
}) {
  const query = { includeInactive };
  const units = useQuery({
    queryKey: queryKeys.unitList(query),
    queryFn: () => listUnits(query),
  });
  const data = (units.data?.data ?? [])
    .filter((unit) => (levels ? levels.includes(unit.level) : true) && unit.id !== excludeId)
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((unit) => ({ value: unit.id, label: unitOptionLabel(unit) }));
  return (
    <Select
      searchable
      data={data}
      placeholder={units.isPending ? vi.app.loading : vi.common.selectPlaceholder}
      error={units.isError ? errorText(units.error) : undefined}
      {...props}
    />
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : vi.errors.unknown;
}
