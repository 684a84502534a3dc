/**
 * A table of units (or any rows) sorted by any column: the header row of sort buttons (aria-sort
 * on each header, a real button reached with Tab and pressed with Enter or Space) and the phone's
 * sort select that replaces it on cards. The sorting and shading rules are in table-sort.ts. Used
 * by the dashboard's units below and the reports' overview of the units, so both behave the same.
 */
import { Group, NativeSelect, Table, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import { nextSort, type Sort, type SortableColumn } from "./table-sort.ts";

export const SORT_LABEL = "Sắp xếp theo";
export const sortByLabel = (header: string) => `${SORT_LABEL} ${header}`;

/** The header row: one sort button per column, its state in aria-sort and an arrow. */
export function SortableHeaderRow<K extends string>({
  columns,
  sort,
  onSort,
}: {
  columns: readonly SortableColumn<K>[];
  sort: Sort<K> | null;
  onSort: (sort: Sort<K>) => void;
}) {
  return (
    <Table.Tr>
      {columns.map((c) => {
        const active = sort?.key === c.key;
        const Icon = !active ? IconArrowsSort : sort.direction === 1 ? IconArrowUp : IconArrowDown;
        const align = c.align ?? "right";
        return (
          <Table.Th
            key={c.key}
            ta={align}
            aria-sort={active ? (sort.direction === 1 ? "ascending" : "descending") : "none"}
          >
            <UnstyledButton
              onClick={() => onSort(nextSort(sort, c.key))}
              aria-label={sortByLabel(c.header)}
              fw={700}
              fz="sm"
            >
              <Group gap={4} wrap="nowrap" justify={align === "left" ? "flex-start" : "flex-end"}>
                {c.header}
                <Icon size={14} aria-hidden="true" />
              </Group>
            </UnstyledButton>
          </Table.Th>
        );
      })}
    </Table.Tr>
  );
}

/**
 * The phone's sort: one select of every column in both directions, in place of the header row
 * (the rows are cards there). With `defaultLabel`, a first choice returns to the rows' own order.
 */
export function PhoneSortSelect<K extends string>({
  columns,
  sort,
  onSort,
  defaultLabel,
}: {
  columns: readonly SortableColumn<K>[];
  sort: Sort<K> | null;
  onSort: (sort: Sort<K> | null) => void;
  defaultLabel?: string;
}) {
  return (
    <NativeSelect
      label={SORT_LABEL}
      mb="xs"
      value={sort ? `${sort.key}:${sort.direction}` : ""}
      onChange={(event) => {
        const [key, direction] = event.currentTarget.value.split(":");
        onSort(key ? { key: key as K, direction: direction === "-1" ? -1 : 1 } : null);
      }}
      data={[
        ...(defaultLabel !== undefined ? [{ value: "", label: defaultLabel }] : []),
        ...columns.flatMap((c) => [
          { value: `${c.key}:1`, label: `${c.header} (tăng dần)` },
          { value: `${c.key}:-1`, label: `${c.header} (giảm dần)` },
        ]),
      ]}
    />
  );
}
