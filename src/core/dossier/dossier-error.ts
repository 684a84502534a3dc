import { RuleError } from "../errors.ts";

export type DossierErrorCode =
  | "DOSSIER_CODE_INVALID"
  | "DOSSIER_AGENCY_CODE_INVALID"
  | "DOSSIER_SEQUENCE_EXHAUSTED"
  | "DOSSIER_TRANSITION_INVALID"
  | "DOSSIER_RULE_NOT_IN_FORCE"
  | "DOSSIER_DOCUMENTS_INVALID"
  | "DOSSIER_DOCUMENTS_INCOMPLETE"
  | "DOSSIER_APPLICANT_ID_INVALID"
  | "DOSSIER_APPLICANT_KIND_INVALID"
  | "REGISTER_BOOK_YEAR_INVALID"
  | "REGISTER_BOOK_BACKWARDS"
  | "REGISTER_BOOK_START_INVALID";

/** A one-stop rule violation, with a stable code and a Vietnamese message for the user. */
export class DossierError extends RuleError<DossierErrorCode> {}
