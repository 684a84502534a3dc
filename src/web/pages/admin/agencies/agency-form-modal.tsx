import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createAgency, updateAgency } from "../../../api/agencies.api.ts";
import { queryKeys } from "../../../api/query-keys.ts";
import { AGENCY_KINDS, type Agency, type AgencyKind } from "../../../api/types.ts";
import { applyServerErrors, FormError } from "../../../components/form-error.tsx";
import { notifySuccess } from "../../../components/notify.ts";
import { vi } from "../../../i18n/vi.ts";

interface Values {
  code: string;
  name: string;
  kind: AgencyKind;
  isActive: boolean;
}

/** Create an agency of `unitId` (agency = null) or edit one. */
export function AgencyFormModal({
  unitId,
  agency,
  onClose,
}: {
  unitId: string;
  agency: Agency | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      code: agency?.code ?? "",
      name: agency?.name ?? "",
      kind: agency?.kind ?? "department",
      isActive: agency?.isActive ?? true,
    },
    validate: { name: (value) => (value.trim() ? null : vi.agencies.nameRequired) },
  });

  const save = useMutation({
    mutationFn: (values: Values) => {
      const code = values.code.trim() || null;
      const name = values.name.trim();
      return agency
        ? updateAgency(agency.id, { code, name, kind: values.kind, isActive: values.isActive })
        : createAgency({ unitId, code, name, kind: values.kind });
    },
    onSuccess: async (saved) => {
      notifySuccess(agency ? vi.agencies.updated(saved.name) : vi.agencies.created(saved.name));
      await queryClient.invalidateQueries({ queryKey: queryKeys.agencies });
      await queryClient.invalidateQueries({ queryKey: queryKeys.units });
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={agency ? vi.agencies.editTitle(agency.name) : vi.agencies.create}
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <TextInput label={vi.agencies.name} required {...form.getInputProps("name")} />
          <TextInput label={vi.agencies.code} {...form.getInputProps("code")} />
          <Select
            label={vi.agencies.kind}
            required
            allowDeselect={false}
            data={AGENCY_KINDS.map((value) => ({ value, label: vi.agencyKinds[value] }))}
            {...form.getInputProps("kind")}
          />
          {agency && (
            <Checkbox
              label={vi.agencies.isActive}
              {...form.getInputProps("isActive", { type: "checkbox" })}
            />
          )}
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
