import { List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { getTaskUpdates, planKeys, type TaskUpdate } from "../plans/plans.api.ts";
import { describeChanges } from "./task-changes.ts";

/** Who updated the task when, and what changed, newest first. */
export function TaskHistory({ taskId }: { taskId: string }) {
  const updates = useQuery({
    queryKey: planKeys.taskUpdates(taskId),
    queryFn: () => getTaskUpdates(taskId),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t.panel.history}
      </Title>
      {updates.isPending ? (
        <LoadingBlock />
      ) : updates.isError ? (
        <QueryError error={updates.error} onRetry={() => updates.refetch()} />
      ) : updates.data.updates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.panel.historyEmpty}
        </Text>
      ) : (
        <List spacing="xs" size="sm" data-testid="task-history">
          {[...updates.data.updates]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((update: TaskUpdate) => (
              <List.Item key={update.id}>
                <Text size="sm" component="span" fw={500}>
                  {formatDateTime(update.at)}
                </Text>{" "}
                <Text size="sm" component="span" c="dimmed">
                  {t.panel.by(update.userName)}
                </Text>
                {describeChanges(update.changes ?? {}).map((line) => (
                  <Text size="sm" key={line}>
                    {line}
                  </Text>
                ))}
                {update.comment && (
                  <Text size="sm" fs="italic">
                    “{update.comment}”
                  </Text>
                )}
              </List.Item>
            ))}
        </List>
      )}
    </Stack>
  );
}
