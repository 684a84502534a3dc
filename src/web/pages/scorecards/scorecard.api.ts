import type { z } from "zod";
import { request, requestData } from "../../api/client.ts";
import type {
  appraisalInput,
  evidenceLinkedResponse,
  leafSavedResponse,
  scorecardDetailResponse,
  scorecardForecastView,
  scorecardListResponse,
  scorecardOpenResponse,
  scorecardRankingResponse,
  scorecardTransitionResponse,
  selfEntryInput,
  transitionInput,
  uploadedEvidenceResponse,
} from "../../../server/routes/scorecard.schemas.ts";

/**
 * Client of `/api/scorecards`. Every type is inferred from the server's response and input
 * schemas (src/server/routes/scorecard.schemas.ts; type-only imports, erased from the bundle).
 */
export type ScorecardList = z.infer<typeof scorecardListResponse>;
export type ScorecardView = z.infer<typeof scorecardDetailResponse>;
export type ScorecardDetail = ScorecardView["data"];
export type ScorecardCan = ScorecardView["can"];
export type ScorecardNode = ScorecardDetail["nodes"][number];
export type ScorecardForecast = z.infer<typeof scorecardForecastView>;
export type ScorecardRanking = z.infer<typeof scorecardRankingResponse>["data"];
export type ScorecardAction = z.input<typeof transitionInput>["action"];
type Data<S extends z.ZodType<{ data: unknown }>> = z.infer<S>["data"];

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
  return requestData<Data<typeof scorecardOpenResponse>>("/api/scorecards", {
    method: "POST",
    body: { unitId, year },
  });
}

export function getScorecardView(id: string) {
  return request<ScorecardDetail, ScorecardCan>(at(id));
}

export function saveSelfEntry(id: string, leafCode: string, body: z.input<typeof selfEntryInput>) {
  return requestData<Data<typeof leafSavedResponse>>(
    `${at(id)}/entries/${encodeURIComponent(leafCode)}`,
    {
      method: "PUT",
      body,
    },
  );
}

export function saveAppraisal(id: string, leafCode: string, body: z.input<typeof appraisalInput>) {
  return requestData<Data<typeof leafSavedResponse>>(
    `${at(id)}/appraisals/${encodeURIComponent(leafCode)}`,
    {
      method: "PUT",
      body,
    },
  );
}

export function linkEvidence(id: string, leafCodes: string[], evidenceIds: string[]) {
  return requestData<Data<typeof evidenceLinkedResponse>>(`${at(id)}/evidence`, {
    method: "POST",
    body: { leafCodes, evidenceIds },
  });
}

export function transition(id: string, action: ScorecardAction, note?: string) {
  const body: z.input<typeof transitionInput> = { action, note };
  return requestData<Data<typeof scorecardTransitionResponse>>(`${at(id)}/transitions`, {
    method: "POST",
    body,
  });
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
/** An evidence file of a leaf (readable by the scorecard's readers). */
export const evidenceDownloadUrl = (evidenceId: string) =>
  `/api/evidence/${encodeURIComponent(evidenceId)}/download`;

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
  return requestData<Data<typeof uploadedEvidenceResponse>>(`${at(id)}/evidence/upload`, {
    method: "POST",
    body: form,
  });
}
