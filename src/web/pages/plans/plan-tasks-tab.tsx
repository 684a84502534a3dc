import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { TaskPanel } from "../tasks/task-panel.tsx";
import { TaskTable } from "../tasks/task-table.tsx";
import { AREA_KEYS, type AreaKey } from "../../../core/plan/plan-area.ts";
import { AreaTargetScore } from "./area-target-score.tsx";
import { ConfirmModal } from "./confirm-modal.tsx";
import { ProgressSummary } from "./plan-badges.tsx";
import { deleteTask, type PlanCan, type PlanDetail, type PlanTask } from "./plans.api.ts";
import { romanNumeral } from "../../../core/text/numbering.ts";
import { groupTasksByArea } from "./task-groups.ts";
import { TaskFormModal } from "./task-form-modal.tsx";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

const isAreaKey = (key: string): key is AreaKey => (AREA_KEYS as readonly string[]).includes(key);

type Editing = { mode: "create" } | { mode: "edit"; task: PlanTask } | null;

/** The plan's tasks under its areas, each area with its progress; add, edit, open a task. */
export function PlanTasksTab({ plan, can }: { plan: PlanDetail; can: PlanCan }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PlanTask | null>(null);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const invalidate = useInvalidatePlans();
  const groups = groupTasksByArea(plan.areas, plan.tasks);
  const openTask = plan.tasks.find((task) => task.id === openTaskId) ?? null;

  return (
    <Stack gap="lg">
      {can.edit && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setEditing({ mode: "create" })}
          >
            {t.tasks.add}
          </Button>
        </Group>
      )}
      {plan.tasks.length === 0 && <Text c="dimmed">{t.tasks.empty}</Text>}
      {groups
        .filter((group) => group.tasks.length > 0)
        .map((group, index) => (
          <section key={group.key} aria-labelledby={`area-${group.key}`}>
            <Group justify="space-between" align="flex-end" mb="xs" gap="sm">
              <div>
                <Title order={2} size="h4" id={`area-${group.key}`}>
                  {group.key === "none"
                    ? group.heading
                    : `${romanNumeral(index + 1)}. ${group.heading}`}
                </Title>
                {isAreaKey(group.key) && (
                  <AreaTargetScore
                    planId={plan.id}
                    areaKey={group.key}
                    heading={group.heading}
                    area={group.area}
                    canEdit={can.edit}
                  />
                )}
              </div>
              {group.area && (
                <ProgressSummary
                  progress={group.area.progress}
                  label={`${t.tasks.colProgress}: ${group.heading}`}
                />
              )}
            </Group>
            <TaskTable
              label={group.heading}
              tasks={group.tasks}
              onOpen={(task) => setOpenTaskId(task.id)}
              onEdit={can.edit ? (task) => setEditing({ mode: "edit", task }) : undefined}
              onDelete={can.edit ? (task) => setDeleting(task) : undefined}
            />
          </section>
        ))}

      {editing && (
        <TaskFormModal
          plan={plan}
          task={editing.mode === "edit" ? editing.task : null}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmModal
          title={t.tasks.deleteAria(deleting.text)}
          text={t.tasks.deleteConfirm(deleting.text)}
          confirmLabel={t.detail.deleteConfirm}
          color="red"
          action={() => deleteTask(deleting.id)}
          onClose={() => setDeleting(null)}
          onDone={async () => {
            setDeleting(null);
            await invalidate();
          }}
        />
      )}
      {openTask && <TaskPanel task={openTask} onClose={() => setOpenTaskId(null)} />}
    </Stack>
  );
}
