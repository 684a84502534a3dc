import type { TargetMetric } from "../../core/plan/target-metric.ts";
import { ratioPercent } from "../../core/text/number-format.ts";
import {
  countDossiers,
  type DossierCounts,
} from "../db/repositories/dossier-metrics.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { registerMetric, type MetricContext } from "./target-metrics.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";

/**
 * One-stop metrics for plan targets, measured over the dossiers received by the plan's unit and
 * the units under it during the plan period. A zero denominator gives no value ("không phát sinh").
 */
/** The plan's unit, the units under it, and the merged-away units whose records count for it. */
async function unitsCounting(context: MetricContext): Promise<string[]> {
  const tree = await loadUnitTree(context.exec);
  return tree.unitsCountingFor(context.plan.unitId, {
    from: context.plan.periodStart,
    to: context.plan.periodEnd,
  });
}

const cache = new WeakMap<MetricContext, Promise<DossierCounts>>();
function counts(context: MetricContext) {
  let pending = cache.get(context);
  if (!pending) {
    pending = unitsCounting(context).then((unitIds) =>
      countDossiers(
        context.exec,
        unitIds,
        context.plan.periodStart,
        context.plan.periodEnd,
        vietnamDate(new Date()),
      ),
    );
    cache.set(context, pending);
  }
  return pending;
}

const RATIOS: [TargetMetric, (c: DossierCounts) => [number, number]][] = [
  ["on_time_rate", (c) => [c.onTime, c.finished]],
  ["late_apology_rate", (c) => [c.lateWithApology, c.late]],
  ["online_dossier_rate", (c) => [c.online, c.received]],
  ["digitized_dossier_rate", (c) => [c.digitised, c.received]],
  ["digitized_result_rate", (c) => [c.electronicResult, c.finished]],
  ["online_payment_rate", (c) => [c.onlinePayment, c.received]],
];

export function registerDossierMetrics() {
  for (const [metric, ratio] of RATIOS) {
    registerMetric(metric, async (context) => {
      const [numerator, denominator] = ratio(await counts(context));
      return ratioPercent(numerator, denominator);
    });
  }
}
