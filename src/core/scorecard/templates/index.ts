/**
 * Default methodologies a province starts from, as documents (JSON beside this file): the
 * commune-level PAR Index with the eight standard areas. Maxima are suggestions; each province
 * edits them (a new version of the document) before publishing.
 */
import { METRIC_INPUT_SOURCES, METRIC_INPUTS_NOT_MEASURED } from "../../kpi/metric-inputs.ts";
import { parseMethodologyDocument } from "../../methodology/methodology-document.ts";
import type { MethodologyDocument } from "../../methodology/scoring-types.ts";
import parIndexCommune from "./par-index-commune.json" with { type: "json" };

export function parIndexCommuneTemplate(): MethodologyDocument {
  return parseMethodologyDocument(parIndexCommune);
}

/** Metrics a scorecard reads live, beside the KPI ones: SIPAS and the year's plan tasks. */
export const SCORECARD_METRICS = {
  SIPAS_SATISFACTION: "Tỷ lệ hài lòng chung (SIPAS) của năm",
  PLAN_TASKS_DONE: "Nhiệm vụ của kế hoạch CCHC năm đã hoàn thành",
} as const;

/**
 * Every metric code a methodology's leaf may be bound to: the portal indicators fed by the KPI
 * capability, those CCHC knows but does not measure (entered by hand), and the scorecard's own.
 * A leaf bound to any other code would never score itself: the import refuses it.
 */
export const KNOWN_METRIC_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(METRIC_INPUT_SOURCES),
  ...Object.keys(METRIC_INPUTS_NOT_MEASURED),
  ...Object.keys(SCORECARD_METRICS),
]);
