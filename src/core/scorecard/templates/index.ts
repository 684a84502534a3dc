/**
 * Default methodologies a province starts from, as documents (JSON beside this file): the
 * commune-level PAR Index with the eight standard areas. Maxima are suggestions; each province
 * edits them (a new version of the document) before publishing.
 */
import { METRIC_INPUT_SOURCES, METRIC_INPUTS_NOT_MEASURED } from "../../kpi/metric-inputs.ts";
import { parseMethodologyDocument } from "../../methodology/methodology-document.ts";
import type { MethodologyDocument } from "../../methodology/scoring-types.ts";
import { KPI_BY_CODE } from "../../kpi/catalogue.ts";
import serviceIndex766 from "../../methodology/documents/service-index-766.json" with { type: "json" };
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

/** Where a known metric's figures come from. */
export type MetricOrigin = "kpi" | "manual" | "scorecard";

export interface MetricOption {
  code: string;
  /** Vietnamese name: the KPI's, the 766 indicator's, or the scorecard metric's. */
  label: string;
  origin: MetricOrigin;
}

interface RawNode {
  code: string;
  name: string;
  children?: RawNode[];
}

function namesOf(nodes: readonly RawNode[], into = new Map<string, string>()) {
  for (const node of nodes) {
    into.set(node.code, node.name);
    if (node.children) namesOf(node.children, into);
  }
  return into;
}

/**
 * The metrics of KNOWN_METRIC_CODES with their names, for the rule editor's choice of the metric a
 * leaf binds to (the same catalogue the import checks against).
 */
export function metricOptions(): MetricOption[] {
  const names766 = namesOf(serviceIndex766.nodes as RawNode[]);
  return [
    ...Object.entries(METRIC_INPUT_SOURCES).map(([code, kpi]) => ({
      code,
      label: KPI_BY_CODE.get(kpi)?.name ?? names766.get(code) ?? code,
      origin: "kpi" as const,
    })),
    ...Object.keys(METRIC_INPUTS_NOT_MEASURED).map((code) => ({
      code,
      label: names766.get(code) ?? code,
      origin: "manual" as const,
    })),
    ...Object.entries(SCORECARD_METRICS).map(([code, label]) => ({
      code,
      label,
      origin: "scorecard" as const,
    })),
  ];
}
