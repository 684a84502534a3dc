import { useQueryClient } from "@tanstack/react-query";
import { planKeys } from "./plans.api.ts";

/** After any change to a plan or task: refetch plans, task lists and task histories. */
export function useInvalidatePlans() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: planKeys.all }),
      queryClient.invalidateQueries({ queryKey: planKeys.tasks }),
    ]);
  };
}
