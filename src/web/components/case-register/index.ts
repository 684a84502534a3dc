export { viCaseRegister } from "./case-labels.ts";
export { CaseFact } from "./case-fact.tsx";
export { CaseActions, CaseDetailFrame, CaseStateBadges, caseDetailPage } from "./case-detail.tsx";
export {
  CaseMomentField,
  useCaseEntered,
  useReceivedAtField,
  useStepMoment,
} from "./case-moment-field.tsx";
export { CaseHistory, type CaseHistoryEvent } from "./case-history.tsx";
export { CasePublicPage } from "./case-public-page.tsx";
export {
  CaseLookupResult,
  CasePublicLookup,
  type CaseLookupLabels,
} from "./case-public-lookup.tsx";
export {
  CaseRegisterFilters,
  useCaseRegisterFilters,
  type CaseFilterCheck,
  type CaseFilterLabels,
  type CaseFilterState,
  type CaseFilterValues,
} from "./case-register-filters.tsx";
export {
  CaseRegisterPage,
  useCaseRegister,
  type CaseRegisterLabels,
  type CaseRegisterLink,
} from "./case-register-page.tsx";
export {
  CaseRegisterTable,
  subjectColumn,
  type CaseColumn,
  type CaseListItem,
} from "./case-register-table.tsx";
export { CaseTimelinessBadge, timelinessColor, type CaseTimeliness } from "./case-timeliness.tsx";
export { CaseUnitFilter, readsManyUnits, unitColumn } from "./case-unit-filter.tsx";
export { CaseFacts } from "./case-facts.tsx";
export {
  CaseIdNumberField,
  CasePersonFields,
  caseIdNumberRule,
  casePersonRules,
  type CasePersonKeys,
} from "./case-person-fields.tsx";
