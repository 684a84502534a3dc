import { Anchor, Button, Group, Table, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { LoadingBlock } from "../loading-block.tsx";
import { QueryError } from "../query-error.tsx";
import { TableScroll } from "../table-scroll.tsx";
import { viCaseRegister } from "./case-labels.ts";
import { CaseTimelinessBadge, type CaseTimeliness } from "./case-timeliness.tsx";

/** What every register row has. */
export interface CaseListItem {
  id: string;
  code: string;
  timeliness: CaseTimeliness | null;
  timelinessLabel: string | null;
}

export interface CaseColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  maw?: number;
}

/**
 * A register's table: the code (a link to the case) first, the register's columns, the on-time
 * class last, and the pages below; loading, error and empty states included.
 */
export function CaseRegisterTable<T extends CaseListItem>({
  list,
  label,
  minWidth,
  columns,
  linkTo,
  labels,
  page,
  hasNext,
  onPage,
}: {
  list: UseQueryResult<{ data: T[]; total: number }>;
  label: string;
  minWidth: number;
  columns: readonly CaseColumn<T>[];
  linkTo: (row: T) => string;
  labels: { code: string; timeliness: string; empty: string; total: (n: number) => string };
  page: number;
  /** Registers page by cursor: whether the server gave a next page's cursor. */
  hasNext: boolean;
  onPage: (page: number) => void;
}) {
  if (list.isPending) return <LoadingBlock />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const { data: rows, total } = list.data;
  if (rows.length === 0) return <Text c="dimmed">{labels.empty}</Text>;
  return (
    <>
      <TableScroll label={label}>
        <Table miw={minWidth} striped highlightOnHover aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{labels.code}</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.header}>{column.header}</Table.Th>
              ))}
              <Table.Th>{labels.timeliness}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={linkTo(row)} ff="monospace" size="sm">
                    {row.code}
                  </Anchor>
                </Table.Td>
                {columns.map((column) => (
                  <Table.Td key={column.header} maw={column.maw}>
                    {column.cell(row)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <CaseTimelinessBadge timeliness={row.timeliness} label={row.timelinessLabel} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed">
          {labels.total(total)}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={page === 0}
            onClick={() => onPage(page - 1)}
          >
            {viCaseRegister.previous}
          </Button>
          <Button variant="default" size="xs" disabled={!hasNext} onClick={() => onPage(page + 1)}>
            {viCaseRegister.next}
          </Button>
        </Group>
      </Group>
    </>
  );
}
