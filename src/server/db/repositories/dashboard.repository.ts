import { sql, type SQL } from "drizzle-orm";
import { periodEndInstant } from "../../../core/kpi/index.ts";
import { queryRows, type Executor } from "../database.ts";

export interface DueSoonQuery {
  unitIds: string[];
  /** The day the list is for, and the last due date it takes. */
  date: string;
  until: string;
}

export interface DueSoonRow {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  channel: string;
  applicantName: string;
  receivedAt: Date;
  dueDate: string;
  state: string;
}

/**
 * Dossiers received by the end of `date`, not finished and not waiting for a supplement then,
 * due from `date` to `until`: soonest due first.
 */
export async function listDueSoonDossiers(
  exec: Executor,
  query: DueSoonQuery,
  page: { limit: number; offset: number },
): Promise<{ rows: DueSoonRow[]; total: number }> {
  if (query.unitIds.length === 0) return { rows: [], total: 0 };
  const rows = await queryRows<
    Omit<DueSoonRow, "receivedAt"> & { receivedAt: string; total: number }
  >(exec, dueSoonSql(query, page));
  return {
    rows: rows.map(({ total: _total, ...row }) => ({
      ...row,
      receivedAt: new Date(row.receivedAt),
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** The query of `listDueSoonDossiers` (exported for the query-plan test, register-plans.test.ts). */
export function dueSoonSql(query: DueSoonQuery, page: { limit: number; offset: number }): SQL {
  const end = periodEndInstant({ to: query.date }).toISOString();
  const ids = sql.join(
    query.unitIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`select d.id, d.code, d.unit_id as "unitId", u.name as "unitName",
        p.code as "procedureCode", p.name as "procedureName", p.field, d.channel,
        d.applicant_name as "applicantName", d.received_at as "receivedAt",
        d.due_date::text as "dueDate", d.state, count(*) over ()::int as total
      from dossiers d
        join procedures p on p.id = d.procedure_id
        join units u on u.id = d.unit_id
      where d.unit_id in (${ids})
        and d.voided_at is null and d.state <> 'withdrawn'
        and d.received_at < ${end}::timestamptz
        and (d.finished_at is null or d.finished_at >= ${end}::timestamptz)
        and d.due_date >= ${query.date}::date and d.due_date <= ${query.until}::date
        and not exists (select 1 from dossier_pauses w where w.dossier_id = d.id
          and w.requested_at < ${end}::timestamptz
          and (w.resumed_at is null or w.resumed_at >= ${end}::timestamptz))
      order by d.due_date, d.received_at, d.code
      limit ${page.limit} offset ${page.offset}`;
}
