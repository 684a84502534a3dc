import { request, requestData } from "../../api/client.ts";
import type {
  getScorecard,
  listScorecards,
  scorecardForecast,
  scorecardRanking,
} from "../../../server/services/scorecard.service.ts";

/**
 * Client of `/api/scorecards`. The routes answer loose envelopes; the views are typed from the
 * services' return types (type-only imports, erased from the bundle).
 */
type Envelope<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type ScorecardList = Envelope<typeof listScorecards>;
export type ScorecardView = Envelope<typeof getScorecard>;
export type ScorecardDetail = ScorecardView["data"];
export type ScorecardCan = ScorecardView["can"];
export type ScorecardNode = ScorecardDetail["nodes"][number];
export type ScorecardForecast = Envelope<typeof scorecardForecast>["data"];
export type ScorecardRanking = Envelope<typeof scorecardRanking>["data"];

export const scorecardKeys = {
  all: ["scorecards"] as const,
  list: (unitId: string) => ["scorecards", "list", unitId] as const,
  detail: (id: string) => ["scorecards", "detail", id] as const,
  forecast: (id: string, asOf: string) => ["scorecards", "forecast", id, asOf] as const,
  ranking: (unitId: string, year: number) => ["scorecards", "ranking", unitId, year] as const,
};

const at = (id: string) => `/api/scorecards/${encodeURIComponent(id)}`;

/** The unit's scorecards, with the server's `today` and `currentYear`. */
export async function listScorecardsOf(unitId: string): Promise<ScorecardList> {
  const body = await request<ScorecardList["data"], ScorecardList["can"]>(
    `/api/scorecards?unitId=${encodeURIComponent(unitId)}`,
  );
  return body as unknown as ScorecardList;
}

export function openScorecard(unitId: string, year: number) {
  return requestData<{ id: string; created: boolean }>("/api/scorecards", {
    method: "POST",
    body: { unitId, year },
  });
}

export function getScorecardView(id: string) {
  return request<ScorecardDetail, ScorecardCan>(at(id));
}

export function saveSelfEntry(
  id: string,
  leafCode: string,
  body: {
    selfPoints: number | null;
    notApplicable: boolean;
    explanation?: string | null;
    overrideReason?: string | null;
  },
) {
  return requestData(`${at(id)}/entries/${encodeURIComponent(leafCode)}`, {
    method: "PUT",
    body,
  });
}

export function saveAppraisal(
  id: string,
  leafCode: string,
  body: { appraisedPoints: number | null; appraisedNotApplicable: boolean; note?: string | null },
) {
  return requestData(`${at(id)}/appraisals/${encodeURIComponent(leafCode)}`, {
    method: "PUT",
    body,
  });
}

export function linkEvidence(id: string, leafCodes: string[], evidenceIds: string[]) {
  return requestData(`${at(id)}/evidence`, { method: "POST", body: { leafCodes, evidenceIds } });
}

export function transition(id: string, action: string, note?: string) {
  return requestData(`${at(id)}/transitions`, { method: "POST", body: { action, note } });
}

export function getForecast(id: string, asOf: string) {
  return requestData<ScorecardForecast>(`${at(id)}/forecast?asOf=${asOf}`);
}

export function getRanking(unitId: string, year: number) {
  return requestData<ScorecardRanking>(
    `/api/scorecards/ranking?unitId=${encodeURIComponent(unitId)}&year=${year}`,
  );
}

export const scorecardExcelUrl = (id: string) => `${at(id)}/scorecard.xlsx`;
export const scorecardWordUrl = (id: string) => `${at(id)}/scorecard.docx`;

/** Uploads a new evidence file of the unit straight to one or more leaves. */
export function uploadScorecardEvidence(
  id: string,
  leafCodes: string[],
  input: { file: File; documentNumber?: string | null },
) {
  const form = new FormData();
  form.append("leafCodes", leafCodes.join(","));
  if (input.documentNumber) form.append("documentNumber", input.documentNumber);
  form.append("file", input.file, input.file.name);
  return requestData<{ id: string; fileName: string }>(`${at(id)}/evidence/upload`, {
    method: "POST",
    body: form,
  });
}
