import {
  SATISFACTION_TARGET_METRICS,
  satisfactionTargetMeasurement,
  satisfactionTargetSelection,
  type SatisfactionTargetMeasurement,
} from "../../core/sipas/index.ts";
import { periodUpToToday } from "./kpi.service.ts";
import { sipasSatisfaction } from "./sipas.service.ts";
import { registerMetric, type MetricContext } from "./target-metrics.ts";

/**
 * Satisfaction targets of plans, measured from SIPAS responses by the rule in
 * core/sipas/satisfaction-target.ts: the overall index of the plan's unit and the units counting
 * for it, over the plan period cut at today. Each metric is counted once per plan view, however
 * many targets share it. The value carries its sample, so a plan warns where it is too small.
 */
const cache = new WeakMap<
  MetricContext,
  Map<string, Promise<SatisfactionTargetMeasurement | null>>
>();

function measured(
  context: MetricContext,
  metric: string,
): Promise<SatisfactionTargetMeasurement | null> {
  let byMetric = cache.get(context);
  if (!byMetric) {
    byMetric = new Map();
    cache.set(context, byMetric);
  }
  let pending = byMetric.get(metric);
  if (!pending) {
    pending = measure(context, metric);
    byMetric.set(metric, pending);
  }
  return pending;
}

async function measure(
  context: MetricContext,
  metric: string,
): Promise<SatisfactionTargetMeasurement | null> {
  const selection = satisfactionTargetSelection(metric);
  const period = periodUpToToday(context.plan.periodStart, context.plan.periodEnd);
  if (!selection || !period) return null;
  const figure = await sipasSatisfaction(context.exec, {
    unitId: context.plan.unitId,
    from: period.from,
    to: period.to,
    includeSubunits: true,
    fieldGroups: selection.fieldGroups,
  });
  return satisfactionTargetMeasurement(figure, figure.respondents, figure.minSample);
}

export function registerSipasMetrics() {
  for (const metric of SATISFACTION_TARGET_METRICS) {
    registerMetric(metric, (context) => measured(context, metric));
  }
}
