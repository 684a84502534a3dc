import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { ROLE_NAMES, type RoleName } from "../../../api/types.ts";
import { AgencySelect } from "../../../components/agency-select.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { vi } from "../../../i18n/vi.ts";

export interface RoleRow {
  key: string;
  role: RoleName;
  unitId: string | null;
  agencyId: string | null;
}

let nextKey = 0;
export function newRoleRow(partial: Partial<Omit<RoleRow, "key">> = {}): RoleRow {
  nextKey += 1;
  return { key: `role-${nextKey}`, role: "viewer", unitId: null, agencyId: null, ...partial };
}

/** Every role needs a scope unit, except a global administrator's. */
export function validateRoles(roles: RoleRow[]): string | null {
  return roles.length === 0 ? vi.users.rolesRequired : null;
}

export function validateRoleUnit(
  unitId: string | null,
  values: { roles: RoleRow[] },
  path: string,
): string | null {
  const index = Number(path.split(".")[1]);
  const role = values.roles[index]?.role;
  return unitId || role === "admin" ? null : vi.users.roleUnitRequired;
}

/** Edit `roles` of a user form: each a role, a scope unit and an optional agency. */
export function RolesEditor<T extends { roles: RoleRow[]; unitId?: string | null }>({
  form,
}: {
  form: UseFormReturnType<T>;
}) {
  // The form's value type is generic; narrow it once here.
  const values = form.getValues() as unknown as { roles: RoleRow[]; unitId?: string | null };
  const roles = values.roles;
  return (
    <Fieldset legend={vi.users.roles}>
      <Stack gap="sm">
        {roles.length === 0 && (
          <Text size="sm" c={form.errors.roles ? "red.8" : "dimmed"} role="alert">
            {vi.users.rolesRequired}
          </Text>
        )}
        {roles.map((row, index) => (
          <Group key={row.key} align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={vi.users.role}
              required
              allowDeselect={false}
              data={ROLE_NAMES.map((value) => ({ value, label: vi.roles[value] }))}
              w={260}
              {...form.getInputProps(`roles.${index}.role`)}
            />
            <UnitSelect
              label={vi.users.roleUnit}
              required={row.role !== "admin"}
              w={260}
              {...form.getInputProps(`roles.${index}.unitId`)}
              onChange={(value) => {
                form.setFieldValue(`roles.${index}.unitId` as never, value as never);
                form.setFieldValue(`roles.${index}.agencyId` as never, null as never);
              }}
            />
            <AgencySelect
              label={vi.users.roleAgency}
              placeholder={vi.users.wholeUnit}
              unitId={row.unitId}
              w={240}
              {...form.getInputProps(`roles.${index}.agencyId`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              aria-label={vi.users.removeRole(index + 1)}
              onClick={() => form.removeListItem("roles" as never, index)}
            >
              <IconTrash size={18} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={() =>
              form.insertListItem(
                "roles" as never,
                newRoleRow({ unitId: values.unitId ?? null }) as never,
              )
            }
          >
            {vi.users.addRole}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
