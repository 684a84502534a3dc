/**
 * One person's data for an administrator handling a data subject's request: the dossiers they
 * applied for and the feedback they sent or are named in by phone or ID number, within the
 * administrator's units, with the person's data in full. Every lookup and export is audited with
 * the query masked (never the searched phone, ID number or name in clear).
 */
import {
  maskedLookupQuery,
  numbersMentioned,
  personLookupQuery,
  phoneTail,
  sameIdNumber,
  sameName,
  samePhone,
  type PersonLookupInput,
  type PersonLookupQuery,
} from "../../../core/personal-data/index.ts";
import type { Executor } from "../../db/database.ts";
import { AppError } from "../../errors.ts";
import * as access from "../../services/access.service.ts";
import type { Actor } from "../../services/actor.ts";
import { runUseCase } from "../../services/use-case.ts";
import * as repository from "./lookup.repository.ts";

/** At most this many records of each kind are shown; the answer says when there were more. */
export const LOOKUP_LIMIT = 500;

export type LookupMatch = "phone" | "id_number" | "name";

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export interface PersonDossier {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  procedureName: string;
  state: string;
  receivedAt: string;
  dueDate: string;
  finishedAt: string | null;
  returnedAt: string | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  /** In full: the one place besides the export where it is shown so. */
  applicantIdNumber: string | null;
  anonymised: boolean;
  matchedBy: LookupMatch[];
}

export interface PersonFeedback {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  state: string;
  receivedAt: string;
  dueDate: string;
  finishedAt: string | null;
  senderName: string;
  senderPhone: string;
  senderEmail: string | null;
  senderAddress: string | null;
  title: string;
  content: string;
  answer: string | null;
  satisfactionNote: string | null;
  anonymised: boolean;
  matchedBy: LookupMatch[];
}

export interface PersonData {
  /** The query as the audit log keeps it (masked). */
  query: string;
  dossiers: PersonDossier[];
  feedback: PersonFeedback[];
  /** More candidates than LOOKUP_LIMIT of a kind: narrow the query. */
  truncated: boolean;
}

export function parse(input: PersonLookupInput): PersonLookupQuery {
  const parsed = personLookupQuery(input);
  if ("problem" in parsed) throw new AppError("PERSONAL_DATA_QUERY_INVALID");
  return parsed.query;
}

function dossierMatches(row: repository.DossierCandidate, q: PersonLookupQuery): LookupMatch[] {
  const found: LookupMatch[] = [];
  if (q.phone !== null && samePhone(row.applicantPhone, q.phone)) found.push("phone");
  if (q.idNumber !== null && sameIdNumber(row.applicantIdNumber, q.idNumber))
    found.push("id_number");
  if (q.name !== null && sameName(row.applicantName, q.name)) found.push("name");
  return found;
}

function feedbackMatches(row: repository.FeedbackCandidate, q: PersonLookupQuery): LookupMatch[] {
  const inTexts = [row.title, row.content, row.answer, row.satisfactionNote].map((text) =>
    numbersMentioned(text, q),
  );
  const found: LookupMatch[] = [];
  if (q.phone !== null && (samePhone(row.senderPhone, q.phone) || inTexts.some((m) => m.phone)))
    found.push("phone");
  if (q.idNumber !== null && inTexts.some((m) => m.idNumber)) found.push("id_number");
  if (q.name !== null && sameName(row.senderName, q.name)) found.push("name");
  return found;
}

/** The records of one person within the actor's reach of `personal_data.manage`. */
export async function find(db: Executor, actor: Actor, q: PersonLookupQuery) {
  const scope = await access.unitScope(db, actor, "personal_data.manage");
  if (scope.kind === "some" && scope.unitIds.size === 0) throw new AppError("FORBIDDEN");
  const filter: repository.CandidateFilter = {
    unitIds: access.scopeToIds(scope),
    phoneTail: q.phone === null ? null : phoneTail(q.phone),
    idNumber: q.idNumber,
    nameKey: q.nameKey,
    limit: LOOKUP_LIMIT + 1,
  };
  const [dossierRows, feedbackRows] = [
    await repository.dossierCandidates(db, filter),
    await repository.feedbackCandidates(db, filter),
  ];
  const truncated = dossierRows.length > LOOKUP_LIMIT || feedbackRows.length > LOOKUP_LIMIT;
  const dossiers: PersonDossier[] = [];
  for (const row of dossierRows.slice(0, LOOKUP_LIMIT)) {
    const matchedBy = dossierMatches(row, q);
    if (matchedBy.length === 0) continue;
    dossiers.push({
      ...row,
      receivedAt: iso(row.receivedAt)!,
      finishedAt: iso(row.finishedAt),
      returnedAt: iso(row.returnedAt),
      anonymised: Boolean(row.anonymised),
      matchedBy,
    });
  }
  const feedback: PersonFeedback[] = [];
  for (const row of feedbackRows.slice(0, LOOKUP_LIMIT)) {
    const matchedBy = feedbackMatches(row, q);
    if (matchedBy.length === 0) continue;
    feedback.push({
      ...row,
      receivedAt: iso(row.receivedAt)!,
      finishedAt: iso(row.finishedAt),
      anonymised: Boolean(row.anonymised),
      matchedBy,
    });
  }
  return { query: maskedLookupQuery(q), dossiers, feedback, truncated };
}

/**
 * Finds one person's records and logs it (`personal_data.lookup`, or `personal_data.export` for
 * the Excel file) in the same transaction as the read, so no full record leaves without its entry.
 */
export async function lookUpPerson(
  db: Executor,
  actor: Actor,
  input: PersonLookupInput,
  purpose: "lookup" | "export" = "lookup",
): Promise<PersonData> {
  const q = parse(input);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const found = await find(tx, actor, q);
    const what = purpose === "export" ? "Xuất tệp Excel" : "Tra cứu";
    await audit({
      action: purpose === "export" ? "personal_data.export" : "personal_data.lookup",
      entityId: null,
      // The administrator's unit, so the entry shows in that unit's log; null for installation-wide.
      unitId: actor.grants.find((grant) => grant.role === "admin")?.unitId ?? null,
      summary: `${what} dữ liệu cá nhân theo ${found.query}: ${found.dossiers.length} hồ sơ, ${found.feedback.length} phản ánh, kiến nghị`,
    });
    return found;
  });
}
