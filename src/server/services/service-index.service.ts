import { METRIC_INPUTS_NOT_MEASURED } from "../../core/kpi/metric-inputs.ts";
import { builtInMethodology } from "../../core/methodology/documents/index.ts";
import { scoreMethodology, type MethodologyScore } from "../../core/methodology/index.ts";
import type { Executor } from "../db/database.ts";
import { metricInputsFor } from "./kpi.service.ts";

export interface ServiceIndexResult {
  score: MethodologyScore;
  /** Indicators CCHC records no data for, with why: they follow their declared policy. */
  notMeasured: { code: string; reason: string }[];
}

/**
 * The QĐ 766 service index of a unit over a period, from live data: the KPI capability gathers
 * numerators and denominators by the portal's indicator codes, the shipped 766 document scores
 * them. Indicators without data are never invented; the document's policies decide.
 */
export async function serviceIndex766(
  exec: Executor,
  unitId: string,
  period: { from: string; to: string },
): Promise<ServiceIndexResult> {
  const document = builtInMethodology("766")!;
  const score = scoreMethodology(document, await metricInputsFor(exec, unitId, period));
  const notMeasured = Object.entries(METRIC_INPUTS_NOT_MEASURED).map(([code, reason]) => ({
    code,
    reason,
  }));
  return { score, notMeasured };
}
