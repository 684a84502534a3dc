/**
 * The world the plan and scorecard browser tests share, built with the test factories before the
 * server starts: a province with one ward (the ward team of test/support/plan-fixtures.ts plus a
 * culture office), the province's issued 2026 plan, and the ward's issued 2026 plan cascaded from
 * it, whose own tasks are led or supported by the ward's agencies — some by Tư pháp - Hộ tịch
 * (the agency officer's), some not. Every name is this file's; every date is fixed (2026).
 */
import type { Executor } from "../../../src/server/db/database.ts";
import { listTasksOfPlans } from "../../../src/server/db/repositories/plan.repository.ts";
import { SYSTEM_ACTOR } from "../../../src/server/services/actor.ts";
import { createPlan, issuePlan } from "../../../src/server/services/plan.service.ts";
import { updateTaskProgress } from "../../../src/server/services/task.service.ts";
import { makeAgency } from "../../../test/support/factories.ts";
import { makeWardTeam, type Member, type WardTeam } from "../../../test/support/plan-fixtures.ts";

export const PROVINCE_NAME = "Tỉnh Hải Đông";
export const WARD_NAME = "Phường Vọng Hải";
export const PROVINCE_PLAN = "Cải cách hành chính tỉnh Hải Đông năm 2026";
export const WARD_PLAN = "Cải cách hành chính phường Vọng Hải năm 2026";
export const CULTURE_AGENCY = "Văn hóa - Xã hội";

/** The ward's own tasks, each with its lead agency (and support) as the officer's filter reads them. */
export const WARD_TASKS = {
  simplify: "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch",
  legalReview: "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
  publish: "Công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa",
  broadcast: "Tuyên truyền cải cách hành chính trên hệ thống truyền thanh phường",
  report: "Báo cáo kết quả thực hiện công tác cải cách hành chính định kỳ",
} as const;

export interface PlanWorld<M extends Member> extends WardTeam<M> {
  culture: { id: string; name: string };
  provincePlanId: string;
  wardPlanId: string;
  /** The ward plan's tasks in their order (the cascaded ones first). */
  wardTaskIds: string[];
}

export async function makePlanWorld<M extends Member>(
  db: Executor,
  members: readonly M[],
): Promise<PlanWorld<M>> {
  const team = await makeWardTeam(db, members, {
    provinceName: PROVINCE_NAME,
    wardName: WARD_NAME,
  });
  const culture = await makeAgency(db, team.ward, { name: CULTURE_AGENCY, kind: "department" });
  const { office, justice, oneStop } = team.agencies;

  const upper = await createPlan(db, SYSTEM_ACTOR, {
    unitId: team.province.id,
    title: PROVINCE_PLAN,
    period: { kind: "year", year: 2026 },
    planNumber: "12/KH-UBND",
    tasks: [
      {
        areaKey: "direction",
        text: "Ban hành Kế hoạch cải cách hành chính năm 2026 của cấp xã",
        timeline: "Quý I/2026",
      },
      {
        areaKey: "digital_government",
        text: "Số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực",
        timeline: "Cả năm 2026",
      },
      {
        areaKey: "civil_service",
        text: "Đánh giá, xếp loại cán bộ, công chức cấp xã năm 2026",
        timeline: "Quý IV/2026",
      },
    ],
  });
  await issuePlan(db, SYSTEM_ACTOR, upper.data.id, {
    issuedDate: "2026-01-08",
    confirmTasksWithoutLead: true,
  });
  const upperTaskIds = (await listTasksOfPlans(db, [upper.data.id])).slice(0, 2).map((t) => t.id);

  const plan = await createPlan(db, SYSTEM_ACTOR, {
    unitId: team.ward.id,
    title: WARD_PLAN,
    period: { kind: "year", year: 2026 },
    planNumber: "15/KH-UBND",
    upperPlanId: upper.data.id,
    upperTaskIds,
    tasks: [
      {
        areaKey: "procedures",
        text: WARD_TASKS.simplify,
        leadAgencyId: justice.id,
        timeline: "chậm nhất ngày 30/6/2026",
        deliverable: "Văn bản đề xuất",
      },
      {
        areaKey: "institutions",
        text: WARD_TASKS.legalReview,
        leadAgencyId: justice.id,
        timeline: "Quý III/2026",
        deliverable: "Báo cáo rà soát",
      },
      {
        areaKey: "procedures",
        text: WARD_TASKS.publish,
        leadAgencyId: oneStop.id,
        supportAgencyIds: [justice.id],
        timeline: "Thường xuyên trong năm",
        deliverable: "Danh mục TTHC công khai",
      },
      {
        areaKey: "direction",
        text: WARD_TASKS.broadcast,
        leadAgencyId: culture.id,
        timeline: "Hằng quý",
        deliverable: "Bản tin, chuyên mục",
      },
      {
        areaKey: "direction",
        text: WARD_TASKS.report,
        leadAgencyId: office.id,
        timeline: "Quý I/2026",
        deliverable: "Báo cáo",
      },
    ],
  });
  await issuePlan(db, SYSTEM_ACTOR, plan.data.id, {
    issuedDate: "2026-01-20",
    confirmTasksWithoutLead: true,
  });
  const tasks = await listTasksOfPlans(db, [plan.data.id]);
  const report = tasks.find((t) => t.text === WARD_TASKS.report)!;
  await updateTaskProgress(db, SYSTEM_ACTOR, report.id, {
    status: "completed",
    completedOn: "2026-03-25",
  });
  return {
    ...team,
    culture,
    provincePlanId: upper.data.id,
    wardPlanId: plan.data.id,
    wardTaskIds: tasks.map((t) => t.id),
  };
}
