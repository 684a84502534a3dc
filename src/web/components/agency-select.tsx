import { Select, type SelectProps } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { listAgencies } from "../api/agencies.api.ts";
import { queryKeys } from "../api/query-keys.ts";
import { vi } from "../i18n/vi.ts";

/** The agencies of one unit; disabled until a unit is chosen. */
export function AgencySelect({
  unitId,
  ...props
}: Omit<SelectProps, "data"> & { unitId: string | null }) {
  const agencies = useQuery({
    queryKey: queryKeys.agencyList(unitId ?? ""),
    queryFn: () => listAgencies(unitId ?? ""),
    enabled: Boolean(unitId),
  });
  const data = (agencies.data?.data ?? [])
    .filter((agency) => agency.isActive || agency.id === props.value)
    .map((agency) => ({ value: agency.id, label: agency.name }));
  return (
    <Select
      searchable
      clearable
      data={data}
      disabled={!unitId}
      {...props}
      placeholder={
        unitId && agencies.isPending ? vi.app.loading : (props.placeholder ?? vi.users.noAgency)
      }
    />
  );
}
