/**
 * Anonymising one person's records on their request (ND 13/2023 art. 16, the right to erasure):
 * an administrator looks the person up, checks the list, and anonymises the records shown — all
 * of them or none, in one transaction with its audit entry. Every record must be among the
 * person's lookup results within the administrator's units (looked up again in the transaction)
 * and closed: a dossier still being processed or a feedback not yet answered is refused, with
 * nothing changed, because the desk still needs the citizen's data to finish it. Records already
 * anonymised (by retention or an earlier request) are left as they are.
 */
import {
  redactPersonalText,
  type PersonalDataRecord,
  type PersonLookupInput,
} from "../../../core/personal-data/index.ts";
import type { Executor } from "../../db/database.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../services/actor.ts";
import { runUseCase } from "../../services/use-case.ts";
import { find, parse } from "./lookup.service.ts";
import { anonymiseRequested, lockRequested, type RequestedRecord } from "./retention.repository.ts";

export interface AnonymiseRequestInput extends PersonLookupInput {
  /** Why (the request's reference, e.g. "Đơn yêu cầu xoá dữ liệu ngày 02/03/2026"). */
  reason: string;
  dossierIds: string[];
  feedbackIds: string[];
}

export interface AnonymiseRequestResult {
  /** The query as the audit log keeps it (masked). */
  query: string;
  anonymised: Record<PersonalDataRecord, number>;
  /** Already anonymised before this request (left as they were). */
  alreadyAnonymised: Record<PersonalDataRecord, number>;
  codes: string[];
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

export async function anonymisePersonOnRequest(
  db: Executor,
  actor: Actor,
  input: AnonymiseRequestInput,
): Promise<AnonymiseRequestResult> {
  const q = parse(input);
  const requested = { dossier: unique(input.dossierIds), feedback: unique(input.feedbackIds) };
  if (requested.dossier.length + requested.feedback.length === 0)
    throw new AppError("PERSONAL_DATA_NOTHING_SELECTED");
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const found = await find(tx, actor, q);
    const ofPerson = {
      dossier: new Set(found.dossiers.map((d) => d.id)),
      feedback: new Set(found.feedback.map((f) => f.id)),
    };
    const foreign =
      requested.dossier.filter((id) => !ofPerson.dossier.has(id)).length +
      requested.feedback.filter((id) => !ofPerson.feedback.has(id)).length;
    if (foreign > 0) {
      // No code is named: a record outside the lookup may be outside the administrator's units.
      throw new AppError("PERSONAL_DATA_RECORD_NOT_OF_PERSON", {
        params: { records: `${foreign} hồ sơ, phản ánh được chọn` },
      });
    }
    const locked: Record<PersonalDataRecord, RequestedRecord[]> = {
      dossier: await lockRequested(tx, "dossier", requested.dossier),
      feedback: await lockRequested(tx, "feedback", requested.feedback),
    };
    const open = [...locked.dossier, ...locked.feedback].filter((r) => !r.closed);
    if (open.length > 0) {
      throw new AppError("PERSONAL_DATA_RECORDS_OPEN", {
        params: { records: open.map((r) => r.code).join(", ") },
      });
    }
    const toDo = (record: PersonalDataRecord) =>
      locked[record].filter((r) => !r.anonymised).map((r) => r.id);
    const anonymised = {
      dossier: await anonymiseRequested(tx, "dossier", toDo("dossier")),
      feedback: await anonymiseRequested(tx, "feedback", toDo("feedback")),
    };
    const alreadyAnonymised = {
      dossier: locked.dossier.filter((r) => r.anonymised).length,
      feedback: locked.feedback.filter((r) => r.anonymised).length,
    };
    const codes = [...locked.dossier, ...locked.feedback]
      .filter((r) => !r.anonymised)
      .map((r) => r.code);
    // The reason is the administrator's text; it is kept without the person's name or numbers
    // (the name searched, and the names the chosen records hold).
    const names = new Set<string>(q.name === null ? [] : [q.name]);
    for (const d of found.dossiers)
      if (requested.dossier.includes(d.id)) names.add(d.applicantName);
    for (const f of found.feedback) if (requested.feedback.includes(f.id)) names.add(f.senderName);
    let reason = redactPersonalText(input.reason.trim(), {
      name: "",
      phone: q.phone,
      idNumber: q.idNumber,
    });
    for (const name of names) reason = redactPersonalText(reason, { name });
    await audit({
      action: "personal_data.anonymise_request",
      entityId: null,
      unitId: actor.grants.find((grant) => grant.role === "admin")?.unitId ?? null,
      summary: `Ẩn danh theo yêu cầu dữ liệu cá nhân theo ${found.query}: ${anonymised.dossier} hồ sơ, ${anonymised.feedback} phản ánh, kiến nghị${codes.length > 0 ? ` (${codes.join(", ")})` : ""}; lý do: ${reason}`,
    });
    return { query: found.query, anonymised, alreadyAnonymised, codes };
  });
}
