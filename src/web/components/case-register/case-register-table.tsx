import { Anchor, Button, Group, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { LoadingBlock } from "../loading-block.tsx";
import { QueryError } from "../query-error.tsx";
import { DataList, type ListColumn } from "../data-list.tsx";
import { viCaseRegister } from "./case-labels.ts";
import { CaseTimelinessBadge, type CaseTimeliness } from "./case-timeliness.tsx";

/** What every register row has. */
export interface CaseListItem {
  id: string;
  code: string;
  timeliness: CaseTimeliness | null;
  timelinessLabel: string | null;
}

/** A register's column; on a phone it is a labelled line of the case's card. */
export type CaseColumn<T> = ListColumn<T>;

/**
 * The column of what a case is about (the procedure, the feedback's title): wide, two lines at
 * most, a whole line of the card on a phone; `more` adds a small grey line under it.
 */
export function subjectColumn<T>(
  header: string,
  subject: (row: T) => string,
  more?: (row: T) => ReactNode,
): CaseColumn<T> {
  return {
    header,
    maw: 320,
    phoneWide: true,
    cell: (row) => (
      <>
        <Text size="sm" lineClamp={2}>
          {subject(row)}
        </Text>
        {more && (
          <Text size="xs" c="dimmed">
            {more(row)}
          </Text>
        )}
      </>
    ),
  };
}

/**
 * A register's table (cards on a phone): the code (a link to the case) first, the register's
 * columns, the on-time class last, and the pages below; loading, error and empty states included.
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
      <DataList
        label={label}
        minWidth={minWidth}
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          {
            header: labels.code,
            phone: "title",
            cell: (row) => (
              <Anchor component={Link} to={linkTo(row)} ff="monospace" size="sm">
                {row.code}
              </Anchor>
            ),
          },
          ...columns,
          {
            header: labels.timeliness,
            cell: (row) => (
              <CaseTimelinessBadge timeliness={row.timeliness} label={row.timelinessLabel} />
            ),
          },
        ]}
      />
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
