import { instantOfVietnamLocal, vietnamLocal } from "../../core/dossier/index.ts";
import { feedbackOnTimeCounts, type FeedbackState } from "../../core/feedback/index.ts";
import { ratioPercent } from "../../core/text/number-format.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import { feedbackForRate } from "../db/repositories/feedback.repository.ts";
import { loadUnitTree } from "../db/repositories/unit.repository.ts";
import { registerMetric, type MetricContext } from "./target-metrics.ts";

/**
 * `feedback_on_time_rate` for plan targets (QĐ 766/QĐ-TTg: feedback handled on time / feedback
 * within competence), over the feedback received by the plan's unit and the units under it during
 * the plan period. A zero denominator gives no value ("không phát sinh").
 */
/** The plan's unit, the units under it, and the merged-away units whose records count for it. */
async function unitsCounting(context: MetricContext): Promise<string[]> {
  const tree = await loadUnitTree(context.exec);
  return tree.unitsCountingFor(context.plan.unitId, {
    from: context.plan.periodStart,
    to: context.plan.periodEnd,
  });
}

export async function measureFeedbackOnTimeRate(context: MetricContext): Promise<number | null> {
  const from = instantOfVietnamLocal(`${context.plan.periodStart} 00:00`);
  const before = new Date(
    instantOfVietnamLocal(`${context.plan.periodEnd} 00:00`).getTime() + 86_400_000,
  );
  const rows = await feedbackForRate(context.exec, await unitsCounting(context), from, before);
  const today = vietnamDate(new Date());
  const counts = feedbackOnTimeCounts(
    rows.map((row) => ({
      state: row.state as FeedbackState,
      dueDate: row.dueDate,
      transferDueDate: row.transferDueDate,
      finishedOn: row.finishedAt ? vietnamLocal(row.finishedAt).date : null,
      today,
    })),
  );
  return ratioPercent(counts.onTime, counts.counted);
}

export function registerFeedbackMetrics() {
  registerMetric("feedback_on_time_rate", measureFeedbackOnTimeRate);
}
