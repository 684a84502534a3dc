import { KPI_BY_CODE, type KpiCode, type KpiCounts } from "../../core/kpi/index.ts";
import type { TargetMetric } from "../../core/plan/target-metric.ts";
import { ratioPercent } from "../../core/text/number-format.ts";
import { kpiCountsOf, periodUpToToday } from "./kpi.service.ts";
import { serviceIndex766 } from "./service-index.service.ts";
import { registerMetric, type MetricContext } from "./target-metrics.ts";

/**
 * One-stop and feedback metrics of plan targets, measured by the KPI capability over the plan's
 * unit (the units under it and the merged-away units counting for it) and the plan period cut at
 * today (open dossiers are judged as they stand now). A zero denominator gives no value
 * ("không phát sinh"); a period not begun yet has none either.
 */
const TARGET_KPIS: [TargetMetric, KpiCode][] = [
  ["on_time_rate", "on_time_rate"],
  ["late_apology_rate", "late_apology_rate"],
  ["online_dossier_rate", "online_dossier_rate"],
  ["full_online_rate", "full_online_rate"],
  ["digitized_result_rate", "digitized_result_rate"],
  ["digitized_dossier_rate", "digitized_dossier_rate"],
  ["online_payment_rate", "online_payment_rate"],
  ["feedback_on_time_rate", "feedback_on_time_rate"],
];

const cache = new WeakMap<MetricContext, Promise<KpiCounts | null>>();
function counts(context: MetricContext): Promise<KpiCounts | null> {
  let pending = cache.get(context);
  if (!pending) {
    const period = periodUpToToday(context.plan.periodStart, context.plan.periodEnd);
    pending = period
      ? kpiCountsOf(context.exec, context.plan.unitId, period)
      : Promise.resolve(null);
    cache.set(context, pending);
  }
  return pending;
}

export function registerDossierMetrics() {
  for (const [metric, code] of TARGET_KPIS) {
    const kpi = KPI_BY_CODE.get(code)!;
    registerMetric(metric, async (context) => {
      const measured = await counts(context);
      if (!measured) return null;
      const [numerator, denominator] = kpi.compute(measured);
      return ratioPercent(numerator, denominator);
    });
  }
  // The 766 index of the plan's unit over the plan period so far: points out of 100.
  registerMetric("service_index_766", async (context) => {
    const period = periodUpToToday(context.plan.periodStart, context.plan.periodEnd);
    if (!period) return null;
    const { score } = await serviceIndex766(context.exec, context.plan.unitId, period);
    return score.band === null ? null : score.total;
  });
}
