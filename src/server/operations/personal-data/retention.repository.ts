/**
 * The SQL of retention: which closed records are past their period, and their anonymisation in
 * batches. A dossier is closed when its result was returned (or, never returned, when it was
 * finished or voided); a feedback when it was answered, transferred or rejected (`finished_at`).
 */
import { sql, type SQL } from "drizzle-orm";
import {
  ANONYMISED_DOSSIER,
  ANONYMISED_FEEDBACK,
  ANONYMISED_TEXT,
  type PersonalDataRecord,
} from "../../../core/personal-data/index.ts";
import { queryRows, type Executor } from "../../db/database.ts";
import { forgetRegisterTotals } from "../../db/register-total-cache.ts";

/** The first instant (Vietnam time) after the day `lastDay`. */
export function endOfVietnamDay(lastDay: string): string {
  const next = new Date(`${lastDay}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return `${next.toISOString().slice(0, 10)}T00:00:00+07:00`;
}

const CLOSED_AT: Record<PersonalDataRecord, SQL> = {
  dossier: sql`coalesce(r.returned_at, r.finished_at, r.voided_at)`,
  feedback: sql`r.finished_at`,
};
const TABLE: Record<PersonalDataRecord, SQL> = {
  dossier: sql`dossiers`,
  feedback: sql`feedback`,
};

function dueWhere(record: PersonalDataRecord, closedBefore: string): SQL {
  return sql`${CLOSED_AT[record]} < ${closedBefore}::timestamptz
    and not exists (select 1 from anonymised_records a
      where a.record = ${record} and a.record_id = r.id)`;
}

/**
 * How many records stored in the table's pages [fromPage, fromPage + pages) were closed before
 * the instant and still hold personal data (a TID range scan, as anonymiseDueInPages reads).
 */
export async function countDueInPages(
  exec: Executor,
  record: PersonalDataRecord,
  closedBefore: string,
  step: { fromPage: number; pages: number },
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from ${TABLE[record]} r
      where r.ctid >= ${`(${step.fromPage},0)`}::tid
        and r.ctid < ${`(${step.fromPage + step.pages},0)`}::tid
        and ${dueWhere(record, closedBefore)}`,
  );
  return row?.n ?? 0;
}

export async function countAnonymised(exec: Executor): Promise<Record<PersonalDataRecord, number>> {
  const rows = await queryRows<{ record: PersonalDataRecord; n: number }>(
    exec,
    sql`select record, count(*)::int as n from anonymised_records group by record`,
  );
  const counts = { dossier: 0, feedback: 0 };
  for (const row of rows) counts[row.record] = row.n;
  return counts;
}

/** A free text replaced by the marker, an empty one left empty ("was there one" stays true). */
const keep = (column: SQL) =>
  sql`case when ${column} is null then null else ${ANONYMISED_TEXT}::text end`;

function setPersonalFields(record: PersonalDataRecord): SQL {
  // A dossier's refusal or withdrawal reason and void reason, a feedback's rejection or transfer
  // reason, are officials' texts that often quote the citizen: cleared with their fields.
  if (record === "dossier")
    return sql`applicant_name = ${ANONYMISED_DOSSIER.applicantName},
      applicant_phone = ${ANONYMISED_DOSSIER.applicantPhone},
      applicant_address = ${ANONYMISED_DOSSIER.applicantAddress},
      applicant_id_number = ${ANONYMISED_DOSSIER.applicantIdNumber},
      reason = ${keep(sql`reason`)},
      void_reason = ${keep(sql`void_reason`)}`;
  return sql`sender_name = ${ANONYMISED_FEEDBACK.senderName},
    sender_phone = ${ANONYMISED_FEEDBACK.senderPhone},
    sender_email = ${ANONYMISED_FEEDBACK.senderEmail},
    sender_address = ${ANONYMISED_FEEDBACK.senderAddress},
    title = ${ANONYMISED_FEEDBACK.title},
    content = ${ANONYMISED_FEEDBACK.content},
    answer = ${keep(sql`answer`)},
    satisfaction_note = ${keep(sql`satisfaction_note`)},
    reason = ${keep(sql`reason`)}`;
}

/**
 * The statement that anonymises the `picked` records (a CTE selecting id, code, unit_id,
 * closed_on): their personal fields replaced, the notes of their history, a dossier's supplement
 * requests and apology reasons cleared, each recorded in `anonymised_records`. Returns how many.
 */
async function anonymisePicked(
  tx: Executor,
  record: PersonalDataRecord,
  picked: SQL,
  why: { reason: "retention" | "request"; runId: string | null },
): Promise<number> {
  const dossierTexts =
    record === "dossier"
      ? sql`,
      pauses as (
        update dossier_pauses p set note = ${ANONYMISED_TEXT}
        from picked where p.dossier_id = picked.id and p.note is not null
        returning p.id
      ),
      apologies as (
        update apology_letters a set reason = ${ANONYMISED_TEXT}
        from picked where a.dossier_id = picked.id
        returning a.id
      )`
      : sql``;
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with picked as (${picked}),
      changed as (
        update ${TABLE[record]} t set ${setPersonalFields(record)}
        from picked where t.id = picked.id
        returning t.id
      ),
      notes as (
        update case_events e set note = ${ANONYMISED_TEXT}
        from picked where e.register = ${record} and e.case_id = picked.id and e.note is not null
        returning e.id
      )${dossierTexts},
      recorded as (
        insert into anonymised_records (record, record_id, code, unit_id, closed_on, reason, run_id)
        select ${record}, id, code, unit_id, closed_on, ${why.reason}, ${why.runId}::uuid
        from picked
        returning id
      )
      select (select count(*) from changed)::int as n`,
  );
  // Names searched may no longer match: the register's kept totals are counted again.
  forgetRegisterTotals({ register: record });
  return rows[0]?.n ?? 0;
}

/** The pages `record`'s table holds now: where a retention run's walk ends. */
export async function tablePages(exec: Executor, record: PersonalDataRecord): Promise<number> {
  const [row] = await queryRows<{ pages: number }>(
    exec,
    sql`select (pg_relation_size(${record === "dossier" ? "dossiers" : "feedback"}::regclass)
      / current_setting('block_size')::int)::int as pages`,
  );
  return row?.pages ?? 0;
}

/**
 * Anonymises up to `limit` due records stored in the table's pages [fromPage, fromPage + pages)
 * (a TID range scan: those pages read in their order, nothing else). Walking the table a few
 * pages at a time, no statement reads all of it: the due records are found by their closing
 * time, on no index, and a search of the whole table held the embedded database's one
 * connection 0.5–0.8 s at a million dossiers each time the job ran, with nothing due (by id, in
 * windows of 10,000 records, each window read pages all over the table: 0.2 s each). Rows
 * locked by a concurrent run are skipped. Returns how many.
 */
export async function anonymiseDueInPages(
  tx: Executor,
  record: PersonalDataRecord,
  closedBefore: string,
  step: { fromPage: number; pages: number; limit: number; runId: string },
): Promise<number> {
  const from = `(${step.fromPage},0)`;
  const to = `(${step.fromPage + step.pages},0)`;
  return anonymisePicked(
    tx,
    record,
    sql`select r.id, r.code, r.unit_id,
          (${CLOSED_AT[record]} at time zone 'Asia/Ho_Chi_Minh')::date as closed_on
        from ${TABLE[record]} r
        where r.ctid >= ${from}::tid and r.ctid < ${to}::tid and ${dueWhere(record, closedBefore)}
        limit ${step.limit}
        for update of r skip locked`,
    { reason: "retention", runId: step.runId },
  );
}

/** A record named in a person's request, locked for the rest of the transaction. */
export interface RequestedRecord {
  id: string;
  code: string;
  /** Returned, finished or voided (dossier); answered, transferred or rejected (feedback). */
  closed: boolean;
  anonymised: boolean;
}

export async function lockRequested(
  tx: Executor,
  record: PersonalDataRecord,
  ids: readonly string[],
): Promise<RequestedRecord[]> {
  if (ids.length === 0) return [];
  return queryRows<RequestedRecord>(
    tx,
    sql`select r.id, r.code, ${CLOSED_AT[record]} is not null as closed,
        exists (select 1 from anonymised_records a
          where a.record = ${record} and a.record_id = r.id) as anonymised
      from ${TABLE[record]} r
      where r.id = any(${sql.param([...ids])}::uuid[])
      order by r.code, r.id
      for update of r`,
  );
}

/** Anonymises these closed records (locked by lockRequested) on a person's request. */
export async function anonymiseRequested(
  tx: Executor,
  record: PersonalDataRecord,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  return anonymisePicked(
    tx,
    record,
    sql`select r.id, r.code, r.unit_id,
          (${CLOSED_AT[record]} at time zone 'Asia/Ho_Chi_Minh')::date as closed_on
        from ${TABLE[record]} r
        where r.id = any(${sql.param([...ids])}::uuid[]) and ${CLOSED_AT[record]} is not null
          and not exists (select 1 from anonymised_records a
            where a.record = ${record} and a.record_id = r.id)`,
    { reason: "request", runId: null },
  );
}

export interface RunRow {
  id: string;
  trigger: string;
  asOf: string;
  dossierYears: number;
  feedbackYears: number;
  dossiers: number;
  feedback: number;
  batches: number;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export async function insertRun(
  exec: Executor,
  run: Pick<RunRow, "trigger" | "asOf" | "dossierYears" | "feedbackYears" | "startedAt">,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    exec,
    sql`insert into personal_data_runs (trigger, as_of, dossier_years, feedback_years, started_at)
      values (${run.trigger}, ${run.asOf}::date, ${run.dossierYears}, ${run.feedbackYears},
        ${run.startedAt.toISOString()}::timestamptz)
      returning id`,
  );
  return row!.id;
}

export async function finishRun(
  exec: Executor,
  id: string,
  result: { dossiers: number; feedback: number; batches: number; error: string | null },
): Promise<void> {
  await exec.execute(
    sql`update personal_data_runs set dossiers = ${result.dossiers}, feedback = ${result.feedback},
      batches = ${result.batches}, error = ${result.error}, finished_at = now()
      where id = ${id}::uuid`,
  );
}

export async function lastRun(exec: Executor): Promise<RunRow | null> {
  const [row] = await queryRows<
    Omit<RunRow, "startedAt" | "finishedAt"> & {
      startedAt: string;
      finishedAt: string | null;
    }
  >(
    exec,
    sql`select id, trigger, as_of::text as "asOf", dossier_years as "dossierYears",
        feedback_years as "feedbackYears", dossiers, feedback, batches,
        started_at as "startedAt", finished_at as "finishedAt", error
      from personal_data_runs order by started_at desc, id desc limit 1`,
  );
  if (!row) return null;
  return {
    ...row,
    startedAt: new Date(row.startedAt),
    finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
  };
}
