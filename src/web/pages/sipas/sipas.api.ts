import type { z } from "zod";
import { buildQuery, request, requestData } from "../../api/client.ts";
import type {
  indicesView,
  paperResponseInput,
  publicResponseInput,
  questionnaireView,
  trendView,
} from "../../../server/routes/sipas.schemas.ts";

/**
 * Client of `/api/sipas` (signed in) and `/api/public/sipas` (no login). Types are inferred from
 * the server's schemas (type-only imports, erased from the bundle).
 */
export type QuestionnaireView = z.infer<typeof questionnaireView>;
export type SipasIndicesView = z.infer<typeof indicesView>;
export type SipasTrendView = z.infer<typeof trendView>;
export type PublicResponseInput = z.input<typeof publicResponseInput>;
export type PaperResponseInput = z.input<typeof paperResponseInput>;
export type AnswerMap = Record<string, number | null>;

export interface PublicQuestionnaire {
  unit: { code: string; name: string };
  fields: string[];
  questionnaire: QuestionnaireView;
}

export interface IndexFilter {
  unitId: string;
  from: string;
  to: string;
  fieldGroup?: string;
  includeSubunits?: boolean;
}

export const sipasKeys = {
  all: ["sipas"] as const,
  indices: (filter: IndexFilter) => ["sipas", "indices", filter] as const,
  trend: (filter: IndexFilter) => ["sipas", "trend", filter] as const,
  questionnaire: ["sipas", "questionnaire"] as const,
  qr: (unitId: string) => ["sipas", "qr", unitId] as const,
  public: (unitCode: string, mode: string) => ["sipas", "public", unitCode, mode] as const,
};

export function getPublicQuestionnaire(unitCode: string, mode: "phone" | "kiosk") {
  return requestData<PublicQuestionnaire>(
    `/api/public/sipas/questionnaire${buildQuery({ unitCode, mode })}`,
  );
}

export function submitPublicResponse(input: PublicResponseInput) {
  return requestData<{ unitName: string; answeredOn: string; dossierCode: string | null }>(
    "/api/public/sipas/responses",
    { method: "POST", body: input },
  );
}

export function getQuestionnaire() {
  return requestData<QuestionnaireView>("/api/sipas/questionnaire");
}

export function enterPaperResponse(unitId: string, input: PaperResponseInput) {
  return requestData<{ id: string; answeredOn: string }>(
    `/api/sipas/responses${buildQuery({ unitId })}`,
    { method: "POST", body: input },
  );
}

export function getIndices(filter: IndexFilter) {
  return request<SipasIndicesView, { enterPaper: boolean }>(
    `/api/sipas/indices${buildQuery({ ...filter })}`,
  );
}

export function getTrend(filter: IndexFilter & { granularity: "month" | "quarter" }) {
  return requestData<SipasTrendView>(`/api/sipas/trend${buildQuery({ ...filter })}`);
}

export function getQrTargets(unitId: string) {
  return requestData<{ unitCode: string; unitName: string; fields: string[] }>(
    `/api/sipas/qr-targets${buildQuery({ unitId })}`,
  );
}
