import { buildQuery, request, requestData } from "./client.ts";
import type {
  ApiSuccess,
  Unit,
  UnitDetail,
  UnitDetailCan,
  UnitImportResult,
  UnitInput,
  UnitListCan,
  UnitListQuery,
} from "./types.ts";

export function listUnits(query: UnitListQuery = {}): Promise<ApiSuccess<Unit[], UnitListCan>> {
  return request<Unit[], UnitListCan>(`/api/units${buildQuery({ ...query })}`);
}

export function getUnit(id: string): Promise<ApiSuccess<UnitDetail, UnitDetailCan>> {
  return request<UnitDetail, UnitDetailCan>(`/api/units/${encodeURIComponent(id)}`);
}

export function createUnit(input: UnitInput): Promise<Unit> {
  return requestData<Unit>("/api/units", { method: "POST", body: input });
}

export function updateUnit(id: string, input: Partial<UnitInput>): Promise<Unit> {
  return requestData<Unit>(`/api/units/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: input,
  });
}

export function importUnits(file: File): Promise<UnitImportResult> {
  const form = new FormData();
  form.append("file", file);
  return requestData<UnitImportResult>("/api/units/import", { method: "POST", body: form });
}
