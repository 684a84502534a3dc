/**
 * The SQL of one person's lookup: candidate dossiers and feedback within the units given, found
 * by the last nine digits of a phone, the folded name, (dossiers) the stored ID number or
 * (feedback) a number inside the texts.
 * The candidates are wide on purpose; the service keeps only those the core's rules confirm.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/database.ts";
import { suffixQuery, suffixSearchable } from "../../db/repositories/case-register.repository.ts";

export interface CandidateFilter {
  unitIds: string[] | null;
  phoneTail: string | null;
  idNumber: string | null;
  nameKey: string | null;
  limit: number;
}

/** The same folding as the `applicant_name_folded` column (and `searchKey` in src/core/text). */
function folded(column: SQL): SQL {
  return sql`btrim(regexp_replace(translate(lower(regexp_replace(normalize(${column}, NFD), '[\\u0300-\\u036f]', '', 'g')), 'Đđ', 'dd'), '\\s+', ' ', 'g'))`;
}
const digits = (column: SQL) => sql`regexp_replace(coalesce(${column}, ''), '\\D', '', 'g')`;

/** A dossier's applicant named `nameKey` (folded), found through the name's suffix index. */
function sameName(nameKey: string): SQL {
  const same = sql`d.applicant_name_folded = ${nameKey}`;
  if (!suffixSearchable(nameKey)) return same;
  return sql`(${same} and search_suffixes_weekly(d.applicant_name_folded, d.received_at) @@ ${suffixQuery(nameKey)}::tsquery)`;
}

function inScope(column: SQL, unitIds: string[] | null): SQL {
  return unitIds === null ? sql`true` : sql`${column} = any(${sql.param(unitIds)}::uuid[])`;
}

function anyOf(parts: SQL[]): SQL {
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

export interface DossierCandidate {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  procedureName: string;
  state: string;
  receivedAt: Date | string;
  dueDate: string;
  finishedAt: Date | string | null;
  returnedAt: Date | string | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  applicantIdNumber: string | null;
  anonymised: boolean;
}

export async function dossierCandidates(
  exec: Executor,
  filter: CandidateFilter,
): Promise<DossierCandidate[]> {
  const match: SQL[] = [];
  if (filter.phoneTail !== null)
    match.push(sql`right(${digits(sql`d.applicant_phone`)}, 9) = ${filter.phoneTail}`);
  if (filter.idNumber !== null) match.push(sql`d.applicant_id_number = ${filter.idNumber}`);
  if (filter.nameKey !== null) match.push(sameName(filter.nameKey));
  return queryRows<DossierCandidate>(
    exec,
    sql`select d.id, d.code, d.unit_id as "unitId", u.name as "unitName",
        p.name as "procedureName", d.state,
        d.received_at as "receivedAt",
        d.due_date::text as "dueDate",
        d.finished_at as "finishedAt",
        d.returned_at as "returnedAt",
        d.applicant_name as "applicantName", d.applicant_phone as "applicantPhone",
        d.applicant_address as "applicantAddress",
        d.applicant_id_number as "applicantIdNumber",
        exists (select 1 from anonymised_records a
          where a.record = 'dossier' and a.record_id = d.id) as anonymised
      from dossiers d
      join units u on u.id = d.unit_id
      join procedures p on p.id = d.procedure_id
      where ${inScope(sql`d.unit_id`, filter.unitIds)} and ${anyOf(match)}
      order by d.received_at desc, d.id
      limit ${filter.limit}`,
  );
}

export interface FeedbackCandidate {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  state: string;
  receivedAt: Date | string;
  dueDate: string;
  finishedAt: Date | string | null;
  senderName: string;
  senderPhone: string;
  senderEmail: string | null;
  senderAddress: string | null;
  title: string;
  content: string;
  answer: string | null;
  satisfactionNote: string | null;
  anonymised: boolean;
}

export async function feedbackCandidates(
  exec: Executor,
  filter: CandidateFilter,
): Promise<FeedbackCandidate[]> {
  const texts = sql`concat_ws(' ', f.title, f.content, f.answer, f.satisfaction_note)`;
  const match: SQL[] = [];
  if (filter.phoneTail !== null) {
    match.push(sql`right(${digits(sql`f.sender_phone`)}, 9) = ${filter.phoneTail}`);
    match.push(sql`strpos(${digits(texts)}, ${filter.phoneTail}) > 0`);
  }
  if (filter.idNumber !== null) match.push(sql`strpos(${digits(texts)}, ${filter.idNumber}) > 0`);
  if (filter.nameKey !== null) match.push(sql`${folded(sql`f.sender_name`)} = ${filter.nameKey}`);
  return queryRows<FeedbackCandidate>(
    exec,
    sql`select f.id, f.code, f.unit_id as "unitId", u.name as "unitName", f.state,
        f.received_at as "receivedAt",
        f.due_date::text as "dueDate",
        f.finished_at as "finishedAt",
        f.sender_name as "senderName", f.sender_phone as "senderPhone",
        f.sender_email as "senderEmail", f.sender_address as "senderAddress",
        f.title, f.content, f.answer, f.satisfaction_note as "satisfactionNote",
        exists (select 1 from anonymised_records a
          where a.record = 'feedback' and a.record_id = f.id) as anonymised
      from feedback f
      join units u on u.id = f.unit_id
      where ${inScope(sql`f.unit_id`, filter.unitIds)} and ${anyOf(match)}
      order by f.received_at desc, f.id
      limit ${filter.limit}`,
  );
}
