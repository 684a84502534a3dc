import { Button, Checkbox, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { getPlan, planKeys } from "./plans.api.ts";
import { groupTasksByArea } from "./task-groups.ts";

/** The upper plan's tasks grouped by area, all ticked at first; the unit unticks what does not apply. */
export function UpperTaskPicker({
  planId,
  selected,
  onChange,
}: {
  planId: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const plan = useQuery({ queryKey: planKeys.detail(planId), queryFn: () => getPlan(planId) });
  const initializedFor = useRef<string | null>(null);
  const tasks = plan.data?.data.tasks;

  useEffect(() => {
    if (tasks && initializedFor.current !== planId) {
      initializedFor.current = planId;
      onChange(tasks.map((task) => task.id));
    }
  }, [tasks, planId, onChange]);

  if (plan.isPending) return <LoadingBlock />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => plan.refetch()} />;

  const all = plan.data.data.tasks;
  const chosen = new Set(selected);
  const groups = groupTasksByArea(plan.data.data.areas, all);

  return (
    <Stack gap="sm" mt="xs">
      <Group justify="space-between">
        <div>
          <Text fw={500} size="sm">
            {t.create.upperTasks}
          </Text>
          <Text size="xs" c="dimmed">
            {t.create.upperTasksHint}
          </Text>
        </div>
        <Group gap="xs">
          <Text size="sm" aria-live="polite">
            {t.create.selectedCount(chosen.size, all.length)}
          </Text>
          <Button size="xs" variant="default" onClick={() => onChange(all.map((x) => x.id))}>
            {t.create.selectAll}
          </Button>
          <Button size="xs" variant="default" onClick={() => onChange([])}>
            {t.create.selectNone}
          </Button>
        </Group>
      </Group>
      {groups.map((group) => (
        <Checkbox.Group
          key={group.key}
          label={group.heading}
          value={group.tasks.filter((task) => chosen.has(task.id)).map((task) => task.id)}
          onChange={(ids) => {
            const inGroup = new Set(group.tasks.map((task) => task.id));
            onChange([...selected.filter((id) => !inGroup.has(id)), ...ids]);
          }}
        >
          <Stack gap={6} mt={6}>
            {group.tasks.map((task) => (
              <Checkbox
                key={task.id}
                value={task.id}
                label={`${task.ref ? `${task.ref}. ` : ""}${task.text}`}
                description={[task.leadAgencyName, task.timelineRaw].filter(Boolean).join(" · ")}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      ))}
    </Stack>
  );
}
