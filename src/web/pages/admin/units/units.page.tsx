import { ActionIcon, Button, Checkbox, Group, Select, Text, TextInput } from "@mantine/core";
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
import { DataList, type ListColumn } from "../../../components/data-list.tsx";
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
          <DataList
            label={vi.units.title}
            rows={paged.rows}
            rowKey={(unit) => unit.id}
            minWidth={900}
            testId="units-table"
            empty={vi.units.empty}
            columns={unitColumns((unit) => setEditing({ mode: "edit", unit }))}
          />
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

/** The units' columns; on a phone each unit is a card headed by its name, its edit button below. */
function unitColumns(onEdit: (unit: Unit) => void): ListColumn<Unit>[] {
  return [
    { header: vi.units.code, cell: (unit) => unit.code },
    {
      header: vi.units.name,
      phone: "title",
      cell: (unit) => (
        <Text size="sm" fw={500}>
          {unit.name}
        </Text>
      ),
    },
    { header: vi.units.level, cell: (unit) => vi.unitLevels[unit.level] },
    { header: vi.units.kind, cell: (unit) => unitKindLabel(unit.kind) },
    { header: vi.units.parent, phoneWide: true, cell: (unit) => unit.parentName ?? vi.common.none },
    { header: vi.units.validFrom, cell: (unit) => formatDate(unit.validFrom) },
    { header: vi.units.validTo, cell: (unit) => formatDate(unit.validTo) },
    {
      header: vi.units.mergedInto,
      phoneWide: true,
      cell: (unit) => unit.mergedIntoName ?? vi.common.none,
    },
    { header: vi.units.status, cell: (unit) => <ActiveBadge isActive={unit.isActive} /> },
    {
      header: vi.common.actions,
      headerHidden: true,
      phone: "actions",
      cell: (unit) =>
        unit.can.update && (
          <ActionIcon
            variant="subtle"
            aria-label={vi.units.editAria(unit.name)}
            onClick={() => onEdit(unit)}
          >
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        ),
    },
  ];
}
