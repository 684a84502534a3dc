import { buildQuery, requestData } from "../../../api/client.ts";
import type { ColumnMapping, ImportField } from "../../../../core/dossier/import/import-fields.ts";
import type { DossierImportView } from "../../../../server/services/dossier-import.service.ts";

/** Client of `/api/dossier-imports` (types from the server, type-only imports). */

export type { ColumnMapping, ImportField };
export type DossierImportRun = DossierImportView;

export { dossierImportPath } from "./dossier-import-paths.ts";

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  fileBytes: number;
  kind: "csv" | "xlsx";
  source: string;
  savedMapping: boolean;
  headers: string[];
  fields: { field: ImportField; label: string; required: boolean }[];
  mapping: ColumnMapping;
  unmapped: string[];
  problems: { row?: number; path?: string; message: string }[];
  rows: {
    row: number;
    cells: string[];
    ok: boolean;
    dossier: { code: string; receivedAt: string; dueDate: string; state: string } | null;
    errors: string[];
  }[];
  errors: { row: number; column: string | null; value: string; message: string }[];
  sampledRows: number;
  invalidRows: number;
}

export function previewUpload(file: File, unitId: string, source: string) {
  const form = new FormData();
  form.append("unitId", unitId);
  form.append("source", source);
  form.append("file", file, file.name);
  return requestData<ImportPreview>("/api/dossier-imports/preview", {
    method: "POST",
    body: form,
  });
}

export function previewAgain(input: {
  uploadId: string;
  unitId: string;
  source: string;
  mapping: ColumnMapping;
}) {
  return requestData<ImportPreview>("/api/dossier-imports/preview", {
    method: "POST",
    body: input,
  });
}

export function startImport(input: {
  uploadId: string;
  unitId: string;
  source: string;
  mapping: ColumnMapping;
}) {
  return requestData<DossierImportRun>("/api/dossier-imports", { method: "POST", body: input });
}

export function getImport(id: string) {
  return requestData<DossierImportRun>(`/api/dossier-imports/${encodeURIComponent(id)}`);
}

export function listImports(unitId: string) {
  return requestData<DossierImportRun[]>(`/api/dossier-imports${buildQuery({ unitId })}`);
}

/** `POST /api/dossier-imports/:id/void`: an administrator voids every dossier the run created. */
export function voidImport(id: string, reason: string) {
  return requestData<{ voidedCount: number }>(
    `/api/dossier-imports/${encodeURIComponent(id)}/void`,
    { method: "POST", body: { reason } },
  );
}

export const errorsCsvUrl = (id: string) =>
  `/api/dossier-imports/${encodeURIComponent(id)}/errors.csv`;
