export {
  IMPORT_FIELDS,
  IMPORT_FIELD_LABELS,
  REQUIRED_IMPORT_FIELDS,
  fieldOfHeader,
  headerKey,
  resolveMapping,
  type ColumnIndexes,
  type ColumnMapping,
  type ImportField,
  type MappingProblem,
  type ResolvedMapping,
} from "./import-fields.ts";
export {
  compareMoments,
  momentToTimestamp,
  parseChannel,
  parseFlag,
  parseLocalMoment,
  parseState,
  type ImportCell,
  type ImportChannel,
  type LocalMoment,
} from "./import-values.ts";
export { DuplicateCodes, parseFileRow } from "./duplicate-codes.ts";
export {
  duplicateCodeError,
  parseImportRow,
  type ImportRowError,
  type ImportRowResult,
  type ImportedDossier,
  type RowContext,
} from "./import-row.ts";
export { DOSSIER_IMPORT_STATES, type DossierImportState } from "./import-states.ts";
