import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { DateField } from "../../../components/date-field.tsx";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/query-keys.ts";
import {
  UNIT_KINDS,
  UNIT_LEVELS,
  type Unit,
  type UnitInput,
  type UnitKind,
  type UnitLevel,
} from "../../../api/types.ts";
import { createUnit, updateUnit } from "../../../api/units.api.ts";
import { applyServerErrors, FormError } from "../../../components/form-error.tsx";
import { notifySuccess } from "../../../components/notify.ts";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { vi } from "../../../i18n/vi.ts";

interface Values {
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind | null;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
}

const PARENT_LEVELS: Record<UnitLevel, UnitLevel[]> = {
  province: [],
  district: ["province"],
  commune: ["district", "province"],
};

function initialValues(unit: Unit | null): Values {
  return {
    code: unit?.code ?? "",
    name: unit?.name ?? "",
    level: unit?.level ?? "commune",
    kind: unit?.kind ?? (unit ? null : "xa"),
    parentId: unit?.parentId ?? null,
    validFrom: unit?.validFrom ?? null,
    validTo: unit?.validTo ?? null,
    mergedIntoId: unit?.mergedIntoId ?? null,
  };
}

function toInput(values: Values): UnitInput {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    level: values.level,
    kind: values.level === "commune" ? values.kind : null,
    parentId: values.level === "province" ? null : values.parentId,
    validFrom: values.validFrom,
    validTo: values.validTo,
    mergedIntoId: values.mergedIntoId,
  };
}

/** Create a unit (unit = null) or edit one. */
export function UnitFormModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: initialValues(unit),
    validate: {
      code: (value) => (value.trim() ? null : vi.units.codeRequired),
      name: (value) => (value.trim() ? null : vi.units.nameRequired),
      kind: (value, values) =>
        values.level === "commune" && !value ? vi.units.kindRequired : null,
      validTo: (value, values) =>
        value && values.validFrom && value < values.validFrom ? vi.units.validToBeforeFrom : null,
    },
  });

  const save = useMutation({
    mutationFn: (input: UnitInput) => (unit ? updateUnit(unit.id, input) : createUnit(input)),
    onSuccess: async (saved) => {
      notifySuccess(unit ? vi.units.updated(saved.name) : vi.units.created(saved.name));
      await queryClient.invalidateQueries({ queryKey: queryKeys.units });
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const level = form.values.level;
  return (
    <Modal
      opened
      onClose={onClose}
      title={unit ? vi.units.editTitle(unit.name) : vi.units.createTitle}
      size="lg"
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(toInput(values)))} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={vi.units.code} required {...form.getInputProps("code")} />
            <TextInput label={vi.units.name} required {...form.getInputProps("name")} />
            <Select
              label={vi.units.level}
              required
              allowDeselect={false}
              data={UNIT_LEVELS.map((value) => ({ value, label: vi.unitLevels[value] }))}
              {...form.getInputProps("level")}
            />
            {level === "commune" && (
              <Select
                label={vi.units.kind}
                required
                allowDeselect={false}
                data={UNIT_KINDS.map((value) => ({ value, label: vi.unitKinds[value] }))}
                {...form.getInputProps("kind")}
              />
            )}
          </SimpleGrid>
          {level !== "province" && (
            <UnitSelect
              label={vi.units.parent}
              levels={PARENT_LEVELS[level]}
              excludeId={unit?.id}
              clearable
              {...form.getInputProps("parentId")}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={vi.units.validFrom} clearable {...form.getInputProps("validFrom")} />
            <DateField label={vi.units.validTo} clearable {...form.getInputProps("validTo")} />
          </SimpleGrid>
          <UnitSelect
            label={vi.units.mergedInto}
            includeInactive
            excludeId={unit?.id}
            clearable
            {...form.getInputProps("mergedIntoId")}
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
