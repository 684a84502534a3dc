import type { TargetMetric } from "../../core/plan/target-metric.ts";
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

export type MetricMeasure = (context: MetricContext) => Promise<number | null>;

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
): Promise<number | null> {
  const measure = registry.get(metric as TargetMetric);
  return measure ? measure(context) : null;
}

registerMetric(
  "tasks_completed_rate",
  async ({ taskStatuses }) => rollUpProgress(taskStatuses).percent,
);
