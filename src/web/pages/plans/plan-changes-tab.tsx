import { Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { describeChanges } from "../tasks/task-changes.ts";
import { listPlanChanges, planKeys, type PlanDetail } from "./plans.api.ts";

function monthAgo(): string {
  const date = new Date();
  date.setMonth(date.getMonth() - 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Thay đổi từ báo cáo trước": every task update of the plan since a chosen day. */
export function PlanChangesTab({ plan }: { plan: PlanDetail }) {
  const [since, setSince] = useState<string | null>(monthAgo());
  const changes = useQuery({
    queryKey: planKeys.changes(plan.id, since ?? ""),
    queryFn: () => listPlanChanges(plan.id, since ?? ""),
    enabled: Boolean(since),
  });
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <Title order={2} size="h4">
          {t.changes.title}
        </Title>
        <DateField label={t.changes.since} value={since} onChange={setSince} w={180} />
      </Group>
      {!since ? null : changes.isPending ? (
        <LoadingBlock />
      ) : changes.isError ? (
        <QueryError error={changes.error} onRetry={() => changes.refetch()} />
      ) : changes.data.length === 0 ? (
        <Text c="dimmed">{t.changes.empty}</Text>
      ) : (
        <TableScroll label={t.changes.tableLabel}>
          <Table miw={800} striped aria-label={t.changes.tableLabel}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.changes.colAt}</Table.Th>
                <Table.Th>{t.changes.colTask}</Table.Th>
                <Table.Th>{t.changes.colChange}</Table.Th>
                <Table.Th>{t.changes.colBy}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.data.map((change, index) => (
                <Table.Tr key={`${change.taskId}-${change.at}-${index}`}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(change.at)}</Table.Td>
                  <Table.Td maw={360}>{change.taskText}</Table.Td>
                  <Table.Td>
                    {describeChanges(change.changes).map((line) => (
                      <Text size="sm" key={line}>
                        {line}
                      </Text>
                    ))}
                    {change.comment && (
                      <Text size="sm" fs="italic">
                        “{change.comment}”
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{change.userName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
