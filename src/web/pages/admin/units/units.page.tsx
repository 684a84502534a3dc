import { ActionIcon, Button, Checkbox, Group, Select, Table, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconFileImport, IconPencil, IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "../../../api/query-keys.ts";
import { UNIT_LEVELS, type Unit, type UnitLevel } from "../../../api/types.ts";
import { listUnits } from "../../../api/units.api.ts";
import { ActiveBadge } from "../../../components/active-badge.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TablePagination, usePaged } from "../../../components/table-pagination.tsx";
import { formatDate, unitKindLabel } from "../../../i18n/format.ts";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { vi } from "../../../i18n/vi.ts";
import { UnitFormModal } from "./unit-form-modal.tsx";
import { UnitImportModal } from "./unit-import-modal.tsx";

type Editing = { mode: "create" } | { mode: "edit"; unit: Unit } | null;

export function UnitsPage() {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [level, setLevel] = useState<UnitLevel | null>(null);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);

  const query = { q: q || undefined, level: level ?? undefined, includeInactive };
  const units = useQuery({
    queryKey: queryKeys.unitList(query),
    queryFn: () => listUnits(query),
    placeholderData: keepPreviousData,
  });
  const paged = usePaged(units.data?.data ?? []);
  const can = units.data?.can;

  return (
    <>
      <PageHeader
        title={vi.units.title}
        actions={
          <>
            {can?.import && (
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden="true" />}
                onClick={() => setImporting(true)}
              >
                {vi.units.import}
              </Button>
            )}
            {can?.create && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setEditing({ mode: "create" })}
              >
                {vi.units.create}
              </Button>
            )}
          </>
        }
      />

      <Group align="flex-end" gap="md" mb="md" role="search">
        <TextInput
          label={vi.units.searchLabel}
          placeholder={vi.units.searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={300}
        />
        <Select
          label={vi.units.levelFilter}
          placeholder={vi.units.allLevels}
          data={UNIT_LEVELS.map((value) => ({ value, label: vi.unitLevels[value] }))}
          value={level}
          onChange={(value) => setLevel(value as UnitLevel | null)}
          clearable
          w={200}
        />
        <Checkbox
          label={vi.units.includeInactive}
          checked={includeInactive}
          onChange={(event) => setIncludeInactive(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {units.isPending ? (
        <LoadingBlock />
      ) : units.isError ? (
        <QueryError error={units.error} onRetry={() => units.refetch()} />
      ) : (
        <>
          <TableScroll label={vi.units.title}>
            <Table
              miw={900}
              striped
              highlightOnHover
              aria-label={vi.units.title}
              data-testid="units-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.units.code}</Table.Th>
                  <Table.Th>{vi.units.name}</Table.Th>
                  <Table.Th>{vi.units.level}</Table.Th>
                  <Table.Th>{vi.units.kind}</Table.Th>
                  <Table.Th>{vi.units.parent}</Table.Th>
                  <Table.Th>{vi.units.validFrom}</Table.Th>
                  <Table.Th>{vi.units.validTo}</Table.Th>
                  <Table.Th>{vi.units.mergedInto}</Table.Th>
                  <Table.Th>{vi.units.status}</Table.Th>
                  <Table.Th>
                    <span className="mantine-visually-hidden">{vi.common.actions}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paged.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={10}>{vi.units.empty}</Table.Td>
                  </Table.Tr>
                )}
                {paged.rows.map((unit) => (
                  <Table.Tr key={unit.id}>
                    <Table.Td>{unit.code}</Table.Td>
                    <Table.Td fw={500}>{unit.name}</Table.Td>
                    <Table.Td>{vi.unitLevels[unit.level]}</Table.Td>
                    <Table.Td>{unitKindLabel(unit.kind)}</Table.Td>
                    <Table.Td>{unit.parentName ?? vi.common.none}</Table.Td>
                    <Table.Td>{formatDate(unit.validFrom)}</Table.Td>
                    <Table.Td>{formatDate(unit.validTo)}</Table.Td>
                    <Table.Td>{unit.mergedIntoName ?? vi.common.none}</Table.Td>
                    <Table.Td>
                      <ActiveBadge isActive={unit.isActive} />
                    </Table.Td>
                    <Table.Td>
                      {unit.can.update && (
                        <ActionIcon
                          variant="subtle"
                          aria-label={vi.units.editAria(unit.name)}
                          onClick={() => setEditing({ mode: "edit", unit })}
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

      {editing && (
        <UnitFormModal
          unit={editing.mode === "edit" ? editing.unit : null}
          onClose={() => setEditing(null)}
        />
      )}
      {importing && <UnitImportModal onClose={() => setImporting(false)} />}
    </>
  );
}
