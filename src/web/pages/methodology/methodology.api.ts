import type { z } from "zod";
import { request, requestData } from "../../api/client.ts";
import type {
  createMethodologyInput,
  criterionRowInput,
  methodologyCreatedView,
  methodologyDetailView,
  methodologyIssueView,
  methodologyListCan,
  methodologySummaryView,
} from "../../../server/routes/methodology.schemas.ts";

/**
 * Client of `/api/methodologies`: methodology drafts (PAR criteria sets). Types are inferred from
 * the server's schemas (type-only imports, erased from the bundle).
 */
export type MethodologySummary = z.infer<typeof methodologySummaryView>;
export type MethodologyDetail = z.infer<typeof methodologyDetailView>;
export type MethodologyCriterion = MethodologyDetail["criteria"][number];
export type MethodologyIssue = z.infer<typeof methodologyIssueView>;
export type MethodologyCreated = z.infer<typeof methodologyCreatedView>;
export type CreateMethodologyInput = z.input<typeof createMethodologyInput>;
export type CriterionRow = z.input<typeof criterionRowInput>;

export const methodologyKeys = {
  all: ["methodologies"] as const,
  list: ["methodologies", "list"] as const,
  detail: (id: string) => ["methodologies", "detail", id] as const,
};

export function listMethodologies() {
  return request<MethodologySummary[], z.infer<typeof methodologyListCan>>("/api/methodologies");
}

export function getMethodology(id: string) {
  return requestData<MethodologyDetail>(`/api/methodologies/${encodeURIComponent(id)}`);
}

export function createMethodology(input: CreateMethodologyInput) {
  return requestData<MethodologyCreated>("/api/methodologies", { method: "POST", body: input });
}
