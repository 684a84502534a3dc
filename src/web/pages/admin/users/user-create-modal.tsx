import { Button, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/query-keys.ts";
import type { UserCreateInput } from "../../../api/types.ts";
import { createUser } from "../../../api/users.api.ts";
import { AgencySelect } from "../../../components/agency-select.tsx";
import { applyServerErrors, FormError } from "../../../components/form-error.tsx";
import { notifySuccess } from "../../../components/notify.ts";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { vi } from "../../../i18n/vi.ts";
import {
  newRoleRow,
  RolesEditor,
  validateRoleUnit,
  validateRoles,
  type RoleRow,
} from "./roles-editor.tsx";
import { validateEmail, validatePassword } from "./user-validation.ts";

interface Values {
  username: string;
  fullName: string;
  email: string;
  password: string;
  unitId: string | null;
  agencyId: string | null;
  roles: RoleRow[];
}

export function UserCreateModal({
  defaultUnitId,
  onClose,
}: {
  defaultUnitId: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      username: "",
      fullName: "",
      email: "",
      password: "",
      unitId: defaultUnitId,
      agencyId: null,
      roles: [newRoleRow({ unitId: defaultUnitId })],
    },
    validate: {
      username: (value) =>
        !value.trim()
          ? vi.users.usernameRequired
          : /^[a-z0-9._-]+$/.test(value.trim())
            ? null
            : vi.users.usernameInvalid,
      fullName: (value) => (value.trim() ? null : vi.users.fullNameRequired),
      email: validateEmail,
      password: (value) => validatePassword(value, true),
      unitId: (value) => (value ? null : vi.users.unitRequired),
      roles: {
        unitId: (value, values, path) => validateRoleUnit(value, values, path),
      },
    },
  });

  const save = useMutation({
    mutationFn: (input: UserCreateInput) => createUser(input),
    onSuccess: async (user) => {
      notifySuccess(vi.users.created(user.fullName));
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const submit = form.onSubmit((values) => {
    const rolesError = validateRoles(values.roles);
    if (rolesError) return form.setFieldError("roles", rolesError);
    save.mutate({
      username: values.username.trim(),
      fullName: values.fullName.trim(),
      email: values.email.trim() || null,
      password: values.password,
      unitId: values.unitId ?? "",
      agencyId: values.agencyId,
      roles: values.roles.map((row) => ({
        role: row.role,
        unitId: row.unitId,
        agencyId: row.agencyId,
      })),
    });
  });

  return (
    <Modal opened onClose={onClose} title={vi.users.createTitle} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={vi.users.username}
              required
              autoComplete="off"
              {...form.getInputProps("username")}
            />
            <TextInput label={vi.users.fullName} required {...form.getInputProps("fullName")} />
            <TextInput
              label={vi.users.email}
              type="email"
              autoComplete="off"
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label={vi.users.password}
              description={vi.users.passwordHelp}
              required
              autoComplete="new-password"
              {...form.getInputProps("password")}
            />
            <UnitSelect
              label={vi.users.unit}
              required
              {...form.getInputProps("unitId")}
              onChange={(value) => {
                form.setFieldValue("unitId", value);
                form.setFieldValue("agencyId", null);
              }}
            />
            <AgencySelect
              label={vi.users.agency}
              unitId={form.values.unitId}
              {...form.getInputProps("agencyId")}
            />
          </SimpleGrid>
          <RolesEditor form={form} />
          <Group justify="flex-end">
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
