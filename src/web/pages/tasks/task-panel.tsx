import { Divider, Group, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { TaskStatusBadge } from "../plans/plan-badges.tsx";
import type { Occurrence, Task } from "../plans/plans.api.ts";
import { TaskEvidence } from "./task-evidence.tsx";
import { TaskHistory } from "./task-history.tsx";
import { TaskOccurrences } from "./task-occurrences.tsx";
import { TimelineText } from "./task-table.tsx";
import { TaskUpdateForm } from "./task-update-form.tsx";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/**
 * One task: its facts, then (for those who may update it) status, progress, reason, completion
 * date and comment; its recurring occurrences, evidence files and history.
 */
export function TaskPanel({
  task,
  onClose,
}: {
  task: Task & { occurrences?: Occurrence[] };
  onClose: () => void;
}) {
  return (
    <Modal opened onClose={onClose} title={t.panel.title} size="xl">
      <Stack gap="md">
        <Title order={2} size="h4">
          {task.text}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Fact label={t.tasks.colLead}>{task.leadAgencyName ?? vi.common.none}</Fact>
          <Fact label={t.tasks.colSupport}>
            {task.supportAgencyNames.join(", ") || vi.common.none}
          </Fact>
          <Fact label={t.taskForm.monitor}>{task.monitorAgencyName ?? vi.common.none}</Fact>
          <Fact label={t.tasks.colTimeline}>
            <TimelineText task={task} />
          </Fact>
          <Fact label={t.tasks.colDue}>{formatDate(task.dueDate)}</Fact>
          <Fact label={t.tasks.colStatus}>
            <Group gap="xs">
              <TaskStatusBadge status={task.effectiveStatus} label={task.effectiveStatusLabel} />
              <span data-testid="task-progress">{task.progress}%</span>
            </Group>
          </Fact>
          {task.deliverable && <Fact label={t.taskForm.deliverable}>{task.deliverable}</Fact>}
          {task.statusReason && <Fact label={t.panel.reason}>{task.statusReason}</Fact>}
          {task.completedAt && (
            <Fact label={t.panel.completedOn}>{formatDate(task.completedAt)}</Fact>
          )}
        </SimpleGrid>

        {task.can.update ? (
          <TaskUpdateForm key={task.id} task={task} />
        ) : (
          <Text size="sm" c="dimmed">
            {t.panel.readOnly}
          </Text>
        )}

        {task.occurrences && task.occurrences.length > 0 && (
          <>
            <Divider />
            <TaskOccurrences occurrences={task.occurrences} canUpdate={task.can.update} />
          </>
        )}
        <Divider />
        <TaskEvidence task={task} />
        <Divider />
        <TaskHistory taskId={task.id} />
      </Stack>
    </Modal>
  );
}
