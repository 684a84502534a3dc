/** A dossier import run: running until it finishes (done) or stops on an error (failed). */
export const DOSSIER_IMPORT_STATES = ["running", "done", "failed"] as const;
export type DossierImportState = (typeof DOSSIER_IMPORT_STATES)[number];
