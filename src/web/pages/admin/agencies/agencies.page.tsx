import { ActionIcon, Button, Group, Table, Text } from "@mantine/core";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { listAgencies } from "../../../api/agencies.api.ts";
import { queryKeys } from "../../../api/query-keys.ts";
import type { Agency } from "../../../api/types.ts";
import { ActiveBadge } from "../../../components/active-badge.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { useMe } from "../../../auth/session.ts";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { vi } from "../../../i18n/vi.ts";
import { AgencyFormModal } from "./agency-form-modal.tsx";

type Editing = { mode: "create" } | { mode: "edit"; agency: Agency } | null;

/** Pick a unit (the URL keeps it: ?don-vi=…), list its agencies, create and edit them. */
export function AgenciesPage() {
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const unitId = searchParams.get("don-vi") ?? me.unit.id;
  const [editing, setEditing] = useState<Editing>(null);

  const agencies = useQuery({
    queryKey: queryKeys.agencyList(unitId),
    queryFn: () => listAgencies(unitId),
  });

  return (
    <>
      <PageHeader
        title={vi.agencies.title}
        actions={
          agencies.data?.can.create && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setEditing({ mode: "create" })}
            >
              {vi.agencies.create}
            </Button>
          )
        }
      />
      <Group mb="md">
        <UnitSelect
          label={vi.agencies.unit}
          placeholder={vi.agencies.unitPlaceholder}
          value={unitId}
          allowDeselect={false}
          onChange={(value) => value && setSearchParams({ "don-vi": value }, { replace: true })}
          w={420}
        />
      </Group>

      {agencies.isPending ? (
        <LoadingBlock />
      ) : agencies.isError ? (
        <QueryError error={agencies.error} onRetry={() => agencies.refetch()} />
      ) : agencies.data.data.length === 0 ? (
        <Text c="dimmed">{vi.agencies.empty}</Text>
      ) : (
        <TableScroll label={vi.agencies.title}>
          <Table miw={700} striped highlightOnHover aria-label={vi.agencies.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{vi.agencies.code}</Table.Th>
                <Table.Th>{vi.agencies.name}</Table.Th>
                <Table.Th>{vi.agencies.kind}</Table.Th>
                <Table.Th>{vi.common.status}</Table.Th>
                <Table.Th>
                  <span className="mantine-visually-hidden">{vi.common.actions}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agencies.data.data.map((agency) => (
                <Table.Tr key={agency.id}>
                  <Table.Td>{agency.code ?? vi.common.none}</Table.Td>
                  <Table.Td fw={500}>{agency.name}</Table.Td>
                  <Table.Td>{vi.agencyKinds[agency.kind] ?? agency.kind}</Table.Td>
                  <Table.Td>
                    <ActiveBadge isActive={agency.isActive} />
                  </Table.Td>
                  <Table.Td>
                    {agency.can.update && (
                      <ActionIcon
                        variant="subtle"
                        aria-label={vi.agencies.editAria(agency.name)}
                        onClick={() => setEditing({ mode: "edit", agency })}
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
      )}

      {editing && (
        <AgencyFormModal
          unitId={unitId}
          agency={editing.mode === "edit" ? editing.agency : null}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
