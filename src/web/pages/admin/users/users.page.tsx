import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPencil, IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "../../../api/query-keys.ts";
import type { User } from "../../../api/types.ts";
import { listUsers } from "../../../api/users.api.ts";
import { ActiveBadge } from "../../../components/active-badge.tsx";
import { DataList, type ListColumn } from "../../../components/data-list.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TablePagination, usePaged } from "../../../components/table-pagination.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { vi } from "../../../i18n/vi.ts";
import { UserCreateModal } from "./user-create-modal.tsx";
import { UserEditModal } from "./user-edit-modal.tsx";

type Editing = { mode: "create" } | { mode: "edit"; user: User } | null;

/** The users' columns; on a phone the full name heads each user's card. */
function userColumns(onEdit: (user: User) => void): ListColumn<User>[] {
  return [
    { header: vi.users.username, cell: (user) => user.username },
    {
      header: vi.users.fullName,
      phone: "title",
      cell: (user) => (
        <Text span inherit fw={500}>
          {user.fullName}
        </Text>
      ),
    },
    {
      header: vi.users.unit,
      phoneWide: true,
      cell: (user) => (
        <>
          {user.unitName}
          {user.agencyName && (
            <Text size="xs" c="dimmed">
              {user.agencyName}
            </Text>
          )}
        </>
      ),
    },
    {
      header: vi.users.roles,
      cell: (user) => (
        <Stack gap={2} align="flex-start">
          {user.roles.map((assignment, index) => (
            <Badge key={index} variant="light" radius="sm" tt="none">
              {vi.roles[assignment.role] ?? assignment.role}
            </Badge>
          ))}
        </Stack>
      ),
    },
    {
      header: vi.users.lastSignIn,
      cell: (user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt) : vi.users.never),
    },
    {
      header: vi.common.status,
      cell: (user) => (
        <>
          <ActiveBadge isActive={user.isActive} />
          {user.mustChangePassword && (
            <Badge color="yellow" variant="light" radius="sm" tt="none" mt={4}>
              {vi.users.mustChangePassword}
            </Badge>
          )}
        </>
      ),
    },
    {
      header: vi.common.actions,
      headerHidden: true,
      phone: "actions",
      cell: (user) =>
        user.can.update && (
          <ActionIcon
            variant="subtle"
            aria-label={vi.users.editAria(user.fullName)}
            onClick={() => onEdit(user)}
          >
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        ),
    },
  ];
}

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
          <DataList
            label={vi.users.title}
            minWidth={1000}
            rows={paged.rows}
            rowKey={(user) => user.id}
            columns={userColumns((user) => setEditing({ mode: "edit", user }))}
            empty={vi.users.empty}
          />
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
