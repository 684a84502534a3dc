import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { TaskStatusBadge } from "../plans/plan-badges.tsx";
import type { ListedTask } from "../plans/plans.api.ts";

interface MonthGroup {
  key: string;
  title: string;
  tasks: ListedTask[];
}

/** Tasks grouped by the month they are due ("Tháng 06/2026"); tasks without a due day last. */
export function groupByDueMonth(tasks: ListedTask[]): MonthGroup[] {
  const groups = new Map<string, MonthGroup>();
  for (const task of tasks) {
    const key = task.dueDate ? task.dueDate.slice(0, 7) : "none";
    let group = groups.get(key);
    if (!group) {
      const [year = "", month = ""] = key.split("-");
      group = {
        key,
        title: key === "none" ? t.taskList.noDue : t.taskList.month(month, year),
        tasks: [],
      };
      groups.set(key, group);
    }
    group.tasks.push(task);
  }
  return [...groups.values()].sort((a, b) =>
    a.key === "none" ? 1 : b.key === "none" ? -1 : a.key.localeCompare(b.key),
  );
}

/** "Theo tháng": one block per due month, each task with its status and due day. */
export function TaskTimeline({
  tasks,
  onOpen,
}: {
  tasks: ListedTask[];
  onOpen: (task: ListedTask) => void;
}) {
  return (
    <Stack gap="md" aria-label={t.taskList.timelineLabel} role="region">
      {groupByDueMonth(tasks).map((group) => (
        <Paper withBorder p="md" key={group.key} component="section">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {group.title}
            </Title>
            <Badge variant="light" color="gray">
              {t.taskList.monthCount(group.tasks.length)}
            </Badge>
          </Group>
          <Stack gap={6}>
            {group.tasks.map((task) => (
              <Group key={task.id} justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Anchor
                    component="button"
                    type="button"
                    ta="left"
                    size="sm"
                    onClick={() => onOpen(task)}
                  >
                    {task.text}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[task.leadAgencyName, task.planTitle].filter(Boolean).join(" · ")}
                  </Text>
                </div>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                    {formatDate(task.dueDate)}
                  </Text>
                  <TaskStatusBadge
                    status={task.effectiveStatus}
                    label={task.effectiveStatusLabel}
                  />
                </Group>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
