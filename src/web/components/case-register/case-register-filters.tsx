import { Checkbox, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import type { NameSearchCoverage } from "../../../core/personal-data/index.ts";
import { DateField } from "../date-field.tsx";

/** The filters every register has; a register adds its own (voided, classification, channel…). */
export interface CaseFilterValues {
  q: string;
  state: string | null;
  from: string | null;
  to: string | null;
  overdue: boolean;
}

type QueryOf<V> = { [K in keyof V]?: NonNullable<V[K]> } & { limit: number; cursor?: string };

/** The address's query names of the filters a link may open a register with (Vietnamese slugs). */
export const CASE_FILTER_PARAMS: Record<string, string> = {
  q: "q",
  state: "trang-thai",
  from: "tu-ngay",
  to: "den-ngay",
  overdue: "qua-han",
  dueToday: "den-han-hom-nay",
  dueSoon: "sap-den-han",
  withoutApology: "chua-xin-loi",
  unitId: "don-vi",
};

/** The initial filter values a link gave in the address (`?qua-han=1&trang-thai=…`). */
function fromAddress<V extends object>(defaults: V, params: URLSearchParams): V {
  const values = { ...defaults } as Record<string, unknown>;
  for (const [key, current] of Object.entries(defaults)) {
    const given = CASE_FILTER_PARAMS[key] ? params.get(CASE_FILTER_PARAMS[key]) : null;
    if (given === null) continue;
    values[key] = typeof current === "boolean" ? given === "1" : given;
  }
  return values as V;
}

/**
 * The filter values of a register page (starting from those the address gives, so a link from
 * the home page opens the list it counted), its page number (any change of filter goes back to
 * the first page) and the list query they make (search debounced, empty filters left out).
 *
 * Registers page by cursor (keyset): page n starts after the last row of page n − 1, whose cursor
 * the server gave as `nextCursor`; the cursors of the pages already seen make "previous" possible.
 * `pager(nextCursor)` gives the table its page, whether a next one exists and how to move.
 */
export function useCaseRegisterFilters<Extra extends object>(extra: Extra, pageSize: number) {
  type Values = CaseFilterValues & Extra;
  const [params] = useSearchParams();
  const [values, setValues] = useState<Values>(() =>
    fromAddress<Values>(
      { q: "", state: null, from: null, to: null, overdue: false, ...extra } as Values,
      params,
    ),
  );
  const [page, setPage] = useState(0);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [debouncedQ] = useDebouncedValue(values.q, 300);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) => {
      setValues((current) => ({ ...current, [key]: value }));
      setPage(0);
    };
  const query = Object.fromEntries(
    Object.entries({ ...values, q: debouncedQ.trim() })
      .filter(([, value]) => value !== null && value !== "")
      .concat([
        ["limit", pageSize],
        ["cursor", cursors[page]],
      ])
      .filter(([, value]) => value !== undefined),
  ) as QueryOf<Values>;
  const pager = (nextCursor: string | null | undefined) => ({
    page,
    hasNext: Boolean(nextCursor),
    onPage: (to: number) => {
      if (to > page && nextCursor) setCursors((known) => [...known.slice(0, to), nextCursor]);
      setPage(to);
    },
  });
  return { values, set, page, setPage, query, pager };
}

export interface CaseFilterLabels {
  /** The search box, for a reader whose search matches names (the register's own desk). */
  search: string;
  /** The search box, for a reader whose search matches codes only (personal data masked). */
  searchCodesOnly: string;
  /** Under the search box, for a reader whose search matches names only in some records. */
  searchSomeNames: string;
  state: string;
  allStates: string;
  from: string;
  to: string;
  overdue: string;
}

/**
 * The search box's label and hint for the list's `nameSearch` (what the server's search matches
 * for this reader). The last answer is kept while the next page loads: it depends on the reader's
 * roles only, so the label stays put from one filter to the next.
 */
function useSearchLabel(labels: CaseFilterLabels, nameSearch: NameSearchCoverage | undefined) {
  const [known, setKnown] = useState(nameSearch);
  if (nameSearch !== undefined && nameSearch !== known) setKnown(nameSearch);
  const coverage = nameSearch ?? known;
  return {
    label: coverage === "none" ? labels.searchCodesOnly : labels.search,
    description: coverage === "some" ? labels.searchSomeNames : undefined,
  };
}

/** The state `useCaseRegisterFilters` keeps for a register with its own filters `E`. */
export type CaseFilterState<E extends object> = ReturnType<typeof useCaseRegisterFilters<E>>;

/** One of the register's own check boxes: a yes/no filter `key` of its filter values. */
export interface CaseFilterCheck<K extends string> {
  key: K;
  label: string;
}

/** The filter bar of a register: search, state, the register's own filters, dates, overdue. */
export function CaseRegisterFilters<K extends string>({
  filters,
  labels,
  nameSearch,
  stateLabels,
  widths,
  children,
  checks,
}: {
  filters: Pick<CaseFilterState<object>, "values" | "set"> & { values: Record<K, boolean> };
  labels: CaseFilterLabels;
  /** The list response's `nameSearch`; undefined while the first page loads. */
  nameSearch: NameSearchCoverage | undefined;
  stateLabels: Record<string, string>;
  widths: { search: number; date: number };
  /** The register's own filters, after the state. */
  children?: ReactNode;
  /** The register's own check boxes, after "overdue". */
  checks: readonly CaseFilterCheck<K>[];
}) {
  const { values, set } = filters;
  const search = useSearchLabel(labels, nameSearch);
  // Every key given is a yes/no filter (`values: Record<K, boolean>` says so).
  const setCheck = set as unknown as (key: K | "overdue") => (value: boolean) => void;
  const check = (key: K | "overdue", label: string) => (
    <Checkbox
      key={key}
      label={label}
      checked={(values as Record<K | "overdue", boolean>)[key]}
      onChange={(event) => setCheck(key)(event.currentTarget.checked)}
      mb={8}
    />
  );
  return (
    <Group mb="md" align="flex-end">
      <TextInput
        label={search.label}
        description={search.description}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={values.q}
        onChange={(event) => set("q")(event.currentTarget.value)}
        w={widths.search}
      />
      <Select
        label={labels.state}
        placeholder={labels.allStates}
        clearable
        data={Object.entries(stateLabels).map(([value, label]) => ({ value, label }))}
        value={values.state}
        onChange={set("state")}
        w={200}
      />
      {children}
      {(["from", "to"] as const).map((key) => (
        <DateField
          key={key}
          label={labels[key]}
          value={values[key]}
          onChange={set(key)}
          clearable
          w={widths.date}
        />
      ))}
      {check("overdue", labels.overdue)}
      {checks.map(({ key, label }) => check(key, label))}
    </Group>
  );
}
