/**
 * Report kinds from a plan's reporting schedule: the plan's unit gets, as drafts to publish on the
 * reports page, the kinds its plan names ("báo cáo định kỳ hằng quý … trước ngày 15 của tháng cuối
 * quý"), except those it already has. One transaction; each kind audited as if typed.
 */
import { proposeReportKinds } from "../../core/report/report-kinds-from-schedule.ts";
import type { Executor } from "../db/database.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { requireReadablePlan } from "./plan-view.service.ts";
import { kindView } from "./report-calendar.service.ts";
import { runUseCase } from "./use-case.ts";

export async function createReportKindsFromPlan(db: Executor, actor: Actor, planId: string) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await requireReadablePlan(tx, actor, planId);
    await access.require(tx, actor, "report.define", "unit", plan.unitId);
    await reportRepository.lockKindsOfUnit(tx, plan.unitId);
    const existing = await reportRepository.kindsOfUnits(tx, [plan.unitId], false);
    const { proposed, skipped } = proposeReportKinds(plan.reportSchedule, existing);
    const created = [];
    for (const kind of proposed) {
      const row = await reportRepository.insertKind(tx, {
        unitId: plan.unitId,
        name: kind.name,
        periodKind: kind.periodKind,
        dueText: kind.dueText,
        dueRule: kind.dueRule,
        status: "draft",
        createdById: actor.userId,
      });
      await audit({
        action: "report.kind_create",
        entityId: row.id,
        unitId: plan.unitId,
        after: kindView(row),
        summary: `Tạo loại báo cáo "${row.name}" theo chế độ báo cáo của kế hoạch “${plan.title}”`,
      });
      created.push(kindView(row));
    }
    return { data: { created, skipped } };
  });
}
