import { sql, type SQL } from "drizzle-orm";
import {
  KPI_COUNT_KEYS,
  NO_FEE_PATTERN,
  emptyCounts,
  periodEndInstant,
  periodStartInstant,
  type DossierSet,
  type KpiCounts,
  type WorkingDayIndex,
} from "../../../core/kpi/index.ts";
import { queryRows, type Executor } from "../database.ts";
import { timelinessSql } from "./dossier-timeliness.sql.ts";

/**
 * KPI counts in SQL, in one pass over the dossiers a period concerns: those received in it and
 * those received before it and not finished when it began (carried over). Each dossier is seen as
 * it stood at the period's end: finished only if finished before the end, supplement requests
 * made before the end, waiting for a supplement at the end. The on-time class is the one rule in
 * SQL (`timelinessSql`) evaluated on the period's last day.
 */
export type KpiGroupBy = "unit" | "agency" | "procedure" | "field" | "none";

export interface KpiQuery {
  unitIds: string[];
  period: { from: string; to: string };
  procedureId?: string;
  field?: string;
  agencyId?: string;
}

/**
 * Runs a KPI query with PostgreSQL's JIT off: the planner's estimate for the pause and apology
 * look-ups is high enough to start JIT compilation, which cost 12 of 22 s on a million dossiers
 * (measured) for a query that runs in well under a second without it.
 */
async function withoutJit<T>(exec: Executor, query: SQL): Promise<T[]> {
  return exec.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<T>(tx, query);
  });
}

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

const vietnamDay = (column: SQL) =>
  sql`((${column} at time zone 'UTC') + interval '7 hours')::date`;

/**
 * The open span of a dossier `dd`, [received_at, finished_at] (unbounded while open): the very
 * expression of the SP-GiST index dossiers_open_span_idx (migrations 0016, 0025), whose predicate
 * (`voided_at is null and state <> 'withdrawn'`) the queries that read it repeat. A finish before
 * the receipt (bad data) gives a span of the receipt instant alone.
 */
export const openSpan = sql`tstzrange(dd.received_at, case when dd.finished_at is null then null else greatest(dd.finished_at, dd.received_at) end, '[]')`;

/**
 * The columns of a dossier row `dd` (joined with its procedure `p`) as it stood at the period's
 * end; also read by the rollup queries (kpi-rollup.repository.ts) for the dossiers open then.
 */
export function dossierColumnsAtPeriodEnd(period: { from: string; to: string }): SQL {
  const start = periodStartInstant(period).toISOString();
  return sql`
    dd.code, dd.procedure_id, dd.handler_agency_id, p.field, p.online_level,
    dd.channel, dd.received_at, dd.counted_from, dd.digitised, dd.electronic_result,
    dd.online_payment, dd.paused_working_days, dd.applicant_name,
    (dd.received_at >= ${start}::timestamptz) as is_new,
    (p.fee_text ~ '[^[:space:]]' and p.fee_text !~ ${NO_FEE_PATTERN}) as has_fee,
    ${dossierTimelinessAtPeriodEnd(period)}`;
}

/**
 * The columns of a dossier row `dd` that its on-time class at the period's end reads
 * (`timelinessSql`), as they stood then: id, unit, state, finish, supplements and due date. No
 * procedure needed (the rollup path's overdue count reads only these).
 */
export function dossierTimelinessAtPeriodEnd(period: { from: string; to: string }): SQL {
  const end = periodEndInstant(period).toISOString();
  return sql`
    dd.id, dd.unit_id, dd.state,
    case when dd.finished_at < ${end}::timestamptz then dd.finished_at end as finished_at,
    case when dd.supplement_count < 2 then dd.supplement_count
      else dd.supplement_count - (select count(*) from dossier_pauses sp
        where sp.dossier_id = dd.id and sp.requested_at >= ${end}::timestamptz)::int
    end as supplement_count,
    case when dd.supplement_count > 0 and exists (select 1 from dossier_pauses wp
        where wp.dossier_id = dd.id and wp.requested_at < ${end}::timestamptz
          and (wp.resumed_at is null or wp.resumed_at >= ${end}::timestamptz)
          and ${vietnamDay(sql`wp.requested_at`)} <= dd.due_date)
      then greatest(dd.due_date, ${period.to}::date) else dd.due_date
    end as due_date`;
}

/** The dossiers of the query as they stood at the period's end, with their on-time class. */
function dossiersAtPeriodEnd(query: KpiQuery): SQL {
  const start = periodStartInstant(query.period).toISOString();
  const end = periodEndInstant(query.period).toISOString();
  const filters: SQL[] = [
    sql`dd.unit_id in (${uuidList(query.unitIds)})`,
    sql`dd.voided_at is null`,
    sql`dd.state <> 'withdrawn'`,
  ];
  if (query.procedureId) filters.push(sql`dd.procedure_id = ${query.procedureId}::uuid`);
  if (query.agencyId) filters.push(sql`dd.handler_agency_id = ${query.agencyId}::uuid`);
  if (query.field) filters.push(sql`p.field = ${query.field}`);
  const where = sql.join(filters, sql` and `);
  const columns = dossierColumnsAtPeriodEnd(query.period);
  // Two index-friendly branches instead of one OR: received in the period; received before it
  // and open when it began (finished in or after it, or never: the open-span index visits only
  // those). `offset 0` keeps each level a subquery of its own: flattened, the class and the pause
  // look-ups would be evaluated again in every count that reads them (measured: 8× slower).
  const from = sql`from dossiers dd join procedures p on p.id = dd.procedure_id`;
  return sql`(
    select ${timelinessSql(query.period.to)} as class, d.* from (
      select ${columns} ${from}
        where ${where} and dd.received_at >= ${start}::timestamptz and dd.received_at < ${end}::timestamptz
      union all
      select ${columns} ${from}
        where ${where} and ${openSpan} @> ${start}::timestamptz and dd.received_at < ${start}::timestamptz
      offset 0
    ) d
    offset 0
  )`;
}

const hasApologyBy = (end: string) =>
  sql`exists (select 1 from apology_letters a where a.dossier_id = b.id and a.issued_at < ${end}::timestamptz)`;

/** The predicate of each drill-down set over a row `b` of `dossiersAtPeriodEnd`. */
export function dossierSetSql(set: DossierSet, end: string): SQL {
  const lateOrOverdue = sql`b.class in ('late', 'overdue')`;
  switch (set) {
    case "to_process":
      return sql`true`;
    case "received_new":
      return sql`b.is_new`;
    case "carried_over":
      return sql`not b.is_new`;
    case "resolved":
      return sql`b.finished_at is not null`;
    case "early":
      return sql`b.class = 'early'`;
    case "on_time":
      return sql`b.class = 'on_time'`;
    case "early_or_on_time":
      return sql`b.class in ('early', 'on_time')`;
    case "late":
      return sql`b.class = 'late'`;
    case "pending":
      return sql`b.class = 'pending'`;
    case "overdue":
      return sql`b.class = 'overdue'`;
    case "late_or_overdue":
      return lateOrOverdue;
    case "late_with_apology":
      return sql`${lateOrOverdue} and ${hasApologyBy(end)}`;
    case "late_without_apology":
      return sql`${lateOrOverdue} and not ${hasApologyBy(end)}`;
    case "within_due":
      return sql`b.class in ('early', 'on_time', 'pending')`;
    case "online":
      return sql`b.is_new and b.channel = 'online'`;
    case "full_online_eligible":
      return sql`b.is_new and b.online_level = 'full'`;
    case "full_online":
      return sql`b.is_new and b.online_level = 'full' and b.channel = 'online'`;
    case "digitised":
      return sql`b.is_new and b.digitised`;
    case "with_result":
      return sql`b.finished_at is not null and b.state in ('resolved', 'returned')`;
    case "electronic_result":
      return sql`b.finished_at is not null and b.state in ('resolved', 'returned') and b.electronic_result`;
    case "fee_due":
      return sql`b.is_new and b.has_fee`;
    case "online_payment":
      return sql`b.is_new and b.has_fee and b.online_payment`;
  }
}

function groupKeySql(groupBy: KpiGroupBy): SQL {
  switch (groupBy) {
    case "unit":
      return sql`b.unit_id::text`;
    case "agency":
      return sql`b.handler_agency_id::text`;
    case "procedure":
      return sql`b.procedure_id::text`;
    case "field":
      return sql`b.field`;
    case "none":
      return sql`null::text`;
  }
}

export interface KpiCountRow {
  key: string | null;
  counts: KpiCounts;
}

/** Dossier counts per group (unit, handling agency, procedure, procedure field, or one row). */
export async function dossierKpiCounts(
  exec: Executor,
  query: KpiQuery,
  groupBy: KpiGroupBy,
  workingDays: WorkingDayIndex,
): Promise<KpiCountRow[]> {
  if (query.unitIds.length === 0) return [];
  const rows = await withoutJit<Record<string, number | string | null>>(
    exec,
    dossierKpiCountsSql(query, groupBy, workingDays),
  );
  return rows.map((row) => ({ key: row.key as string | null, counts: toCounts(row) }));
}

/** The query of `dossierKpiCounts` (exported for the query-plan test, register-plans.test.ts). */
export function dossierKpiCountsSql(
  query: KpiQuery,
  groupBy: KpiGroupBy,
  workingDays: WorkingDayIndex,
): SQL {
  const end = periodEndInstant(query.period).toISOString();
  const count = (set: DossierSet) => sql`count(*) filter (where ${dossierSetSql(set, end)})::int`;
  const ordinals = sql`${`{${workingDays.ordinals.join(",")}}`}::int[]`;
  const base = sql`${workingDays.base}::date`;
  const ordinalOf = (day: SQL) => sql`(${ordinals})[greatest(${day}, ${base}) - ${base} + 1]`;
  const finishedOn = vietnamDay(sql`b.finished_at`);
  const processingDays = sql`greatest(0, ${ordinalOf(finishedOn)} - ${ordinalOf(sql`b.counted_from`)} - b.paused_working_days)`;
  const key = groupKeySql(groupBy);
  return sql`select ${key} as key,
        count(*) filter (where b.is_new)::int as "receivedNew",
        count(*) filter (where not b.is_new)::int as "carriedOver",
        ${count("resolved")} as "resolved",
        ${count("early")} as "early",
        ${count("on_time")} as "onTime",
        ${count("late")} as "late",
        ${count("pending")} as "pendingAtEnd",
        ${count("overdue")} as "overdueAtEnd",
        ${count("late_with_apology")} as "lateWithApology",
        coalesce(sum(${processingDays}) filter (where b.finished_at is not null), 0)::bigint as "processingDaysSum",
        ${count("resolved")} as "processingDaysCount",
        ${count("online")} as "online",
        ${count("full_online_eligible")} as "fullOnlineEligible",
        ${count("full_online")} as "fullOnline",
        ${count("digitised")} as "digitised",
        ${count("with_result")} as "withResult",
        ${count("electronic_result")} as "electronicResult",
        ${count("fee_due")} as "feeDue",
        ${count("online_payment")} as "onlinePayment"
      from ${dossiersAtPeriodEnd(query)} b
      group by 1`;
}

/**
 * Feedback (PAKN) counts per unit or assigned agency, over the feedback received in the period,
 * each as it stood at the period's end (the core's rule, src/core/feedback/feedback-timeliness.ts:
 * answered no later than the due date is on time; open past it is overdue).
 */
export async function feedbackKpiCounts(
  exec: Executor,
  query: KpiQuery,
  groupBy: "unit" | "agency" | "none",
): Promise<KpiCountRow[]> {
  if (query.unitIds.length === 0 || query.procedureId || query.field) return [];
  const start = periodStartInstant(query.period).toISOString();
  const end = periodEndInstant(query.period).toISOString();
  const key =
    groupBy === "unit"
      ? sql`f.unit_id::text`
      : groupBy === "agency"
        ? sql`f.assigned_agency_id::text`
        : sql`null::text`;
  const agencyFilter = query.agencyId
    ? sql`and f.assigned_agency_id = ${query.agencyId}::uuid`
    : sql``;
  const finishedOn = sql`case when f.finished_at < ${end}::timestamptz then ${vietnamDay(sql`f.finished_at`)} end`;
  const within = sql`f.state not in ('transferred', 'rejected')`;
  const onTime = sql`${finishedOn} <= f.due_date`;
  const late = sql`${finishedOn} > f.due_date`;
  const overdue = sql`${finishedOn} is null and ${query.period.to}::date > f.due_date`;
  const pending = sql`${finishedOn} is null and ${query.period.to}::date <= f.due_date`;
  const rated = sql`f.satisfaction is not null and f.satisfaction_at < ${end}::timestamptz`;
  const rows = await queryRows<Record<string, number | string | null>>(
    exec,
    sql`select ${key} as key,
        count(*) filter (where ${within})::int as "feedbackWithinCompetence",
        count(*) filter (where ${within} and ${onTime})::int as "feedbackOnTime",
        count(*) filter (where ${within} and ${late})::int as "feedbackLate",
        count(*) filter (where ${within} and ${pending})::int as "feedbackPending",
        count(*) filter (where ${within} and ${overdue})::int as "feedbackOverdue",
        count(*) filter (where ${rated})::int as "feedbackRated",
        count(*) filter (where ${rated} and f.satisfaction = 'satisfied')::int as "feedbackSatisfied",
        count(*) filter (where ${within} and ((${rated} and f.satisfaction = 'unsatisfied') or ${late} or ${overdue}))::int as "feedbackUnsatisfiedOrLate"
      from feedback f
      where f.unit_id in (${uuidList(query.unitIds)})
        and f.received_at >= ${start}::timestamptz and f.received_at < ${end}::timestamptz
        ${agencyFilter}
      group by 1`,
  );
  return rows.map((row) => ({ key: row.key as string | null, counts: toCounts(row) }));
}

function toCounts(row: Record<string, number | string | null>): KpiCounts {
  const counts = emptyCounts();
  for (const k of KPI_COUNT_KEYS) if (k in row) counts[k] = Number(row[k] ?? 0);
  return counts;
}

export interface KpiDossierRow {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  channel: string;
  receivedAt: Date;
  dueDate: string;
  finishedAt: Date | null;
  state: string;
  class: string | null;
  applicantName: string;
}

/** The dossiers behind a figure, newest receipt first, with the total for paging. */
export async function listKpiDossiers(
  exec: Executor,
  query: KpiQuery,
  set: DossierSet,
  page: { limit: number; offset: number },
): Promise<{ rows: KpiDossierRow[]; total: number }> {
  if (query.unitIds.length === 0) return { rows: [], total: 0 };
  const end = periodEndInstant(query.period).toISOString();
  const rows = await withoutJit<KpiDossierRow & { total: number }>(
    exec,
    sql`select b.id, b.code, b.unit_id as "unitId", u.name as "unitName",
        p.code as "procedureCode", p.name as "procedureName", b.field, b.channel,
        b.received_at as "receivedAt", b.due_date::text as "dueDate", b.finished_at as "finishedAt",
        b.state, b.class, b.applicant_name as "applicantName", count(*) over ()::int as total
      from ${dossiersAtPeriodEnd(query)} b
        join units u on u.id = b.unit_id
        join procedures p on p.id = b.procedure_id
      where ${dossierSetSql(set, end)}
      order by b.received_at desc, b.code
      limit ${page.limit} offset ${page.offset}`,
  );
  const total = rows[0]?.total ?? (page.offset > 0 ? await countSet(exec, query, set) : 0);
  return {
    rows: rows.map(({ total: _total, ...row }) => ({
      ...row,
      receivedAt: new Date(row.receivedAt),
      finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
    })),
    total,
  };
}

async function countSet(exec: Executor, query: KpiQuery, set: DossierSet): Promise<number> {
  const end = periodEndInstant(query.period).toISOString();
  const [row] = await withoutJit<{ n: number }>(
    exec,
    sql`select count(*)::int as n from ${dossiersAtPeriodEnd(query)} b where ${dossierSetSql(set, end)}`,
  );
  return row?.n ?? 0;
}

/** Display names of the rows of a breakdown. */
export async function groupNames(
  exec: Executor,
  groupBy: "unit" | "agency" | "procedure",
  ids: string[],
): Promise<Map<string, { name: string; code: string | null }>> {
  if (ids.length === 0) return new Map();
  const table = { unit: sql`units`, agency: sql`agencies`, procedure: sql`procedures` }[groupBy];
  const code = groupBy === "agency" ? sql`null::text` : sql`t.code`;
  const rows = await queryRows<{ id: string; name: string; code: string | null }>(
    exec,
    sql`select t.id::text as id, t.name, ${code} as code from ${table} t where t.id in (${uuidList(ids)})`,
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, code: row.code }]));
}
