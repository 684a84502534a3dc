import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { AREA_HEADINGS, AREA_KEYS, type AreaKey } from "../../../core/plan/plan-area.ts";
import { listAgencies } from "../../api/agencies.api.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { addTask, editTask, type PlanDetail, type PlanTask, type TaskInput } from "./plans.api.ts";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

interface Values {
  areaKey: AreaKey;
  text: string;
  ref: string;
  leadAgencyId: string | null;
  supportAgencyIds: string[];
  monitorAgencyId: string | null;
  deliverable: string;
  timeline: string;
}

/** Add a task to a draft plan (task = null) or edit one; agencies of the plan's unit. */
export function TaskFormModal({
  plan,
  task,
  onClose,
}: {
  plan: PlanDetail;
  task: PlanTask | null;
  onClose: () => void;
}) {
  const invalidate = useInvalidatePlans();
  const agencies = useQuery({
    queryKey: queryKeys.agencyList(plan.unitId),
    queryFn: () => listAgencies(plan.unitId),
  });
  const agencyOptions = (agencies.data?.data ?? [])
    .filter(
      (agency) =>
        agency.isActive ||
        agency.id === task?.leadAgencyId ||
        agency.id === task?.monitorAgencyId ||
        task?.supportAgencyIds.includes(agency.id),
    )
    .map((agency) => ({ value: agency.id, label: agency.name }));
  const form = useForm<Values>({
    initialValues: {
      areaKey: task?.areaKey ?? plan.areas[0]?.key ?? "direction",
      text: task?.text ?? "",
      ref: task?.ref ?? "",
      leadAgencyId: task?.leadAgencyId ?? null,
      supportAgencyIds: task?.supportAgencyIds ?? [],
      monitorAgencyId: task?.monitorAgencyId ?? null,
      deliverable: task?.deliverable ?? "",
      timeline: task?.timelineRaw ?? "",
    },
    validate: { text: (value) => (value.trim() ? null : t.taskForm.textRequired) },
  });

  const save = useMutation({
    mutationFn: (values: Values) => {
      const input: TaskInput = {
        areaKey: values.areaKey,
        text: values.text.trim(),
        ref: values.ref.trim() || null,
        leadAgencyId: values.leadAgencyId,
        supportAgencyIds: values.supportAgencyIds,
        monitorAgencyId: values.monitorAgencyId,
        deliverable: values.deliverable.trim() || null,
        timeline: values.timeline.trim() || null,
      };
      return task ? editTask(task.id, input) : addTask(plan.id, input);
    },
    onSuccess: async () => {
      notifySuccess(task ? t.taskForm.updated : t.taskForm.created);
      await invalidate();
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const areaHeading = (key: AreaKey) =>
    plan.areas.find((area) => area.key === key)?.heading || AREA_HEADINGS[key];

  return (
    <Modal
      opened
      onClose={onClose}
      title={task ? t.taskForm.editTitle : t.taskForm.createTitle}
      size="xl"
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <FormError error={save.error} />
          <Select
            label={t.taskForm.area}
            required
            searchable
            allowDeselect={false}
            data={AREA_KEYS.map((key) => ({ value: key, label: areaHeading(key) }))}
            {...form.getInputProps("areaKey")}
          />
          <Textarea
            label={t.taskForm.text}
            required
            autosize
            minRows={2}
            {...form.getInputProps("text")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t.taskForm.lead}
              placeholder={agencies.isPending ? vi.app.loading : t.taskForm.agencyPlaceholder}
              searchable
              clearable
              data={agencyOptions}
              {...form.getInputProps("leadAgencyId")}
            />
            <Select
              label={t.taskForm.monitor}
              placeholder={agencies.isPending ? vi.app.loading : t.taskForm.agencyPlaceholder}
              searchable
              clearable
              data={agencyOptions}
              {...form.getInputProps("monitorAgencyId")}
            />
          </SimpleGrid>
          <MultiSelect
            label={t.taskForm.support}
            placeholder={t.taskForm.agencyPlaceholder}
            searchable
            clearable
            data={agencyOptions}
            {...form.getInputProps("supportAgencyIds")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t.taskForm.timeline}
              description={t.taskForm.timelineHint}
              {...form.getInputProps("timeline")}
            />
            <TextInput label={t.taskForm.deliverable} {...form.getInputProps("deliverable")} />
          </SimpleGrid>
          <TextInput label={t.taskForm.ref} w={160} {...form.getInputProps("ref")} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {vi.common.cancel}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {vi.common.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
