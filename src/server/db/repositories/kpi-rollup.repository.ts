import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { addDays } from "../../../core/calendar/calendar-date.ts";
import {
  KPI_COUNT_KEYS,
  emptyCounts,
  periodEndInstant,
  periodStartInstant,
  type KpiCounts,
  type WorkingDayIndex,
} from "../../../core/kpi/index.ts";
import { queryRows, type Executor } from "../database.ts";
import { timelinessSql } from "./dossier-timeliness.sql.ts";
import {
  dossierColumnsAtPeriodEnd,
  openSpan,
  type KpiCountRow,
  type KpiQuery,
} from "./kpi.repository.ts";

/**
 * The dossier KPI counts of whole days read from the per-day rollups (schema-kpi-rollup.ts,
 * kept by the triggers of migration 0016) instead of the raw rows: the same figures as
 * `dossierKpiCounts` of kpi.repository.ts (a property test holds the two equal,
 * test/integration/kpi-rollups.test.ts), per unit or as one row. What a day cannot hold is read
 * from the raw rows through the open-span index, visiting only the dossiers open at an instant:
 * - carried over: received before the period and not finished when it began;
 * - pending / overdue at the period's end, and their apology letters issued by then;
 * - late dossiers finished in the period whose first apology came after they finished, within it.
 * Filters by procedure, field or agency are not in the rollups: the caller reads the raw rows then.
 */

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

const vietnamDay = (column: SQL) =>
  sql`((${column} at time zone 'UTC') + interval '7 hours')::date`;

/** Whether the rollups can answer a query: no filter by procedure, field or agency. */
export function rollupsAnswer(query: Omit<KpiQuery, "unitIds" | "period">): boolean {
  return !query.procedureId && !query.field && !query.agencyId;
}

/**
 * The queries of `dossierKpiCountsFromRollups` that read raw dossier rows, one row per unit:
 * carried over into the period, open at its end, apologised for after finishing late. Exported
 * for the query-plan test (register-plans.test.ts), which checks they read the open-span index.
 */
export function openDossierQueries(query: KpiQuery): {
  carriedOver: SQL;
  openAtEnd: SQL;
  apologisedAfter: SQL;
} {
  const start = periodStartInstant(query.period).toISOString();
  const end = periodEndInstant(query.period).toISOString();
  const counted = sql`dd.voided_at is null and dd.state <> 'withdrawn' and dd.unit_id in (${uuidList(query.unitIds)})`;
  return {
    carriedOver: sql`select dd.unit_id::text as key, count(*) as "carriedOver"
        from dossiers dd
        where ${openSpan} @> ${start}::timestamptz and dd.received_at < ${start}::timestamptz
          and ${counted}
        group by 1`,
    openAtEnd: sql`select b.unit_id::text as key,
          count(*) filter (where b.class = 'pending') as "pendingAtEnd",
          count(*) filter (where b.class = 'overdue') as "overdueAtEnd",
          count(*) filter (where b.class = 'overdue' and exists (select 1 from apology_letters a
            where a.dossier_id = b.id and a.issued_at < ${end}::timestamptz)) as "lateWithApology"
        from (
          select ${timelinessSql(query.period.to)} as class, d.* from (
            select ${dossierColumnsAtPeriodEnd(query.period)}
            from dossiers dd join procedures p on p.id = dd.procedure_id
            where ${openSpan} @> ${end}::timestamptz and dd.received_at < ${end}::timestamptz
              and ${counted}
            offset 0
          ) d
        ) b
        group by 1`,
    apologisedAfter: sql`select dd.unit_id::text as key, count(distinct dd.id) as "lateWithApology"
        from apology_letters a join dossiers dd on dd.id = a.dossier_id
        where a.issued_at >= ${start}::timestamptz and a.issued_at < ${end}::timestamptz
          and dd.finished_at >= ${start}::timestamptz and dd.finished_at < a.issued_at
          and ${counted}
          and (dd.supplement_count >= 2 or (${vietnamDay(sql`dd.finished_at`)} > dd.due_date
            and not (dd.supplement_count > 0 and exists (select 1 from dossier_pauses wp
              where wp.dossier_id = dd.id and wp.resumed_at is null
                and ${vietnamDay(sql`wp.requested_at`)} <= dd.due_date))))
          and not exists (select 1 from apology_letters e
            where e.dossier_id = dd.id and e.issued_at <= dd.finished_at)
        group by 1`,
  };
}

/**
 * The working calendar the rollups class processing days with: working-day ordinals from the
 * calendar's first day (as `workingDayIndex`) and a fingerprint of them.
 */
export interface KpiWorkingCalendar extends WorkingDayIndex {
  fingerprint: string;
}

export function kpiWorkingCalendar(index: WorkingDayIndex): KpiWorkingCalendar {
  const fingerprint = createHash("sha256")
    .update(`${index.base}:${index.ordinals.join(",")}`)
    .digest("hex");
  return { ...index, fingerprint };
}

async function storedFingerprint(exec: Executor): Promise<string | null> {
  const [row] = await queryRows<{ fingerprint: string }>(
    exec,
    sql`select fingerprint from kpi_working_calendar where id = 1`,
  );
  return row?.fingerprint ?? null;
}

/**
 * Makes the database's working calendar (`kpi_working_days`) the given one, and the processing
 * days of every unit and day (`kpi_dossier_days.processing_days`) what that calendar gives, when
 * the stored fingerprint differs (a schedule stored, the built-in holidays changed, the first
 * read after migration 0029); nothing otherwise. Returns whether it rewrote them.
 *
 * The ordinals are locked (ACCESS EXCLUSIVE) while being rewritten: a writer whose rollup trigger
 * read the old ordinals holds its lock until it commits, so the rewrite waits for it and counts
 * its dossiers; a writer after the rewrite waits and reads the new ones. KPI reads do not read
 * the ordinals and are not blocked.
 */
export async function syncKpiWorkingDays(
  exec: Executor,
  calendar: KpiWorkingCalendar,
): Promise<boolean> {
  if ((await storedFingerprint(exec)) === calendar.fingerprint) return false;
  return exec.transaction(async (tx) => {
    await tx.execute(sql`lock table kpi_working_days in access exclusive mode`);
    if ((await storedFingerprint(tx)) === calendar.fingerprint) return false;
    await tx.execute(sql`set local jit = off`);
    const last = addDays(calendar.base, calendar.ordinals.length - 1);
    await tx.execute(sql`delete from kpi_working_days`);
    await tx.execute(sql`insert into kpi_working_days (day, ordinal)
      select ${calendar.base}::date + (o.i - 1)::int, o.ordinal
      from unnest(${`{${calendar.ordinals.join(",")}}`}::int[]) with ordinality as o(ordinal, i)`);
    await tx.execute(
      sql`update kpi_dossier_days set processing_days = 0 where processing_days <> 0`,
    );
    await tx.execute(sql`update kpi_dossier_days t set processing_days = s.total
      from (
        select p.unit_id, p.day, sum(p.dossiers * greatest(0, kpi_working_ordinal(p.day)
            - kpi_working_ordinal(p.counted_from) - p.paused_working_days)) as total
        from kpi_processing_days p
        where p.dossiers <> 0
        group by 1, 2
      ) s
      where t.unit_id = s.unit_id and t.day = s.day and s.total <> 0`);
    await tx.execute(sql`insert into kpi_working_calendar (id, fingerprint, first_day, last_day)
      values (1, ${calendar.fingerprint}, ${calendar.base}::date, ${last}::date)
      on conflict (id) do update set fingerprint = excluded.fingerprint,
        first_day = excluded.first_day, last_day = excluded.last_day`);
    return true;
  });
}

/**
 * The dossier counts of `query` from the rollups; the processing days as classed by `calendar`,
 * which the database's copy is first made equal to (`syncKpiWorkingDays`).
 */
export async function dossierKpiCountsFromRollups(
  exec: Executor,
  query: KpiQuery,
  groupBy: "unit" | "none",
  calendar: KpiWorkingCalendar,
): Promise<KpiCountRow[]> {
  if (query.unitIds.length === 0) return [];
  if (!rollupsAnswer(query)) throw new Error("rollups hold no procedure, field or agency");
  const { from, to } = query.period;
  const units = uuidList(query.unitIds);
  await syncKpiWorkingDays(exec, calendar);

  // One statement, so one round trip and one snapshot: each part's rows as JSON objects (its
  // key and its counts; a key absent from a part adds nothing). JIT is off for the connection
  // (database.ts), as the KPI queries need.
  const days = sql`select unit_id::text as key,
          sum(received) as "receivedNew",
          sum(finished) as "resolved",
          sum(early) - coalesce(sum(extended_due_passed) filter (where day = ${to}::date), 0) as "early",
          sum(on_time) + coalesce(sum(extended_due_passed) filter (where day = ${to}::date), 0) as "onTime",
          sum(late) as "late",
          sum(late_apologised) as "lateWithApology",
          sum(finished) as "processingDaysCount",
          sum(online) as "online",
          sum(full_online_eligible) as "fullOnlineEligible",
          sum(full_online) as "fullOnline",
          sum(digitised) as "digitised",
          sum(with_result) as "withResult",
          sum(electronic_result) as "electronicResult",
          sum(fee_due) as "feeDue",
          sum(online_payment) as "onlinePayment",
          sum(processing_days) as "processingDaysSum"
        from kpi_dossier_days
        where unit_id in (${units}) and day between ${from}::date and ${to}::date
        group by 1`;
  const open = openDossierQueries(query);
  const parts = [days, open.carriedOver, open.openAtEnd, open.apologisedAfter].map(
    (part) => sql`select to_jsonb(t) as part from (${part}) t`,
  );
  const rows = await queryRows<{ part: Record<string, string | number | null> }>(
    exec,
    sql.join(parts, sql` union all `),
  );

  const byUnit = new Map<string, KpiCounts>();
  for (const { part: row } of rows) {
    const key = String(row.key);
    const counts = byUnit.get(key) ?? emptyCounts();
    for (const k of KPI_COUNT_KEYS) if (k in row) counts[k] += Number(row[k] ?? 0);
    byUnit.set(key, counts);
  }
  if (groupBy === "none") {
    const total = emptyCounts();
    for (const counts of byUnit.values()) for (const k of KPI_COUNT_KEYS) total[k] += counts[k];
    return byUnit.size === 0 ? [] : [{ key: null, counts: total }];
  }
  return [...byUnit.entries()].map(([key, counts]) => ({ key, counts }));
}
