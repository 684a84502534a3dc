import { ActionIcon, Badge, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPencil, IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "../../../api/query-keys.ts";
import type { User } from "../../../api/types.ts";
import { listUsers } from "../../../api/users.api.ts";
import { ActiveBadge } from "../../../components/active-badge.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TablePagination, usePaged } from "../../../components/table-pagination.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { vi } from "../../../i18n/vi.ts";
import { UserCreateModal } from "./user-create-modal.tsx";
import { UserEditModal } from "./user-edit-modal.tsx";

type Editing = { mode: "create" } | { mode: "edit"; user: User } | null;

export function UsersPage() {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);

  const query = { q: q || undefined, unitId: unitId ?? undefined };
  const users = useQuery({
    queryKey: queryKeys.userList(query),
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData,
  });
  const paged = usePaged(users.data?.data ?? []);

  return (
    <>
      <PageHeader
        title={vi.users.title}
        actions={
          users.data?.can.create && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setEditing({ mode: "create" })}
            >
              {vi.users.create}
            </Button>
          )
        }
      />
      <Group align="flex-end" gap="md" mb="md" role="search">
        <TextInput
          label={vi.users.searchLabel}
          placeholder={vi.users.searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        <UnitSelect
          label={vi.users.unitFilter}
          value={unitId}
          onChange={setUnitId}
          clearable
          w={320}
        />
      </Group>

      {users.isPending ? (
        <LoadingBlock />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <>
          <TableScroll label={vi.users.title}>
            <Table miw={1000} striped highlightOnHover aria-label={vi.users.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.users.username}</Table.Th>
                  <Table.Th>{vi.users.fullName}</Table.Th>
                  <Table.Th>{vi.users.unit}</Table.Th>
                  <Table.Th>{vi.users.roles}</Table.Th>
                  <Table.Th>{vi.users.lastSignIn}</Table.Th>
                  <Table.Th>{vi.common.status}</Table.Th>
                  <Table.Th>
                    <span className="mantine-visually-hidden">{vi.common.actions}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paged.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{vi.users.empty}</Table.Td>
                  </Table.Tr>
                )}
                {paged.rows.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.username}</Table.Td>
                    <Table.Td fw={500}>{user.fullName}</Table.Td>
                    <Table.Td>
                      {user.unitName}
                      {user.agencyName && (
                        <Text size="xs" c="dimmed">
                          {user.agencyName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        {user.roles.map((assignment, index) => (
                          <Badge key={index} variant="light" radius="sm" tt="none">
                            {vi.roles[assignment.role] ?? assignment.role}
                          </Badge>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : vi.users.never}
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge isActive={user.isActive} />
                      {user.mustChangePassword && (
                        <Badge color="yellow" variant="light" radius="sm" tt="none" mt={4}>
                          {vi.users.mustChangePassword}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {user.can.update && (
                        <ActionIcon
                          variant="subtle"
                          aria-label={vi.users.editAria(user.fullName)}
                          onClick={() => setEditing({ mode: "edit", user })}
                        >
                          <IconPencil size={18} aria-hidden="true" />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <TablePagination {...paged} />
        </>
      )}

      {editing?.mode === "create" && (
        <UserCreateModal defaultUnitId={unitId} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === "edit" && (
        <UserEditModal user={editing.user} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
