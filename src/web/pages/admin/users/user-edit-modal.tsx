import {
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/query-keys.ts";
import type { User, UserUpdateInput } from "../../../api/types.ts";
import { updateUser } from "../../../api/users.api.ts";
import { AgencySelect } from "../../../components/agency-select.tsx";
import { applyServerErrors, FormError } from "../../../components/form-error.tsx";
import { notifySuccess } from "../../../components/notify.ts";
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
  fullName: string;
  email: string;
  isActive: boolean;
  password: string;
  unitId: string;
  agencyId: string | null;
  roles: RoleRow[];
}

export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      fullName: user.fullName,
      email: user.email ?? "",
      isActive: user.isActive,
      password: "",
      unitId: user.unitId,
      agencyId: user.agencyId,
      roles: user.roles.map((assignment) =>
        newRoleRow({
          role: assignment.role,
          unitId: assignment.unitId,
          agencyId: assignment.agencyId,
        }),
      ),
    },
    validate: {
      fullName: (value) => (value.trim() ? null : vi.users.fullNameRequired),
      email: validateEmail,
      password: (value) => validatePassword(value, false),
      roles: {
        unitId: (value, values, path) => validateRoleUnit(value, values, path),
      },
    },
  });

  const save = useMutation({
    mutationFn: (input: UserUpdateInput) => updateUser(user.id, input),
    onSuccess: async (saved) => {
      notifySuccess(vi.users.updated(saved.fullName));
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const submit = form.onSubmit((values) => {
    const rolesError = validateRoles(values.roles);
    if (rolesError) return form.setFieldError("roles", rolesError);
    const input: UserUpdateInput = {
      fullName: values.fullName.trim(),
      email: values.email.trim() || null,
      isActive: values.isActive,
      agencyId: values.agencyId,
      roles: values.roles.map((row) => ({
        role: row.role,
        unitId: row.unitId,
        agencyId: row.agencyId,
      })),
    };
    if (values.password) input.password = values.password;
    save.mutate(input);
  });

  return (
    <Modal opened onClose={onClose} title={vi.users.editTitle(user.fullName)} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={vi.users.username} value={user.username} readOnly disabled />
            <TextInput label={vi.users.fullName} required {...form.getInputProps("fullName")} />
            <TextInput label={vi.users.email} type="email" {...form.getInputProps("email")} />
            <PasswordInput
              label={vi.users.newPassword}
              description={vi.users.newPasswordHelp}
              autoComplete="new-password"
              {...form.getInputProps("password")}
            />
            <TextInput label={vi.users.unit} value={user.unitName} readOnly disabled />
            <AgencySelect
              label={vi.users.agency}
              unitId={user.unitId}
              {...form.getInputProps("agencyId")}
            />
          </SimpleGrid>
          <Checkbox
            label={vi.users.isActive}
            {...form.getInputProps("isActive", { type: "checkbox" })}
          />
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
