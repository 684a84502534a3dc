import { Button, Group, NumberInput, Select, Slider, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import {
  STORED_TASK_STATUSES,
  TASK_STATUS_LABELS,
  type StoredTaskStatus,
} from "../../../core/plan/task-status.ts";
import { DateField } from "../../components/date-field.tsx";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { todayInVietnam } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { updateTaskProgress, type Task } from "../plans/plans.api.ts";
import { useInvalidatePlans } from "../plans/use-invalidate-plans.ts";

interface Values {
  status: StoredTaskStatus;
  progress: number;
  reason: string;
  completedOn: string | null;
  comment: string;
}

const needsReason = (status: StoredTaskStatus) => status === "paused" || status === "cancelled";

/** Status (Vietnamese labels), progress, reason, completion date and a comment, as one update. */
export function TaskUpdateForm({ task }: { task: Task }) {
  const invalidate = useInvalidatePlans();
  const form = useForm<Values>({
    initialValues: {
      status: task.status,
      progress: task.progress,
      reason: task.statusReason ?? "",
      completedOn: task.completedAt,
      comment: "",
    },
    validate: {
      reason: (value, values) =>
        needsReason(values.status) && !value.trim() ? t.panel.reasonRequired : null,
      completedOn: (value, values) =>
        values.status === "completed" && !value ? t.panel.completedOnRequired : null,
    },
  });
  const values = form.getValues();

  const save = useMutation({
    mutationFn: (v: Values) =>
      updateTaskProgress(task.id, {
        status: v.status,
        progress: v.status === "completed" ? 100 : v.progress,
        reason: needsReason(v.status) ? v.reason.trim() : null,
        completedOn: v.status === "completed" ? v.completedOn : null,
        comment: v.comment.trim() || null,
      }),
    onSuccess: async () => {
      notifySuccess(t.panel.saved);
      form.setFieldValue("comment", "");
      await invalidate();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <FormError error={save.error} />
        <Group align="flex-start" grow>
          <Select
            label={t.panel.status}
            searchable
            allowDeselect={false}
            data={STORED_TASK_STATUSES.map((status) => ({
              value: status,
              label: TASK_STATUS_LABELS[status],
            }))}
            {...form.getInputProps("status")}
            onChange={(value) => {
              const status = (value ?? "not_started") as StoredTaskStatus;
              form.setFieldValue("status", status);
              if (status === "completed") form.setFieldValue("progress", 100);
            }}
          />
          {values.status === "completed" && (
            <DateField
              label={t.panel.completedOn}
              required
              maxDate={todayInVietnam()}
              maxLabel={vi.dates.today}
              {...form.getInputProps("completedOn")}
            />
          )}
        </Group>
        <div>
          <Text size="sm" fw={500}>
            {t.panel.progressSlider}
          </Text>
          <Group align="center" wrap="nowrap">
            <Slider
              flex={1}
              min={0}
              max={100}
              step={5}
              thumbLabel={t.panel.progressSlider}
              disabled={values.status === "completed"}
              label={(value) => `${value}%`}
              value={values.progress}
              onChange={(value) => form.setFieldValue("progress", value)}
            />
            <NumberInput
              aria-label={t.panel.progress}
              w={100}
              min={0}
              max={100}
              allowDecimal={false}
              suffix="%"
              disabled={values.status === "completed"}
              value={values.progress}
              onChange={(value) => form.setFieldValue("progress", Number(value) || 0)}
              error={form.errors.progress}
            />
          </Group>
        </div>
        {needsReason(values.status) && (
          <Textarea
            label={t.panel.reason}
            required
            autosize
            minRows={2}
            {...form.getInputProps("reason")}
          />
        )}
        <Textarea label={t.panel.comment} autosize minRows={2} {...form.getInputProps("comment")} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t.panel.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
