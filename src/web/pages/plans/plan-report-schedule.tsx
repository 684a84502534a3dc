import { Anchor, Button, List, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { scheduleEntryLabel } from "../../../core/report/report-kinds-from-schedule.ts";
import { FormError } from "../../components/form-error.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { reportPaths } from "../reports/report-paths.ts";
import { createKindsFromPlan, reportKeys } from "../reports/reports.api.ts";
import type { PlanCan, PlanDetail } from "./plans.api.ts";

/**
 * The reporting schedule the plan sets ("báo cáo định kỳ hằng quý … trước ngày 15 của tháng cuối
 * quý"), and for whoever defines the unit's reports, the report kinds made from it.
 */
export function PlanReportSchedule({ plan, can }: { plan: PlanDetail; can: PlanCan }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => createKindsFromPlan(plan.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
  if (plan.reportSchedule.length === 0) return <Text c="dimmed">{t.reportSchedule.empty}</Text>;
  const result = create.data;
  return (
    <Stack gap="xs">
      <List size="sm" spacing={4}>
        {plan.reportSchedule.map((entry, index) => (
          <List.Item key={`${entry.kind}-${index}`}>
            <Text size="sm" span fw={500}>
              {scheduleEntryLabel(entry)}
            </Text>
            <Text size="xs" c="dimmed">
              {t.reportSchedule.source(entry.text)}
            </Text>
          </List.Item>
        ))}
      </List>
      {can.defineReports && !result && (
        <div>
          <Button variant="default" loading={create.isPending} onClick={() => create.mutate()}>
            {t.reportSchedule.create}
          </Button>
          <Text size="xs" c="dimmed" mt={4}>
            {t.reportSchedule.createHint}
          </Text>
        </div>
      )}
      <FormError error={create.error} />
      {result && (
        <Stack gap={4} role="status">
          <Text size="sm">
            {t.reportSchedule.created(result.created.length)}{" "}
            <Anchor component={Link} to={reportPaths.calendar}>
              {t.reportSchedule.open}
            </Anchor>
          </Text>
          {result.skipped.map((entry, index) => (
            <Text size="sm" c="dimmed" key={index}>
              {entry.message}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
