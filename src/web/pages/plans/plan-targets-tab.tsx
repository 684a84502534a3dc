import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconPencil, IconPlus, IconTrash, IconWriting } from "@tabler/icons-react";
import { useState } from "react";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { ConfirmModal } from "./confirm-modal.tsx";
import { deleteTarget, type PlanCan, type PlanDetail, type Target } from "./plans.api.ts";
import { MeasurementModal, TargetFormModal } from "./target-form-modal.tsx";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

type Editing =
  | { mode: "create" }
  | { mode: "edit"; target: Target }
  | { mode: "measure"; target: Target }
  | { mode: "delete"; target: Target }
  | null;

/** The targets' columns; on a phone the target's text heads its card, the actions at the bottom. */
function targetColumns(can: PlanCan, setEditing: (editing: Editing) => void): ListColumn<Target>[] {
  return [
    { header: t.targets.colText, phone: "title", maw: 360, cell: (target) => target.text },
    {
      header: t.targets.colMetric,
      phoneWide: true,
      cell: (target) => (
        <>
          <Text size="sm">{target.metricLabel}</Text>
          <Text size="xs" c="dimmed">
            {target.measuredAutomatically ? t.targets.automatic : t.targets.manual}
          </Text>
        </>
      ),
    },
    { header: t.targets.colTarget, cell: (target) => target.targetText ?? vi.common.none },
    {
      header: t.targets.colMeasured,
      cell: (target) => (
        <>
          {target.measuredText ?? vi.common.none}
          {target.measuredText && target.measuredSample?.warning && (
            <Text size="xs" c="orange.9">
              {target.measuredSample.warning}
            </Text>
          )}
          {target.manualNote && (
            <Text size="xs" c="dimmed">
              {target.manualNote}
            </Text>
          )}
        </>
      ),
    },
    {
      header: t.targets.colState,
      cell: (target) => (
        <Tooltip label={target.rule ?? target.stateLabel} multiline maw={320}>
          <Badge color={t.targetStateColors[target.state] ?? "gray"} variant="light" tabIndex={0}>
            {target.stateLabel}
          </Badge>
        </Tooltip>
      ),
    },
    {
      header: vi.common.actions,
      headerHidden: true,
      phone: "actions",
      cell: (target) => (
        <Group gap={4} wrap="nowrap">
          {can.measure && !target.measuredAutomatically && (
            <ActionIcon
              variant="subtle"
              aria-label={t.targets.measureAria(target.text)}
              onClick={() => setEditing({ mode: "measure", target })}
            >
              <IconWriting size={18} aria-hidden="true" />
            </ActionIcon>
          )}
          {can.edit && (
            <>
              <ActionIcon
                variant="subtle"
                aria-label={t.targets.editAria(target.text)}
                onClick={() => setEditing({ mode: "edit", target })}
              >
                <IconPencil size={18} aria-hidden="true" />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t.targets.deleteAria(target.text)}
                onClick={() => setEditing({ mode: "delete", target })}
              >
                <IconTrash size={18} aria-hidden="true" />
              </ActionIcon>
            </>
          )}
        </Group>
      ),
    },
  ];
}

/** Targets with their measured value and state; manual figures where CCHC cannot measure. */
export function PlanTargetsTab({ plan, can }: { plan: PlanDetail; can: PlanCan }) {
  const [editing, setEditing] = useState<Editing>(null);
  const invalidate = useInvalidatePlans();
  return (
    <Stack gap="md">
      {can.edit && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setEditing({ mode: "create" })}
          >
            {t.targets.add}
          </Button>
        </Group>
      )}
      {plan.targets.length === 0 ? (
        <Text c="dimmed">{t.targets.empty}</Text>
      ) : (
        <DataList
          label={t.targets.tableLabel}
          minWidth={900}
          rows={plan.targets}
          rowKey={(target) => target.id}
          columns={targetColumns(can, setEditing)}
        />
      )}

      {(editing?.mode === "create" || editing?.mode === "edit") && (
        <TargetFormModal
          plan={plan}
          target={editing.mode === "edit" ? editing.target : null}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.mode === "measure" && (
        <MeasurementModal target={editing.target} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === "delete" && (
        <ConfirmModal
          title={t.targets.deleteAria(editing.target.text)}
          text={t.targets.deleteConfirm(editing.target.text)}
          confirmLabel={t.detail.deleteConfirm}
          color="red"
          action={() => deleteTarget(editing.target.id)}
          onClose={() => setEditing(null)}
          onDone={async () => {
            setEditing(null);
            await invalidate();
          }}
        />
      )}
    </Stack>
  );
}
