import { useQuery } from "@tanstack/react-query";
import { feedbackKeys, listPublicUnits } from "./feedback.api.ts";

/** Units a citizen may write to, as Select options (province first, then Vietnamese order). */
export function usePublicUnitOptions() {
  const units = useQuery({ queryKey: feedbackKeys.publicUnits, queryFn: listPublicUnits });
  return {
    units,
    options: (units.data ?? []).map((u) => ({ value: u.code, label: u.name })),
  };
}
