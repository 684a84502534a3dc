import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { AREA_HEADINGS, AREA_KEYS } from "../../../core/plan/plan-area.ts";
import { listAgencies } from "../../api/agencies.api.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { readsManyUnits } from "../../components/case-register/index.ts";
import { UnitSelect } from "../../components/unit-select.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { listPlans, listTasks, planKeys } from "../plans/plans.api.ts";
import { TASK_LIST_VIEWS, taskListFilterFrom } from "./task-list-params.ts";
import { TaskPanel } from "./task-panel.tsx";
import { TaskTable } from "./task-table.tsx";
import { TaskTimeline } from "./task-timeline.tsx";

/** "Việc của tôi", overdue, due soon or all tasks; filters, search, and a month timeline. */
export function TasksPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const { view, planId, areaKey, agencyId, unitId, dueFrom, dueTo, counted } =
    taskListFilterFrom(params);
  const layout = params.get("hien-thi") === "thang" ? "timeline" : "table";
  const manyUnits = readsManyUnits(me);
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  // A link (the home page) may open one task: `?mo=<id>`.
  const [openTaskId, setOpenTaskId] = useState<string | null>(params.get("mo"));

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const query = { view, planId, areaKey, agencyId, unitId, dueFrom, dueTo, counted, q };
  const tasks = useQuery({ queryKey: planKeys.taskList(query), queryFn: () => listTasks(query) });
  const plans = useQuery({ queryKey: planKeys.list({}), queryFn: () => listPlans() });
  const agencies = useQuery({
    queryKey: queryKeys.agencyList(me.unit.id),
    queryFn: () => listAgencies(me.unit.id),
  });
  const openTask = tasks.data?.find((task) => task.id === openTaskId) ?? null;

  return (
    <>
      <PageHeader title={t.taskList.title} description={t.taskList.description} />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <SegmentedControl
            aria-label={t.taskList.viewLabel}
            value={view}
            onChange={(value) => setParam("xem", value === "mine" ? null : value)}
            data={TASK_LIST_VIEWS.map((value) => ({ value, label: t.taskList.views[value] }))}
          />
          <SegmentedControl
            aria-label={t.taskList.layout}
            value={layout}
            onChange={(value) => setParam("hien-thi", value === "timeline" ? "thang" : null)}
            data={[
              { value: "table", label: t.taskList.layoutTable },
              { value: "timeline", label: t.taskList.layoutTimeline },
            ]}
          />
        </Group>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t.taskList.search}
            placeholder={t.taskList.searchPlaceholder}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={300}
          />
          <Select
            label={t.taskList.plan}
            placeholder={t.taskList.allPlans}
            clearable
            searchable
            data={(plans.data?.data ?? [])
              .filter((plan) => plan.status !== "superseded")
              .map((plan) => ({ value: plan.id, label: `${plan.title} (${plan.periodLabel})` }))}
            value={planId}
            onChange={(value) => setParam("ke-hoach", value)}
            w={300}
          />
          <Select
            label={t.taskList.area}
            placeholder={t.taskList.allAreas}
            clearable
            data={AREA_KEYS.map((key) => ({ value: key, label: AREA_HEADINGS[key] }))}
            value={areaKey}
            onChange={(value) => setParam("linh-vuc", value)}
            w={280}
          />
          {manyUnits && (
            <UnitSelect
              label={t.taskList.unit}
              placeholder={t.taskList.allUnits}
              clearable
              value={unitId}
              onChange={(value) => setParam("don-vi", value)}
              w={260}
            />
          )}
          <Select
            label={t.taskList.agency}
            placeholder={t.taskList.allAgencies}
            clearable
            searchable
            data={(agencies.data?.data ?? []).map((agency) => ({
              value: agency.id,
              label: agency.name,
            }))}
            value={agencyId}
            onChange={(value) => setParam("co-quan", value)}
            w={260}
          />
        </Group>
        {(dueFrom || dueTo) && (
          <Group gap="xs">
            <Text size="sm" data-testid="task-due-range">
              {t.taskList.dueRange(
                dueFrom ? formatDate(dueFrom) : null,
                dueTo ? formatDate(dueTo) : null,
              )}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                const next = new URLSearchParams(params);
                next.delete("han-tu");
                next.delete("han-den");
                setParams(next, { replace: true });
              }}
            >
              {t.taskList.clearDueRange}
            </Button>
          </Group>
        )}
        {counted === "report" && (
          <Group gap="xs">
            <Text size="sm" data-testid="task-counted-note">
              {t.taskList.countedInReport}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => setParam("tinh", null)}>
              {t.taskList.showAllTasks}
            </Button>
          </Group>
        )}
        {tasks.isPending ? (
          <LoadingBlock />
        ) : tasks.isError ? (
          <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
        ) : tasks.data.length === 0 ? (
          <Text c="dimmed" data-testid="task-count" data-count={0}>
            {t.taskList.empty}
          </Text>
        ) : layout === "timeline" ? (
          <TaskTimeline tasks={tasks.data} onOpen={(task) => setOpenTaskId(task.id)} />
        ) : (
          <TaskTable
            label={t.taskList.tableLabel}
            tasks={tasks.data}
            showPlan
            showUnit={manyUnits}
            onOpen={(task) => setOpenTaskId(task.id)}
          />
        )}
        {tasks.data && tasks.data.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="task-count" data-count={tasks.data.length}>
            {t.taskList.count(tasks.data.length)}
          </Text>
        )}
      </Stack>
      {openTask && <TaskPanel task={openTask} onClose={() => setOpenTaskId(null)} />}
    </>
  );
}
