export { importPlan, readPlanSource, sourceKindOf } from "./read-plan-source.ts";
export { PlanImportFileError, PLAN_IMPORT_ERRORS } from "./plan-import-errors.ts";
export type { PlanImportErrorCode } from "./plan-import-errors.ts";
