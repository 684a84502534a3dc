import type { ImportedDossier } from "../../core/dossier/import/index.ts";
import type { CopyBuffer } from "./copy-text.ts";

/*
 * Imported dossiers as COPY text for the dossiers table. Kept apart from the repository so the
 * import's parser thread can build batches without loading Drizzle or a database driver.
 */

export const DOSSIER_COPY_COLUMNS = [
  "code",
  "unit_id",
  "procedure_id",
  "applicant_name",
  "applicant_phone",
  "applicant_address",
  "channel",
  "received_at",
  "counted_from",
  "due_date",
  "original_due_date",
  "state",
  "finished_at",
  "returned_at",
  "supplement_count",
  "reason",
  "digitised",
  "electronic_result",
  "online_payment",
  "rule_set",
  "import_id",
] as const;

/** Adds one imported dossier to a COPY batch (the columns of DOSSIER_COPY_COLUMNS, in order). */
export function addDossierToCopy(
  batch: CopyBuffer,
  dossier: ImportedDossier,
  unitId: string,
  procedureId: string,
  importId: string,
) {
  batch.add([
    dossier.code,
    unitId,
    procedureId,
    dossier.applicantName,
    dossier.applicantPhone,
    dossier.applicantAddress,
    dossier.channel,
    dossier.receivedAt,
    dossier.receivedOn,
    dossier.dueDate,
    dossier.dueDate,
    dossier.state,
    dossier.finishedAt,
    dossier.returnedAt,
    dossier.supplementCount,
    dossier.reason,
    dossier.digitised,
    dossier.electronicResult,
    dossier.onlinePayment,
    dossier.ruleSet,
    importId,
  ]);
}
