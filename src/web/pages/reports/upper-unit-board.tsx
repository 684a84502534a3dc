import { Paper, Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { vietnamDate } from "../../../core/time/vietnam-time.ts";
import { ReportRollup } from "./report-rollup.tsx";
import { ReportUnitsOverview } from "./report-units-overview.tsx";
import { listKinds, reportKeys } from "./reports.api.ts";

/**
 * The upper unit's view of a kind and period it published: the leader's overview of its units
 * and the consolidated report. Until one is chosen, the latest period already due (or the first).
 * The choice lives in the address (`?loai=<kind id>&ky=<period key>`), so coming back from the
 * records a figure opened shows the same kind and period.
 */
export function UpperUnitBoard({ unitId, year }: { unitId: string; year: number }) {
  const kinds = useQuery({
    queryKey: reportKeys.kinds(unitId, year),
    queryFn: () => listKinds(unitId, year),
  });
  const published = (kinds.data?.data ?? []).filter((k) => k.status === "published");
  const options = published.flatMap((k) =>
    k.instances.map((i) => ({
      value: `${k.id}|${i.periodKey}`,
      label: `${k.name} — ${i.periodLabel}`,
      dueDate: i.dueDate,
    })),
  );
  const [params, setParams] = useSearchParams();
  const chosen =
    params.get("loai") && params.get("ky") ? `${params.get("loai")}|${params.get("ky")}` : null;
  const setChosen = (value: string | null) => {
    if (!value) return;
    const [kind, period] = value.split("|") as [string, string];
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("loai", kind);
        next.set("ky", period);
        return next;
      },
      { replace: true },
    );
  };
  if (options.length === 0) return null;
  const today = vietnamDate(new Date());
  const fallback = options.filter((o) => o.dueDate <= today).at(-1) ?? options[0]!;
  const choice = options.some((o) => o.value === chosen) ? chosen! : fallback.value;
  const [kindId, periodKey] = choice.split("|") as [string, string];
  return (
    <>
      <Paper withBorder p="md" mb="md">
        <Select
          label="Loại báo cáo và kỳ"
          data={options.map(({ value, label }) => ({ value, label }))}
          value={choice}
          onChange={setChosen}
          allowDeselect={false}
          w={460}
          maw="100%"
        />
      </Paper>
      <ReportUnitsOverview unitId={unitId} kindId={kindId} periodKey={periodKey} />
      <ReportRollup unitId={unitId} kindId={kindId} periodKey={periodKey} />
    </>
  );
}
