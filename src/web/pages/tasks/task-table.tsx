import { ActionIcon, Anchor, Group, List, Progress, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconPaperclip, IconPencil, IconTrash } from "@tabler/icons-react";
import { Link } from "react-router";
import { DataList, useClamp, type ListColumn } from "../../components/data-list.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { TaskStatusBadge } from "../plans/plan-badges.tsx";
import { planPaths } from "../plans/plan-paths.ts";
import type { ChildTask, Task } from "../plans/plans.api.ts";

type Row = Task & { children?: ChildTask[]; planTitle?: string; unitName?: string };

/** The raw timeline as the plan wrote it; flagged when the parser could not read it. */
export function TimelineText({ task }: { task: Task }) {
  if (!task.timelineRaw) return <>{vi.common.none}</>;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <span>{task.timelineRaw}</span>
      {task.needsReview && (
        <Tooltip label={t.tasks.needsReview} withArrow multiline maw={260}>
          <span role="img" aria-label={t.tasks.needsReview} tabIndex={0} className="cchc-warning">
            <IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden="true" />
          </span>
        </Tooltip>
      )}
    </Group>
  );
}

function ChildrenProgress({ items }: { items: ChildTask[] }) {
  return (
    <div>
      <Text size="xs" fw={500} mt={4}>
        {t.tasks.children}
      </Text>
      <List size="xs" spacing={0}>
        {items.map((child) => (
          <List.Item key={child.taskId}>
            {child.unitName}: {child.statusLabel} ({child.progress}%)
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** The task's text as the button opening it, and what it delivers, its evidence, its children. */
function TaskTextCell({
  task,
  onOpen,
  clamp = false,
}: {
  task: Row;
  onOpen: () => void;
  /** On a phone the text is clamped to three lines, with a button to read it all. */
  clamp?: boolean;
}) {
  const { textProps, toggle } = useClamp<HTMLParagraphElement>(3);
  return (
    <>
      <Anchor
        component="button"
        type="button"
        ta="left"
        size="sm"
        fw={clamp ? 500 : undefined}
        onClick={onOpen}
        aria-label={t.tasks.open(task.text)}
      >
        {clamp ? (
          <Text span size="sm" inherit {...textProps}>
            {task.text}
          </Text>
        ) : (
          task.text
        )}
      </Anchor>
      {clamp && toggle && <div>{toggle}</div>}
      {task.deliverable && (
        <Text size="xs" c="dimmed">
          {t.taskForm.deliverable}: {task.deliverable}
        </Text>
      )}
      {task.evidenceCount > 0 && (
        <Group gap={2} c="dimmed">
          <IconPaperclip size={12} aria-hidden="true" />
          <Text size="xs">{t.tasks.evidenceCount(task.evidenceCount)}</Text>
        </Group>
      )}
      {task.children && task.children.length > 0 && <ChildrenProgress items={task.children} />}
    </>
  );
}

/**
 * A table of tasks: TT, nội dung, chủ trì, phối hợp, thời gian, hạn, trạng thái, tiến độ. On a
 * phone each task is a card headed by its (clamped) text.
 */
export function TaskTable<T extends Row>({
  label,
  tasks,
  onOpen,
  onEdit,
  onDelete,
  showPlan = false,
  showUnit = false,
}: {
  label: string;
  tasks: T[];
  onOpen: (task: T) => void;
  onEdit?: (task: T) => void;
  onDelete?: (task: T) => void;
  showPlan?: boolean;
  /** A unit column, for lists across units (reviewers, province users). */
  showUnit?: boolean;
}) {
  const refs = new Map(tasks.map((task, index) => [task.id, task.ref ?? String(index + 1)]));
  const columns: ListColumn<T>[] = [
    { header: t.tasks.colRef, w: 48, cell: (task) => refs.get(task.id) },
    {
      header: t.tasks.colText,
      phone: "title",
      miw: 240,
      cell: (task) => <TaskTextCell task={task} onOpen={() => onOpen(task)} />,
      phoneCell: (task) => <TaskTextCell task={task} onOpen={() => onOpen(task)} clamp />,
    },
    ...(showUnit
      ? [
          {
            header: t.taskList.colUnit,
            maw: 200,
            phoneWide: true,
            cell: (task: T) => task.unitName,
          },
        ]
      : []),
    ...(showPlan
      ? [
          {
            header: t.taskList.colPlan,
            maw: 220,
            phoneWide: true,
            cell: (task: T) => (
              <Anchor component={Link} to={planPaths.detail(task.planId)} size="sm">
                {task.planTitle}
              </Anchor>
            ),
          },
        ]
      : []),
    {
      header: t.tasks.colLead,
      w: 130,
      cell: (task) => task.leadAgencyName ?? vi.common.none,
    },
    {
      header: t.tasks.colSupport,
      w: 130,
      cell: (task) =>
        task.supportAgencyNames.length > 0 ? task.supportAgencyNames.join(", ") : vi.common.none,
    },
    {
      header: t.tasks.colTimeline,
      w: 120,
      maw: 180,
      cell: (task) => <TimelineText task={task} />,
    },
    { header: t.tasks.colDue, nowrap: true, cell: (task) => formatDate(task.dueDate) },
    {
      header: t.tasks.colStatus,
      cell: (task) => (
        <TaskStatusBadge status={task.effectiveStatus} label={task.effectiveStatusLabel} />
      ),
    },
    {
      header: t.tasks.colProgress,
      w: 90,
      cell: (task) => (
        <>
          <Text size="sm">{task.progress}%</Text>
          <Progress
            value={task.progress}
            size="xs"
            color="green"
            aria-label={`${t.tasks.colProgress}: ${task.text}`}
          />
        </>
      ),
    },
  ];
  if (onEdit || onDelete)
    columns.push({
      header: vi.common.actions,
      headerHidden: true,
      phone: "actions",
      cell: (task) => (
        <Group gap={4} wrap="nowrap">
          {onEdit && (
            <ActionIcon
              variant="subtle"
              aria-label={t.tasks.editAria(task.text)}
              onClick={() => onEdit(task)}
            >
              <IconPencil size={18} aria-hidden="true" />
            </ActionIcon>
          )}
          {onDelete && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t.tasks.deleteAria(task.text)}
              onClick={() => onDelete(task)}
            >
              <IconTrash size={18} aria-hidden="true" />
            </ActionIcon>
          )}
        </Group>
      ),
    });
  return (
    <DataList
      label={label}
      minWidth={showPlan ? 1100 : 900}
      rows={tasks}
      rowKey={(task) => task.id}
      columns={columns}
      verticalSpacing="xs"
    />
  );
}
