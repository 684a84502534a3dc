import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { addDays } from "../../../core/calendar/calendar-date.ts";
import {
  KPI_COUNT_KEYS,
  emptyCounts,
  type KpiCounts,
  type WorkingDayIndex,
} from "../../../core/kpi/index.ts";
import { queryRows, type Executor } from "../database.ts";
import type { KpiCountRow, KpiQuery } from "./kpi.repository.ts";

/**
 * The dossier KPI counts of whole days read from the per-day rollups (schema-kpi-rollup.ts,
 * kept by the triggers of migration 0016) instead of the raw rows: the same figures as
 * `dossierKpiCounts` of kpi.repository.ts (a property test holds the two equal,
 * test/integration/kpi-rollups.test.ts), per unit or as one row. The dossiers open at an instant
 * (carried over into the period, open at its end) are received less finished before it, from
 * the monthly and daily rollups (`openAtDayStart`), and so are the overdue ones among those open
 * at its end (their overdue spans, migration 0036); the late dossiers apologised for after
 * finishing are summed from `kpi_late_apologies`. Read from the raw rows, through a small index:
 * dossiers finished before their receipt (bad data), which the day sums count early.
 * Filters by procedure, field or agency are not in the rollups: the caller reads the raw rows then.
 */

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Whether the rollups can answer a query: no filter by procedure, field or agency. */
export function rollupsAnswer(query: Omit<KpiQuery, "unitIds" | "period">): boolean {
  return !query.procedureId && !query.field && !query.agencyId;
}

/**
 * The dossiers of the units open at the first instant of `day` (received before it, not finished
 * before it), per unit: received less finished before the day, from the monthly rollups of the
 * months before the day's and the daily ones of its month up to it; plus the dossiers finished
 * before their receipt with the instant in (finished_at, received_at] (the day sums count them
 * as finished before they count them as received). As the raw rows' open span (`openSpan`).
 * With `overdue` (the open dossiers at a period's end), the overdue ones among them and those of
 * these apologised for by then, summed the same way from their overdue spans (migration 0036:
 * started less ended before the day), and pending = open − overdue.
 */
function openAtDayStart(unitIds: string[], day: string, overdue: boolean): SQL[] {
  const units = uuidList(unitIds);
  const instant = new Date(`${day}T00:00:00+07:00`).toISOString();
  const month = `${day.slice(0, 8)}01`;
  const counted = sql`dd.voided_at is null and dd.state <> 'withdrawn' and dd.unit_id in (${units})`;
  const columns = sql`received, finished, overdue_started, overdue_ended,
    overdue_apologised_started, overdue_apologised_ended`;
  const open = sql`sum(c.received - c.finished)`;
  const late = sql`sum(c.overdue_started - c.overdue_ended)`;
  const figures = overdue
    ? sql`${open} - ${late} as "pendingAtEnd", ${late} as "overdueAtEnd",
        sum(c.overdue_apologised_started - c.overdue_apologised_ended) as "lateWithApology"`
    : sql`${open} as "carriedOver"`;
  const name = overdue ? "pendingAtEnd" : "carriedOver";
  return [
    sql`select c.unit_id as key, ${figures}
        from (
          select m.unit_id, ${columns} from kpi_dossier_months m
          where m.unit_id in (${units}) and m.month < ${month}::date
          union all
          select t.unit_id, ${columns} from kpi_dossier_days t
          where t.unit_id in (${units}) and t.day >= ${month}::date and t.day < ${day}::date
        ) c
        group by 1`,
    sql`select dd.unit_id as key, count(*) as ${sql.identifier(name)}
        from dossiers dd
        where dd.finished_at < dd.received_at and dd.received_at >= ${instant}::timestamptz
          and dd.finished_at < ${instant}::timestamptz and ${counted}
        group by 1`,
  ];
}

/**
 * The queries of `dossierKpiCountsFromRollups` for the dossiers open at an instant, one row per
 * unit each (a unit's counts are the sums over the rows): carried over into the period and open
 * at its end, pending or overdue and apologised for (`openAtDayStart`: rollups and the few
 * dossiers finished before their receipt), and the late dossiers apologised for after finishing
 * (`kpi_late_apologies`: letter and finish both in the period). Exported for the query-plan test
 * (register-plans.test.ts), which checks they read the indexes.
 */
export function openDossierQueries(query: KpiQuery): {
  carriedOver: SQL[];
  openAtEnd: SQL[];
  apologisedAfter: SQL;
} {
  const { from, to } = query.period;
  return {
    carriedOver: openAtDayStart(query.unitIds, from, false),
    openAtEnd: openAtDayStart(query.unitIds, addDays(to, 1), true),
    apologisedAfter: sql`select l.unit_id::text as key, sum(l.dossiers) as "lateWithApology"
        from kpi_late_apologies l
        where l.unit_id in (${uuidList(query.unitIds)})
          and l.letter_day between ${from}::date and ${to}::date and l.finished_day >= ${from}::date
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

export interface KpiCalendarState {
  fingerprint: string;
  version: number;
  recomputedVersion: number | null;
  recomputedAt: Date | null;
  recomputeOwner: string | null;
  recomputeStartedAt: Date | null;
}

/** The database's working calendar and its recompute's state (null before the first store). */
export async function kpiCalendarState(exec: Executor): Promise<KpiCalendarState | null> {
  const [row] = await queryRows<{
    fingerprint: string;
    version: number;
    recomputed_version: number | null;
    recomputed_at: string | Date | null;
    recompute_owner: string | null;
    recompute_started_at: string | Date | null;
  }>(
    exec,
    sql`select fingerprint, version, recomputed_version, recomputed_at, recompute_owner,
      recompute_started_at from kpi_working_calendar where id = 1`,
  );
  if (!row) return null;
  const at = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    fingerprint: row.fingerprint,
    version: Number(row.version),
    recomputedVersion: row.recomputed_version === null ? null : Number(row.recomputed_version),
    recomputedAt: at(row.recomputed_at),
    recomputeOwner: row.recompute_owner,
    recomputeStartedAt: at(row.recompute_started_at),
  };
}

/**
 * Makes the database's working calendar (`kpi_working_days`) the given one when the stored
 * fingerprint differs (a schedule stored, the built-in holidays changed, the first read after
 * migration 0029), and raises its version: every rollup row classed with an older version is
 * stale from then on (reads compute its processing days from `kpi_processing_days`) until the
 * recompute job rewrites it. A few thousand rows: a short transaction. Returns whether it wrote.
 *
 * The ordinals are locked (ACCESS EXCLUSIVE) while being rewritten: a writer whose rollup trigger
 * read the old ordinals holds its lock until it commits, so the rewrite waits for it; a writer
 * after the rewrite waits and reads the new ordinals and version. A recompute batch holds the
 * ordinals' ACCESS SHARE lock, so a rewrite waits for the batch under way (at most ~100 ms).
 */
export async function storeKpiWorkingCalendar(
  exec: Executor,
  calendar: KpiWorkingCalendar,
): Promise<boolean> {
  if ((await kpiCalendarState(exec))?.fingerprint === calendar.fingerprint) return false;
  return exec.transaction(async (tx) => {
    await tx.execute(sql`lock table kpi_working_days in access exclusive mode`);
    if ((await kpiCalendarState(tx))?.fingerprint === calendar.fingerprint) return false;
    const last = addDays(calendar.base, calendar.ordinals.length - 1);
    await tx.execute(sql`delete from kpi_working_days`);
    await tx.execute(sql`insert into kpi_working_days (day, ordinal)
      select ${calendar.base}::date + (o.i - 1)::int, o.ordinal
      from unnest(${`{${calendar.ordinals.join(",")}}`}::int[]) with ordinality as o(ordinal, i)`);
    await tx.execute(sql`insert into kpi_working_calendar (id, fingerprint, first_day, last_day)
      values (1, ${calendar.fingerprint}, ${calendar.base}::date, ${last}::date)
      on conflict (id) do update set fingerprint = excluded.fingerprint,
        first_day = excluded.first_day, last_day = excluded.last_day,
        version = kpi_working_calendar.version + 1`);
    return true;
  });
}

/**
 * The recompute job `owner` takes the recompute over: when no other job holds it, or the job
 * holding it is no longer running under a live lease (its process died and its job failed or was
 * taken back). False when another live job holds it (only one recomputes at a time).
 */
export async function claimKpiRecompute(exec: Executor, owner: string): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    exec,
    sql`update kpi_working_calendar c set recompute_owner = ${owner},
        recompute_started_at = case when c.recompute_owner = ${owner}
          then coalesce(c.recompute_started_at, now()) else now() end
      where c.id = 1 and (c.recompute_owner is null or c.recompute_owner = ${owner}
        or not exists (select 1 from jobs j where j.id::text = c.recompute_owner
          and j.state in ('queued', 'running')))
      returning c.id`,
  );
  return rows.length > 0;
}

/** Whether the rows need a recompute that no live job is doing (so one must be queued). */
export async function kpiRecomputeNeeded(exec: Executor): Promise<boolean> {
  const rows = await queryRows<{ needed: boolean }>(
    exec,
    sql`select true as needed from kpi_working_calendar c
      where c.id = 1 and c.recomputed_version is distinct from c.version
        and not exists (select 1 from jobs j where j.kind = ${KPI_RECOMPUTE_JOB}
          and j.state in ('queued', 'running'))`,
  );
  return rows.length > 0;
}

export const KPI_RECOMPUTE_JOB = "kpi.processing-days";

export interface RecomputeBatch {
  /** Rows whose processing days were rewritten. */
  changed: number;
  /** The recompute is over: every row is of the current version (or the job lost the claim). */
  finished: boolean;
  /** A pass over the rows ended (another may follow when this one changed rows). */
  passEnded: boolean;
}

/**
 * One batch of the recompute, in its own transaction: the next `limit` rows of
 * `kpi_dossier_days` in key order (unit, day) after the stored cursor, whose version is not the
 * current one, get the processing days `kpi_processing_days` gives with the current ordinals and
 * the current version; the cursor moves on. A pass that ends having changed rows (or met rows a
 * writer held) is followed by another from the start, so rows a concurrent write made stale
 * behind the cursor are caught; a pass that changed nothing ends the recompute. The cursor is in
 * the database, so a restarted job goes on where the last committed batch stopped; a new
 * version (another schedule stored meanwhile) starts the passes again.
 *
 * Locks, in this order (a rewrite of the ordinals takes them in the same order): the ordinals
 * (ACCESS SHARE: the version and ordinals cannot change during the batch), the calendar row, the
 * batch's stale rows (SKIP LOCKED: a row a writer holds is left for the next pass, so a batch
 * never waits for a bulk import's transaction nor deadlocks with it). The rows are locked in one
 * statement and rewritten in the next, whose snapshot holds every write committed before.
 */
export async function recomputeProcessingDaysBatch(
  exec: Executor,
  owner: string,
  limit: number,
): Promise<RecomputeBatch> {
  return exec.transaction(async (tx) => {
    await tx.execute(sql`lock table kpi_working_days in access share mode`);
    await tx.execute(sql`set local jit = off`);
    const [state] = await queryRows<{
      version: number;
      recompute_owner: string | null;
      cursor_version: number | null;
      cursor_unit_id: string | null;
      cursor_day: string | null;
      pass_changes: number;
    }>(
      tx,
      sql`select version, recompute_owner, cursor_version, cursor_unit_id::text, cursor_day::text,
          pass_changes
        from kpi_working_calendar where id = 1 for update`,
    );
    if (!state || state.recompute_owner !== owner)
      return { changed: 0, finished: true, passEnded: true };
    const version = Number(state.version);
    const fresh = state.cursor_version === null || Number(state.cursor_version) !== version;
    const cursor =
      fresh || state.cursor_unit_id === null
        ? null
        : { unitId: state.cursor_unit_id, day: state.cursor_day! };
    const passChanges = fresh ? 0 : Number(state.pass_changes);
    const after = cursor
      ? sql`(unit_id, day) > (${cursor.unitId}::uuid, ${cursor.day}::date)`
      : sql`true`;
    const [end] = await queryRows<{ unit_id: string; day: string }>(
      tx,
      sql`select unit_id::text, day::text from kpi_dossier_days where ${after}
        order by unit_id, day offset ${limit - 1} limit 1`,
    );
    const range = end
      ? sql`${after} and (unit_id, day) <= (${end.unit_id}::uuid, ${end.day}::date)`
      : after;
    const stale = sql`calendar_version is distinct from ${version}`;
    const locked = await queryRows<{ unit_id: string; day: string }>(
      tx,
      sql`select unit_id::text, day::text from kpi_dossier_days
        where ${range} and ${stale} order by unit_id, day for update skip locked`,
    );
    let changed = 0;
    if (locked.length > 0) {
      const units = `{${locked.map((r) => r.unit_id).join(",")}}`;
      const days = `{${locked.map((r) => r.day).join(",")}}`;
      const updated = await queryRows<{ n: number }>(
        tx,
        sql`with k as (
            select * from unnest(${units}::uuid[], ${days}::date[]) as k(unit_id, day)
          ), s as (
            -- One sum per batch; a day's ordinal by a join (the function only outside the
            -- calendar's days, where it clamps).
            select p.unit_id, p.day,
              sum(p.dossiers * greatest(0, coalesce(wd.ordinal, kpi_working_ordinal(p.day))
                - coalesce(wc.ordinal, kpi_working_ordinal(p.counted_from))
                - p.paused_working_days)) as total
            from k join kpi_processing_days p on p.unit_id = k.unit_id and p.day = k.day
            left join kpi_working_days wd on wd.day = p.day
            left join kpi_working_days wc on wc.day = p.counted_from
            where p.dossiers <> 0
            group by 1, 2
          ), u as (
            update kpi_dossier_days t set calendar_version = ${version},
              processing_days = coalesce(s.total, 0)
            from k left join s on s.unit_id = k.unit_id and s.day = k.day
            where t.unit_id = k.unit_id and t.day = k.day
            returning 1
          ) select count(*)::int as n from u`,
      );
      changed = Number(updated[0]?.n ?? 0);
    }
    // Rows of the range still stale: a writer held them (or wrote them since): not done yet.
    const [left] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from kpi_dossier_days where ${range} and ${stale}`,
    );
    const pending = passChanges + changed + Number(left?.n ?? 0);
    if (end) {
      await tx.execute(sql`update kpi_working_calendar set cursor_version = ${version},
          cursor_unit_id = ${end.unit_id}::uuid, cursor_day = ${end.day}::date,
          pass_changes = ${pending}
        where id = 1`);
      return { changed, finished: false, passEnded: false };
    }
    if (pending === 0) {
      await tx.execute(sql`update kpi_working_calendar set recomputed_version = ${version},
          recomputed_at = now(), recompute_owner = null, recompute_started_at = null,
          cursor_version = null, cursor_unit_id = null, cursor_day = null, pass_changes = 0
        where id = 1`);
      return { changed, finished: true, passEnded: true };
    }
    await tx.execute(sql`update kpi_working_calendar set cursor_version = ${version},
        cursor_unit_id = null, cursor_day = null, pass_changes = 0
      where id = 1`);
    return { changed, finished: false, passEnded: true };
  });
}

/** Gives the recompute up (the job failed for good): another job may take it. */
export async function releaseKpiRecompute(exec: Executor, owner: string): Promise<void> {
  await exec.execute(sql`update kpi_working_calendar set recompute_owner = null
    where id = 1 and recompute_owner = ${owner}`);
}

/** Queues the recompute job (at most one queued: its singleton key). */
export async function enqueueKpiRecompute(exec: Executor): Promise<void> {
  await exec.execute(sql`insert into jobs (kind, max_attempts, run_at, singleton_key)
    values (${KPI_RECOMPUTE_JOB}, 5, now(), ${KPI_RECOMPUTE_JOB})
    on conflict (singleton_key) where state = 'queued' do nothing`);
}

/**
 * Makes the database's working calendar the given one (`storeKpiWorkingCalendar`) and queues the
 * recompute job when rows need it and no job is queued or running (also after a job failed for
 * good, or right after migration 0032). Cheap when nothing changed: one or two small reads.
 */
export async function ensureKpiWorkingCalendar(
  exec: Executor,
  calendar: KpiWorkingCalendar,
): Promise<void> {
  await storeKpiWorkingCalendar(exec, calendar);
  if (await kpiRecomputeNeeded(exec)) await enqueueKpiRecompute(exec);
}

/**
 * The processing days of the rows in `days` (a CTE of `kpi_dossier_days` rows): the stored sum for
 * a row classed with the current calendar version, and for a stale row (another version, or none:
 * the recompute job has not reached it) the sum over its `kpi_processing_days` with the current
 * ordinals — what the job will write. One statement, so one snapshot: the version, the ordinals,
 * the rows and their sources agree, whatever the job or a writer commits meanwhile.
 */
const processingDaysSql = sql`coalesce(sum(d.processing_days) filter (where d.fresh), 0)
  + coalesce(max(st.total), 0)`;

/** The stale rows' processing days per unit (`processingDaysSql`): one aggregate, not one per unit. */
const staleProcessingDaysSql = sql`(select s.unit_id, sum(p.dossiers * greatest(0,
      kpi_working_ordinal(p.day) - kpi_working_ordinal(p.counted_from) - p.paused_working_days))
      as total
    from d s join kpi_processing_days p on p.unit_id = s.unit_id and p.day = s.day
    where not s.fresh and p.dossiers <> 0
    group by 1)`;

/**
 * The dossier counts of `query` from the rollups; the processing days as classed by `calendar`,
 * which the database's copy is first made equal to (`ensureKpiWorkingCalendar`). Rows the
 * recompute job has not rewritten yet read their processing days from their source
 * (`processingDaysSql`), so the figures are right while it runs.
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
  await ensureKpiWorkingCalendar(exec, calendar);

  // One statement, so one round trip and one snapshot: each part's rows as JSON objects (its
  // key and its counts; a key absent from a part adds nothing). JIT is off for the connection
  // (database.ts), as the KPI queries need. Rows computed with an older working calendar
  // (`fresh` false) take their processing days from the current ordinals (`processingDaysSql`).
  const days = sql`with d as materialized (
          select t.*, coalesce(t.calendar_version = c.version, false) as fresh
          from kpi_dossier_days t
          left join kpi_working_calendar c on c.id = 1
          where t.unit_id in (${units}) and t.day between ${from}::date and ${to}::date
        )
        select d.unit_id::text as key,
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
          ${processingDaysSql} as "processingDaysSum"
        from d left join ${staleProcessingDaysSql} st on st.unit_id = d.unit_id
        group by d.unit_id`;
  const open = openDossierQueries(query);
  const parts = [days, ...open.carriedOver, ...open.openAtEnd, open.apologisedAfter].map(
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
