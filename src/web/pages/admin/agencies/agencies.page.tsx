import { ActionIcon, Button, Group, Text } from "@mantine/core";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { listAgencies } from "../../../api/agencies.api.ts";
import { queryKeys } from "../../../api/query-keys.ts";
import type { Agency } from "../../../api/types.ts";
import { ActiveBadge } from "../../../components/active-badge.tsx";
import { DataList, type ListColumn } from "../../../components/data-list.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { useMe } from "../../../auth/session.ts";
import { vi } from "../../../i18n/vi.ts";
import { AgencyFormModal } from "./agency-form-modal.tsx";

type Editing = { mode: "create" } | { mode: "edit"; agency: Agency } | null;

/** The agencies' columns; on a phone the agency's name heads its card. */
function agencyColumns(onEdit: (agency: Agency) => void): ListColumn<Agency>[] {
  return [
    { header: vi.agencies.code, cell: (agency) => agency.code ?? vi.common.none },
    {
      header: vi.agencies.name,
      phone: "title",
      cell: (agency) => (
        <Text span inherit fw={500}>
          {agency.name}
        </Text>
      ),
    },
    { header: vi.agencies.kind, cell: (agency) => vi.agencyKinds[agency.kind] ?? agency.kind },
    { header: vi.common.status, cell: (agency) => <ActiveBadge isActive={agency.isActive} /> },
    {
      header: vi.common.actions,
      headerHidden: true,
      phone: "actions",
      cell: (agency) =>
        agency.can.update && (
          <ActionIcon
            variant="subtle"
            aria-label={vi.agencies.editAria(agency.name)}
            onClick={() => onEdit(agency)}
          >
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        ),
    },
  ];
}

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
          w={{ base: "100%", xs: 420 }}
        />
      </Group>

      {agencies.isPending ? (
        <LoadingBlock />
      ) : agencies.isError ? (
        <QueryError error={agencies.error} onRetry={() => agencies.refetch()} />
      ) : agencies.data.data.length === 0 ? (
        <Text c="dimmed">{vi.agencies.empty}</Text>
      ) : (
        <DataList
          label={vi.agencies.title}
          minWidth={700}
          rows={agencies.data.data}
          rowKey={(agency) => agency.id}
          columns={agencyColumns((agency) => setEditing({ mode: "edit", agency }))}
        />
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
