/**
 * Default methodologies a province starts from, as documents (JSON beside this file): the
 * commune-level PAR Index with the eight standard areas. Maxima are suggestions; each province
 * edits them (a new version of the document) before publishing.
 */
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
