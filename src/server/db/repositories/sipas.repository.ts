import { sql, type SQL } from "drizzle-orm";
import type { AnswerValue, FieldGroup, PeriodGranularity } from "../../../core/sipas/index.ts";
import { queryRows, type Executor } from "../database.ts";
import { sipasAnswers, sipasResponses } from "../schema-sipas.ts";

export type SipasResponseRow = typeof sipasResponses.$inferSelect;
export type SipasResponseInsert = typeof sipasResponses.$inferInsert;
export type SipasAnswerInsert = typeof sipasAnswers.$inferInsert;

/**
 * Stores a response; null when its dossier already has one (the partial unique index decides,
 * so of two concurrent submissions for one dossier exactly one gets a row).
 */
export async function insertResponseIfDossierFree(
  exec: Executor,
  values: SipasResponseInsert,
): Promise<SipasResponseRow | null> {
  const rows = await exec.insert(sipasResponses).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function insertAnswers(exec: Executor, rows: SipasAnswerInsert[]) {
  if (rows.length > 0) await exec.insert(sipasAnswers).values(rows);
}

export interface ResponseFilter {
  unitIds: string[];
  questionnaireCode: string;
  from: string;
  to: string;
  /** Only responses about procedures of these field groups (absent: every response). */
  fieldGroups?: readonly FieldGroup[];
}

function where(filter: ResponseFilter): SQL {
  const conditions = [
    sql`r.unit_id in (${sql.join(
      filter.unitIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
    sql`r.questionnaire_code = ${filter.questionnaireCode}`,
    sql`r.answered_on between ${filter.from}::date and ${filter.to}::date`,
  ];
  if (filter.fieldGroups) {
    const groups = filter.fieldGroups.map((group) => sql`${group}`);
    // An empty list selects nothing (in () is not valid SQL).
    conditions.push(
      groups.length ? sql`r.field_group in (${sql.join(groups, sql`, `)})` : sql`false`,
    );
  }
  return sql.join(conditions, sql` and `);
}

/** The trend bucket of a response's day, or one bucket for the whole period. */
function periodSql(granularity: PeriodGranularity | null): SQL {
  if (granularity === "month") return sql`to_char(r.answered_on, 'YYYY-MM')`;
  if (granularity === "quarter") {
    return sql`to_char(r.answered_on, 'YYYY') || '-Q' || to_char(r.answered_on, 'Q')`;
  }
  return sql`''`;
}

export interface PeriodTally {
  period: string;
  itemCode: string;
  value: AnswerValue | null;
  count: number;
}

/** How many answers of each value each item got, per period. */
export async function tallyAnswers(
  exec: Executor,
  filter: ResponseFilter,
  granularity: PeriodGranularity | null = null,
): Promise<PeriodTally[]> {
  if (filter.unitIds.length === 0) return [];
  return queryRows<PeriodTally>(
    exec,
    sql`
      select ${periodSql(granularity)} as "period", a.item_code as "itemCode",
        a.value::int as "value", count(*)::int as "count"
      from sipas_answers a join sipas_responses r on r.id = a.response_id
      where ${where(filter)}
      group by 1, 2, 3`,
  );
}

export interface PeriodRespondents {
  period: string;
  /** "total", "part:<key>" or "factor:<key>". */
  scope: string;
  count: number;
}

/** Responses with at least one valid answer, in all, per part and per factor, per period. */
export async function countRespondents(
  exec: Executor,
  filter: ResponseFilter,
  granularity: PeriodGranularity | null = null,
): Promise<PeriodRespondents[]> {
  if (filter.unitIds.length === 0) return [];
  return queryRows<PeriodRespondents>(
    exec,
    sql`
      select ${periodSql(granularity)} as "period", s.scope, count(distinct r.id)::int as "count"
      from sipas_answers a join sipas_responses r on r.id = a.response_id
      cross join lateral (values ('total'), ('part:' || a.part_key), ('factor:' || a.factor_key))
        as s(scope)
      where a.value is not null and ${where(filter)}
      group by 1, 2`,
  );
}

/** How many responses a dossier has (0 or 1). */
export async function countResponsesOfDossier(exec: Executor, dossierId: string) {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from sipas_responses where dossier_id = ${dossierId}::uuid`,
  );
  return row?.n ?? 0;
}

/** The distinct procedure fields of a unit's active procedures (for the QR codes per field). */
export async function procedureFieldsOfUnit(exec: Executor, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ field: string }>(
    exec,
    sql`select distinct field from procedures where unit_id = ${unitId}::uuid and is_active`,
  );
  return rows.map((row) => row.field);
}
