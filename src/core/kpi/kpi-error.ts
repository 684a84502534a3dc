import { RuleError } from "../errors.ts";

/** A rule of the KPI capability was broken; `code` maps to an API error code. */
export class KpiError extends RuleError<"KPI_PERIOD_INVALID"> {}
