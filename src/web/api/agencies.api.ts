import { buildQuery, request, requestData } from "./client.ts";
import type { Agency, AgencyCreateInput, AgencyUpdateInput, ApiSuccess } from "./types.ts";

export function listAgencies(unitId: string): Promise<ApiSuccess<Agency[], { create: boolean }>> {
  return request<Agency[], { create: boolean }>(`/api/agencies${buildQuery({ unitId })}`);
}

export function createAgency(input: AgencyCreateInput): Promise<Agency> {
  return requestData<Agency>("/api/agencies", { method: "POST", body: input });
}

export function updateAgency(id: string, input: AgencyUpdateInput): Promise<Agency> {
  return requestData<Agency>(`/api/agencies/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
  });
}
