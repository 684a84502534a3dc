import type { z } from "zod";
import type {
  anonymiseRequestBody,
  anonymiseRequestView,
  personDataView,
  personLookupBody,
  retentionRunView,
  retentionStatusView,
} from "../../server/routes/personal-data.routes.ts";
import { downloadPosted, requestData } from "./client.ts";

/** The server's response schemas are the contract: the web's types come from them. */
export type RetentionStatus = z.infer<typeof retentionStatusView>;
export type RetentionRun = z.infer<typeof retentionRunView>;
export type PersonData = z.infer<typeof personDataView>;
export type PersonLookup = z.infer<typeof personLookupBody>;
export type AnonymiseRequest = z.input<typeof anonymiseRequestBody>;
export type AnonymiseResult = z.infer<typeof anonymiseRequestView>;

export function getRetentionStatus(): Promise<RetentionStatus> {
  return requestData<RetentionStatus>("/api/admin/personal-data/retention");
}

export function runRetentionNow(): Promise<RetentionRun> {
  return requestData<RetentionRun>("/api/admin/personal-data/retention/run", {
    method: "POST",
    body: {},
  });
}

export function lookUpPerson(query: PersonLookup): Promise<PersonData> {
  return requestData<PersonData>("/api/admin/personal-data/lookup", {
    method: "POST",
    body: query,
  });
}

/** Anonymises the records a lookup showed, on the person's request (all or none). */
export function anonymisePerson(request: AnonymiseRequest): Promise<AnonymiseResult> {
  return requestData<AnonymiseResult>("/api/admin/personal-data/anonymise", {
    method: "POST",
    body: request,
  });
}

/** Sends the query to `POST …/export.xlsx` and saves the workbook it answers. */
export function downloadPersonData(query: PersonLookup): Promise<void> {
  return downloadPosted("/api/admin/personal-data/export.xlsx", query, "du-lieu-ca-nhan.xlsx");
}
