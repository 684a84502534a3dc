import type { TargetMetric } from "../../core/plan/target-metric.ts";
import type { SurveySample } from "../../core/sipas/index.ts";
import type { TaskStatus } from "../../core/plan/task-status.ts";
import { rollUpProgress } from "../../core/plan/progress-rollup.ts";
import type { Executor } from "../db/database.ts";

/**
 * The metric registry: capabilities that own data (tasks now; dossiers, feedback, surveys as they
 * land) register how to measure a target metric for a plan. A metric without a measure is
 * entered by hand with evidence.
 */
export interface MetricContext {
  exec: Executor;
  plan: { id: string; unitId: string; periodStart: string; periodEnd: string };
  taskStatuses: TaskStatus[];
}

/** A measured value, with the survey sample behind it for metrics measured from surveys. */
export interface MetricMeasurement {
  value: number | null;
  sample: SurveySample | null;
}

export type MetricMeasure = (context: MetricContext) => Promise<number | null | MetricMeasurement>;

const registry = new Map<TargetMetric, MetricMeasure>();

export function registerMetric(metric: TargetMetric, measure: MetricMeasure) {
  registry.set(metric, measure);
}

export function isMeasuredAutomatically(metric: string): boolean {
  return registry.has(metric as TargetMetric);
}

export async function measureMetric(
  metric: string,
  context: MetricContext,
): Promise<MetricMeasurement> {
  const measure = registry.get(metric as TargetMetric);
  const measured = measure ? await measure(context) : null;
  return typeof measured === "number" || measured === null
    ? { value: measured, sample: null }
    : measured;
}

registerMetric(
  "tasks_completed_rate",
  async ({ taskStatuses }) => rollUpProgress(taskStatuses).percent,
);
