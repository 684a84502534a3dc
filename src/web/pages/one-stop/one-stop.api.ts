import type { z } from "zod";
import { buildQuery, request, requestData } from "../../api/client.ts";
import type { DossierAction, DossierState } from "../../../core/dossier/dossier-state.ts";
import {
  caseKeys,
  listCases,
  type CaseQuery,
} from "../../components/case-register/case-register-api.ts";
import type {
  apologyBody,
  dossierDetailView,
  dossierUpdateBody,
  dossierView,
  procedureBody,
  procedurePatchBody,
  procedureView,
  receiveBody,
  registerBookStartBody,
  registerBookView,
  registerPrintView,
  transitionBody,
} from "../../../server/routes/one-stop.schemas.ts";

/**
 * Client of the one-stop desk API (`/api/dossiers`, `/api/procedures`, `/api/public/…`).
 * Request and response types are inferred from `server/routes/one-stop.schemas.ts` (type-only
 * imports, erased from the bundle).
 */

export type { DossierAction, DossierState };

export { ACTION_LABELS, STATE_LABELS } from "../../../core/dossier/dossier-state.ts";
export const ACTIONS_NEEDING_REASON: ReadonlySet<DossierAction> = new Set([
  "request_supplement",
  "refuse",
  "stop",
  "withdraw",
]);

export type Dossier = z.infer<typeof dossierView>;
export type DossierDetail = z.infer<typeof dossierDetailView>;
export type Procedure = z.infer<typeof procedureView>;
export type ProcedureInput = z.input<typeof procedureBody>;
export type ProcedurePatch = z.input<typeof procedurePatchBody>;
export type ReceiveInput = z.input<typeof receiveBody>;
export type TransitionInput = z.input<typeof transitionBody>;
export type ApologyInput = z.input<typeof apologyBody>;
export type RegisterBook = z.infer<typeof registerBookView>;
export type RegisterBookStartInput = z.input<typeof registerBookStartBody>;
export type DossierUpdate = z.input<typeof dossierUpdateBody>;

export type RegisterPrintOverview = z.infer<typeof registerPrintView>;

/** The printed register book's path for a unit and period (add `.docx` or `.pdf` and a part). */
export function registerPrintPath(unitId: string) {
  return `/api/one-stop/register-book/${encodeURIComponent(unitId)}/print`;
}

/** How the unit's register book of a period prints: its lines, books and parts. */
export function getRegisterPrint(unitId: string, from: string, to: string) {
  return requestData<RegisterPrintOverview>(
    `${registerPrintPath(unitId)}${buildQuery({ from, to })}`,
  );
}

/** Where the unit's register book of `year` stands (this year when left out). */
export function getRegisterBook(unitId: string, year?: number) {
  const query = year === undefined ? "" : `?year=${year}`;
  return requestData<RegisterBook>(
    `/api/one-stop/register-book/${encodeURIComponent(unitId)}${query}`,
  );
}

/** Sets where the unit's numbering of a year goes on from (only forward). */
export function setRegisterBookStart(unitId: string, input: RegisterBookStartInput) {
  return requestData<RegisterBook>(`/api/one-stop/register-book/${encodeURIComponent(unitId)}`, {
    method: "PUT",
    body: input,
  });
}

export interface DossierQuery extends CaseQuery {
  dueToday?: boolean;
  withoutApology?: boolean;
  /** Only the voided (wrongly imported) dossiers, left out otherwise. */
  voided?: boolean;
}

const dossierKeys = caseKeys("dossiers");

export const oneStopKeys = {
  dossiers: dossierKeys.all,
  dossierList: dossierKeys.list,
  dossier: dossierKeys.detail,
  procedures: ["procedures"] as const,
  procedureList: (query: object) => ["procedures", "list", query] as const,
  registerBook: (unitId: string, year: number | null) => ["register-book", unitId, year] as const,
};

export function listDossiers(query: DossierQuery) {
  return listCases<Dossier, { receive: boolean }>("/api/dossiers", query);
}

export function getDossier(id: string) {
  return requestData<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}`);
}

export function receiveDossier(input: ReceiveInput) {
  return requestData<DossierDetail>("/api/dossiers", { method: "POST", body: input });
}

/** `PATCH /api/dossiers/:id`: corrects the applicant's fields (the code does not change). */
export function updateDossier(id: string, input: DossierUpdate) {
  return requestData<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
  });
}

export function transitionDossier(id: string, input: TransitionInput) {
  return requestData<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}/transitions`, {
    method: "POST",
    body: input,
  });
}

export function issueApology(id: string, input: ApologyInput) {
  return requestData<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}/apologies`, {
    method: "POST",
    body: input,
  });
}

/** `POST /api/dossiers/:id/void`: an administrator voids a wrongly imported dossier. */
export function voidDossier(id: string, reason: string) {
  return requestData<DossierDetail>(`/api/dossiers/${encodeURIComponent(id)}/void`, {
    method: "POST",
    body: { reason },
  });
}

export function listProcedures(query: { unitId?: string; q?: string; includeInactive?: boolean }) {
  return request<Procedure[], { create: boolean; import: boolean }>(
    `/api/procedures${buildQuery({ ...query })}`,
  );
}

export function createProcedure(input: ProcedureInput) {
  return requestData<Procedure>("/api/procedures", { method: "POST", body: input });
}

/** `PATCH /api/procedures/:id`: the create body without the unit, every field optional. */
export function updateProcedure(id: string, input: ProcedurePatch) {
  return requestData<Procedure>(`/api/procedures/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
  });
}

export function importProcedures(unitId: string, file: File) {
  const form = new FormData();
  form.append("file", file);
  return requestData<{ created: number; updated: number; total: number }>(
    `/api/procedures/import${buildQuery({ unitId })}`,
    { method: "POST", body: form },
  );
}

export interface PublicDossier {
  code: string;
  unitName: string;
  procedureName: string;
  applicantName: string;
  applicantPhone: string;
  receivedOn: string;
  dueDate: string;
  /** The due date at receipt, before supplement requests moved it. */
  originalDueDate: string;
  /** The latest apology letter's new return date; null without one. */
  rescheduledDueDate: string | null;
  state: string;
  stateLabel: string;
  timelinessLabel: string | null;
  returnedOn: string | null;
}

export function lookupDossier(code: string, phoneLast4: string) {
  return requestData<PublicDossier>(
    `/api/public/dossiers/${encodeURIComponent(code.trim())}${buildQuery({ phoneLast4 })}`,
  );
}
