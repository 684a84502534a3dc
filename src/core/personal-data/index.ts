export {
  ANONYMISED_DOSSIER,
  ANONYMISED_FEEDBACK,
  ANONYMISED_FIELDS,
  ANONYMISED_TEXT,
} from "./anonymise.ts";
export {
  PERSONAL_DATA_KIND_LABELS,
  PERSONAL_DATA_KINDS,
  PERSONAL_DATA_RECORDS,
  PERSONAL_DATA_VIEWS,
  PERSONAL_FIELDS,
  type PersonalDataKind,
  type PersonalDataRecord,
  type PersonalDataView,
  type PersonalField,
} from "./fields.ts";
export {
  digitsOf,
  maskAddress,
  maskEmailAddress,
  maskIdNumber,
  maskPersonalValue,
  maskPersonName,
  maskPhoneNumber,
} from "./mask.ts";
export {
  addYears,
  closedOnOrBefore,
  DEFAULT_RETENTION,
  dueFrom,
  isDue,
  MAX_RETENTION_YEARS,
  RetentionPolicyError,
  validRetentionPolicy,
  yearsFor,
  type RetentionPolicy,
} from "./retention.ts";
export {
  dossierPersonalData,
  feedbackPersonalData,
  type DossierPersonalData,
  type FeedbackPersonalData,
} from "./view.ts";
export {
  maskedLookupQuery,
  numbersMentioned,
  personLookupQuery,
  phoneTail,
  sameIdNumber,
  sameName,
  samePhone,
  type PersonLookupInput,
  type PersonLookupProblem,
  type PersonLookupQuery,
} from "./lookup.ts";
export {
  NAME_SEARCH_COVERAGES,
  nameSearchCoverage,
  personalSearchReach,
  personalSearchUnits,
  type NameSearchCoverage,
  type PersonalSearchReach,
  type PersonalSearchUnits,
} from "./search.ts";
export { personalTextView, redactPersonalText, type KnownPerson } from "./redact.ts";
