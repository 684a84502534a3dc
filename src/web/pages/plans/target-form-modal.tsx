import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { AREA_HEADINGS, AREA_KEYS, type AreaKey } from "../../../core/plan/plan-area.ts";
import {
  TARGET_METRIC_INFO,
  TARGET_METRICS,
  type TargetMetric,
} from "../../../core/plan/target-metric.ts";
import { targetValueProblem } from "../../../core/plan/target-value.ts";
import { DateField } from "../../components/date-field.tsx";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import {
  addTarget,
  editTarget,
  recordMeasurement,
  type PlanDetail,
  type Target,
  type TargetComparator,
  type TargetUnit,
} from "./plans.api.ts";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

/** Decimal comma, point between thousands: "99,7". */
const numberProps = { decimalSeparator: ",", thousandSeparator: "." } as const;

interface Values {
  text: string;
  areaKey: AreaKey | null;
  metric: TargetMetric;
  comparator: TargetComparator;
  value: number | string;
  valueHigh: number | string;
  unit: TargetUnit | null;
  scope: string;
  deadline: string | null;
}

const toNumber = (value: number | string) => (typeof value === "number" ? value : null);

/** Add a target to a draft plan (target = null) or edit one. */
export function TargetFormModal({
  plan,
  target,
  onClose,
}: {
  plan: PlanDetail;
  target: Target | null;
  onClose: () => void;
}) {
  const invalidate = useInvalidatePlans();
  const areaKeyOf = new Map(plan.areas.map((area) => [area.id, area.key]));
  const form = useForm<Values>({
    initialValues: {
      text: target?.text ?? "",
      areaKey: target?.areaId ? (areaKeyOf.get(target.areaId) ?? null) : null,
      metric: target?.metric ?? "manual",
      comparator: target?.comparator ?? "gte",
      value: target?.value ?? "",
      valueHigh: target?.valueHigh ?? "",
      unit: target?.unit ?? "percent",
      scope: target?.scope ?? "",
      deadline: target?.deadline ?? null,
    },
    validate: {
      text: (value) => (value.trim() ? null : t.targets.textRequired),
      value: (value, all) => targetValueProblem(all.unit, toNumber(value)),
      valueHigh: (value, all) => targetValueProblem(all.unit, toNumber(value)),
    },
    validateInputOnChange: ["value", "valueHigh"],
  });
  const values = form.getValues();

  const save = useMutation({
    mutationFn: (v: Values) => {
      const input = {
        text: v.text.trim(),
        areaKey: v.areaKey,
        metric: v.metric,
        comparator: v.comparator,
        value: toNumber(v.value),
        valueHigh: v.comparator === "rank_between" ? toNumber(v.valueHigh) : null,
        unit: v.unit,
        scope: v.scope.trim() || null,
        deadline: v.deadline,
      };
      return target ? editTarget(target.id, input) : addTarget(plan.id, input);
    },
    onSuccess: async () => {
      notifySuccess(target ? t.targets.updated : t.targets.created);
      await invalidate();
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={target ? t.targets.editTitle : t.targets.createTitle}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="sm">
          <FormError error={save.error} />
          <Textarea
            label={t.targets.text}
            required
            autosize
            minRows={2}
            {...form.getInputProps("text")}
          />
          <Select
            label={t.targets.metric}
            allowDeselect={false}
            searchable
            data={TARGET_METRICS.map((metric) => ({
              value: metric,
              label: TARGET_METRIC_INFO[metric].label,
            }))}
            {...form.getInputProps("metric")}
            onChange={(value) => {
              const metric = (value ?? "manual") as TargetMetric;
              form.setFieldValue("metric", metric);
              const unit = TARGET_METRIC_INFO[metric].unit;
              if (unit) form.setFieldValue("unit", unit);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t.targets.comparator}
              allowDeselect={false}
              data={Object.entries(t.comparators).map(([value, label]) => ({ value, label }))}
              {...form.getInputProps("comparator")}
            />
            <NumberInput
              label={t.targets.value}
              {...numberProps}
              {...form.getInputProps("value")}
            />
            {values.comparator === "rank_between" ? (
              <NumberInput
                label={t.targets.valueHigh}
                {...numberProps}
                {...form.getInputProps("valueHigh")}
              />
            ) : (
              <Select
                label={t.targets.unit}
                data={Object.entries(t.units).map(([value, label]) => ({ value, label }))}
                {...form.getInputProps("unit")}
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t.targets.scope} {...form.getInputProps("scope")} />
            <DateField label={t.targets.deadline} clearable {...form.getInputProps("deadline")} />
          </SimpleGrid>
          <Select
            label={t.targets.area}
            clearable
            data={AREA_KEYS.map((key) => ({
              value: key,
              label: plan.areas.find((area) => area.key === key)?.heading || AREA_HEADINGS[key],
            }))}
            {...form.getInputProps("areaKey")}
          />
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

/** Enter the measured figure of a target CCHC does not measure by itself. */
export function MeasurementModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const invalidate = useInvalidatePlans();
  const form = useForm<{ manualValue: number | string; manualNote: string }>({
    initialValues: { manualValue: target.manualValue ?? "", manualNote: target.manualNote ?? "" },
    validate: { manualValue: (value) => targetValueProblem(target.unit, toNumber(value)) },
    validateInputOnChange: ["manualValue"],
  });
  const save = useMutation({
    mutationFn: (v: { manualValue: number | string; manualNote: string }) =>
      recordMeasurement(target.id, {
        manualValue: toNumber(v.manualValue),
        manualNote: v.manualNote.trim() || null,
      }),
    onSuccess: async () => {
      notifySuccess(t.targets.measured);
      await invalidate();
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={t.targets.measureTitle}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="sm">
          <FormError error={save.error} />
          <TextInput label={t.targets.colText} value={target.text} readOnly />
          <NumberInput
            label={t.targets.manualValue}
            {...numberProps}
            {...form.getInputProps("manualValue")}
          />
          <Textarea
            label={t.targets.manualNote}
            autosize
            minRows={2}
            {...form.getInputProps("manualNote")}
          />
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
