import type { z } from "zod";
import type { MethodologyDocument } from "../../../core/methodology/index.ts";
import { ApiError, request, requestData } from "../../api/client.ts";
import { vi } from "../../i18n/vi.ts";
import type {
  createMethodologyInput,
  importMethodologyDocumentInput,
  methodologyImportedView,
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
export type ImportMethodologyDocumentInput = z.input<typeof importMethodologyDocumentInput>;
export type MethodologyImported = z.infer<typeof methodologyImportedView>;

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

/** Saves a scoring document as a new version of the unit's methodology. */
export function importMethodologyDocument(input: ImportMethodologyDocumentInput) {
  return requestData<MethodologyImported>("/api/methodologies/import", {
    method: "POST",
    body: input,
  });
}

/**
 * The methodology's scoring document (the export route answers with the document itself, not an
 * envelope); METHODOLOGY_NO_DOCUMENT for a criteria draft.
 */
export async function getMethodologyDocument(id: string): Promise<MethodologyDocument> {
  let response: Response;
  try {
    response = await fetch(`/api/methodologies/${encodeURIComponent(id)}/document`, {
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", vi.errors.network);
  }
  const json = (await response.json().catch(() => undefined)) as
    { error?: { code: string; message: string } } | undefined;
  if (!response.ok || json === undefined) {
    const error = json?.error;
    throw error
      ? new ApiError(response.status, error.code, error.message)
      : new ApiError(response.status, "HTTP_ERROR", vi.errors.unexpected(response.status));
  }
  return json as MethodologyDocument;
}
