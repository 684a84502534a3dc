import {
  ActionIcon,
  Anchor,
  Group,
  List,
  Progress,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconAlertTriangle, IconPaperclip, IconPencil, IconTrash } from "@tabler/icons-react";
import { Link } from "react-router";
import { TableScroll } from "../../components/table-scroll.tsx";
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

/** A table of tasks: TT, nội dung, chủ trì, phối hợp, thời gian, hạn, trạng thái, tiến độ. */
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
  const hasActions = Boolean(onEdit || onDelete);
  return (
    <TableScroll label={label}>
      <Table
        miw={showPlan ? 1100 : 900}
        striped
        highlightOnHover
        aria-label={label}
        verticalSpacing="xs"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>{t.tasks.colRef}</Table.Th>
            <Table.Th>{t.tasks.colText}</Table.Th>
            {showUnit && <Table.Th>{t.taskList.colUnit}</Table.Th>}
            {showPlan && <Table.Th>{t.taskList.colPlan}</Table.Th>}
            <Table.Th w={130}>{t.tasks.colLead}</Table.Th>
            <Table.Th w={130}>{t.tasks.colSupport}</Table.Th>
            <Table.Th w={120}>{t.tasks.colTimeline}</Table.Th>
            <Table.Th>{t.tasks.colDue}</Table.Th>
            <Table.Th>{t.tasks.colStatus}</Table.Th>
            <Table.Th w={90}>{t.tasks.colProgress}</Table.Th>
            {hasActions && (
              <Table.Th>
                <VisuallyHidden>{vi.common.actions}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task, index) => (
            <Table.Tr key={task.id}>
              <Table.Td>{task.ref ?? index + 1}</Table.Td>
              <Table.Td miw={240}>
                <Anchor
                  component="button"
                  type="button"
                  ta="left"
                  size="sm"
                  onClick={() => onOpen(task)}
                  aria-label={t.tasks.open(task.text)}
                >
                  {task.text}
                </Anchor>
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
                {task.children && task.children.length > 0 && (
                  <ChildrenProgress items={task.children} />
                )}
              </Table.Td>
              {showUnit && <Table.Td maw={200}>{task.unitName}</Table.Td>}
              {showPlan && (
                <Table.Td maw={220}>
                  <Anchor component={Link} to={planPaths.detail(task.planId)} size="sm">
                    {task.planTitle}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Td>{task.leadAgencyName ?? vi.common.none}</Table.Td>
              <Table.Td>
                {task.supportAgencyNames.length > 0
                  ? task.supportAgencyNames.join(", ")
                  : vi.common.none}
              </Table.Td>
              <Table.Td maw={180}>
                <TimelineText task={task} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(task.dueDate)}</Table.Td>
              <Table.Td>
                <TaskStatusBadge status={task.effectiveStatus} label={task.effectiveStatusLabel} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{task.progress}%</Text>
                <Progress
                  value={task.progress}
                  size="xs"
                  color="green"
                  aria-label={`${t.tasks.colProgress}: ${task.text}`}
                />
              </Table.Td>
              {hasActions && (
                <Table.Td>
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
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
