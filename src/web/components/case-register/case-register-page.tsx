import { Button } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useQuery, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useMe } from "../../auth/session.ts";
import { PageHeader } from "../page-header.tsx";
import type { CaseListPage } from "./case-register-api.ts";
import {
  CaseRegisterFilters,
  useCaseRegisterFilters,
  type CaseFilterLabels,
  type CaseFilterState,
  type CaseFilterCheck,
} from "./case-register-filters.tsx";
import { CaseRegisterTable, type CaseColumn, type CaseListItem } from "./case-register-table.tsx";
import { CaseUnitFilter, readsManyUnits, unitColumn } from "./case-unit-filter.tsx";

/** Registers show 50 cases a page. */
const PAGE_SIZE = 50;

/**
 * A register page's state: its filters (starting from those the address gives, `extra` being the
 * register's own) and the page of the list they ask for.
 */
export function useCaseRegister<E extends object, R>(
  extra: E,
  keyOf: (query: object) => QueryKey,
  fetch: (query: CaseFilterState<E>["query"]) => Promise<R>,
) {
  const filters = useCaseRegisterFilters(extra, PAGE_SIZE);
  const query = filters.query;
  const list = useQuery({ queryKey: keyOf(query), queryFn: () => fetch(query) });
  return { filters, list };
}

/** The words of a register's page (the register's own `register` labels). */
export interface CaseRegisterLabels extends CaseFilterLabels {
  title: string;
  description: string;
  empty: string;
  columns: { code: string; timeliness: string };
  total: (n: number) => string;
  /** More match than the server counts (it stops at `n`). */
  totalCapped: (n: number) => string;
}

/** A button of the page header: another page of the register, shown when `shown` is not false. */
export interface CaseRegisterLink {
  to: string;
  label: string;
  icon?: ReactNode;
  shown?: boolean;
}

/**
 * A register's page: its header (links to the register's other pages and the button that opens
 * its entry form), the filter bar (the unit filter and column for a reader of many units) and the
 * table, paged by cursor, with its total ("hơn …" when the server stopped counting).
 */
export function CaseRegisterPage<T extends CaseListItem & { unitName: string }, K extends string>({
  labels,
  links,
  actions,
  add,
  filters,
  list,
  stateLabels,
  widths,
  checks,
  children,
  columns,
  minWidth,
  linkTo,
}: {
  labels: CaseRegisterLabels;
  links: readonly CaseRegisterLink[];
  /** The register's own buttons (each opening its own dialog), after the links. */
  actions?: ReactNode;
  /** The entry form's button, shown only to a reader the list says may enter cases, and the form. */
  add: { label: string; shown: boolean; form: (close: () => void) => ReactNode };
  filters: CaseFilterState<{ unitId: string | null }> & { values: Record<K, boolean> };
  list: UseQueryResult<{ data: T[] } & CaseListPage>;
  stateLabels: Record<string, string>;
  widths: { search: number; date: number };
  /** The register's own check boxes, after "overdue". */
  checks: readonly CaseFilterCheck<K>[];
  /** The register's own filters, after the state (the unit filter follows them). */
  children?: ReactNode;
  columns: readonly CaseColumn<T>[];
  minWidth: number;
  linkTo: (row: T) => string;
}) {
  const manyUnits = readsManyUnits(useMe());
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={labels.title}
        description={labels.description}
        actions={
          <>
            {links
              .filter((link) => link.shown !== false)
              .map((link) => (
                <Button
                  key={link.to}
                  component={Link}
                  to={link.to}
                  variant="default"
                  leftSection={link.icon}
                >
                  {link.label}
                </Button>
              ))}
            {actions}
            {add.shown && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setAdding(true)}
              >
                {add.label}
              </Button>
            )}
          </>
        }
      />
      <CaseRegisterFilters
        filters={filters}
        labels={labels}
        nameSearch={list.data?.nameSearch}
        stateLabels={stateLabels}
        widths={widths}
        checks={checks}
      >
        {children}
        {manyUnits && (
          <CaseUnitFilter value={filters.values.unitId} onChange={filters.set("unitId")} />
        )}
      </CaseRegisterFilters>
      <CaseRegisterTable
        list={list}
        label={labels.title}
        minWidth={minWidth}
        columns={manyUnits ? [unitColumn<T>(), ...columns] : columns}
        linkTo={linkTo}
        labels={{
          ...labels.columns,
          empty: labels.empty,
          total: list.data?.totalCapped ? labels.totalCapped : labels.total,
        }}
        {...filters.pager(list.data?.nextCursor)}
      />
      {adding && add.form(() => setAdding(false))}
    </>
  );
}
