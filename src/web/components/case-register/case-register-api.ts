import type { NameSearchCoverage } from "../../../core/personal-data/index.ts";
import { buildQuery, request } from "../../api/client.ts";

/** The list query every register takes; a register adds its own filters. */
export interface CaseQuery {
  q?: string;
  state?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  unitId?: string;
  limit?: number;
  /** The `nextCursor` of the page before; none for the first page. */
  cursor?: string;
}

/** What a register's list answers besides its rows and rights. */
export interface CaseListPage {
  total: number;
  /** More than `total` match (the server counts up to 10 000). */
  totalCapped: boolean;
  nextCursor: string | null;
  /** What the search matches for this reader: names everywhere, in some records, or codes only. */
  nameSearch: NameSearchCoverage;
}

/** One page of a register (`GET /api/dossiers`, `GET /api/feedback`) with the query's filters. */
export function listCases<T, C>(path: string, query: CaseQuery) {
  return request<T[], C>(`${path}${buildQuery({ ...query })}`).then(
    (envelope) => envelope as typeof envelope & CaseListPage,
  );
}

/** The query keys of a register's cases: all of them, one list page, one case. */
export function caseKeys<N extends string>(name: N) {
  return {
    all: [name] as const,
    list: (query: object) => [name, "list", query] as const,
    detail: (id: string) => [name, "detail", id] as const,
  };
}
