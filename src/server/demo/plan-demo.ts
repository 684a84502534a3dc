import type { AreaKey } from "../../core/plan/plan-area.ts";
import type { Executor } from "../db/database.ts";
import { listAgenciesOfUnits } from "../db/repositories/agency.repository.ts";
import { findUnitsByCodes } from "../db/repositories/unit.repository.ts";
import type { Actor } from "../services/actor.ts";
import { createPlan, issuePlan } from "../services/plan.service.ts";
import { updateTaskProgress } from "../services/task.service.ts";

/**
 * Demo plans: the province's 2026 reform plan (issued), and Phường Bãi Cháy's plan that cascades
 * from it, issued, with some tasks done, one in progress and one overdue.
 */
type DemoTask = [AreaKey, string, string | null, string, string];

const PROVINCE_TASKS: DemoTask[] = [
  [
    "direction",
    "Ban hành Kế hoạch cải cách hành chính năm 2026 của cấp xã",
    null,
    "Quý I/2026",
    "Kế hoạch",
  ],
  [
    "procedures",
    "Công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng Dịch vụ công và tại Bộ phận Một cửa",
    null,
    "Thường xuyên trong năm",
    "Danh mục TTHC công khai",
  ],
  [
    "digital_government",
    "Số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực",
    null,
    "Cả năm 2026",
    "Báo cáo kết quả số hóa",
  ],
  [
    "civil_service",
    "Đánh giá, xếp loại cán bộ, công chức cấp xã năm 2026",
    null,
    "Quý IV/2026",
    "Kết quả đánh giá",
  ],
];

const COMMUNE_TASKS: DemoTask[] = [
  [
    "direction",
    "Tuyên truyền cải cách hành chính trên hệ thống truyền thanh phường",
    "Văn hóa - Xã hội",
    "Hằng quý",
    "Bản tin, chuyên mục",
  ],
  [
    "direction",
    "Báo cáo kết quả thực hiện công tác cải cách hành chính định kỳ",
    "Văn phòng HĐND và UBND",
    "Định kỳ hằng quý, 6 tháng và năm",
    "Báo cáo",
  ],
  [
    "institutions",
    "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
    "Tư pháp - Hộ tịch",
    "Quý III/2026",
    "Báo cáo rà soát",
  ],
  [
    "procedures",
    "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch",
    "Tư pháp - Hộ tịch",
    "chậm nhất ngày 30/6/2026",
    "Văn bản đề xuất",
  ],
  [
    "organization",
    "Rà soát, sắp xếp vị trí việc làm sau khi thực hiện chính quyền địa phương hai cấp",
    "Văn phòng HĐND và UBND",
    "Quý II/2026",
    "Đề án vị trí việc làm",
  ],
  [
    "civil_service",
    "Kiểm tra kỷ luật, kỷ cương hành chính tại Bộ phận Một cửa",
    "Văn phòng HĐND và UBND",
    "6 tháng cuối năm 2026",
    "Biên bản kiểm tra",
  ],
  [
    "public_finance",
    "Công khai dự toán, quyết toán ngân sách phường năm 2026",
    "Tài chính - Kế toán",
    "Trong tháng 01/2026",
    "Quyết định công bố công khai",
  ],
  [
    "digital_government",
    "Vận hành hệ thống quản lý văn bản và điều hành, ký số 100% văn bản đi",
    "Văn phòng HĐND và UBND",
    "Thường xuyên trong năm",
    "Báo cáo",
  ],
  [
    "impact",
    "Tổ chức khảo sát sự hài lòng của người dân về dịch vụ hành chính công",
    "Trung tâm Phục vụ hành chính công",
    "Quý IV/2026",
    "Kết quả khảo sát",
  ],
];

export async function loadPlanDemo(tx: Executor, actor: Actor) {
  const [province] = await findUnitsByCodes(tx, ["22"]);
  const [ward] = await findUnitsByCodes(tx, ["06658"]);
  if (!province || !ward) return;
  const agencyId = new Map((await listAgenciesOfUnits(tx, [ward.id])).map((a) => [a.name, a.id]));
  const toTask = ([areaKey, text, lead, timeline, deliverable]: DemoTask) => ({
    areaKey,
    text,
    leadAgencyId: lead ? (agencyId.get(lead) ?? null) : null,
    timeline,
    deliverable,
  });

  const upper = await createPlan(tx, actor, {
    unitId: province.id,
    title: "Cải cách hành chính tỉnh Quảng Ninh năm 2026",
    period: { kind: "year", year: 2026 },
    planNumber: "12/KH-UBND",
    place: "Quảng Ninh",
    signerAuthority: "KT.",
    signerTitle: "Phó Chủ tịch",
    signerName: "Trần Văn Minh",
    tasks: PROVINCE_TASKS.map(toTask),
  });
  // The demo plans keep tasks without a lead as their sources print them: issued as confirmed.
  await issuePlan(tx, actor, upper.data.id, {
    issuedDate: "2026-01-08",
    confirmTasksWithoutLead: true,
  });
  const { listTasksOfPlans } = await import("../db/repositories/plan.repository.ts");
  const upperTaskIds = (await listTasksOfPlans(tx, [upper.data.id])).slice(0, 3).map((t) => t.id);

  const plan = await createPlan(tx, actor, {
    unitId: ward.id,
    title: "Cải cách hành chính phường Bãi Cháy năm 2026",
    period: { kind: "year", year: 2026 },
    decisionNumber: "28/QĐ-UBND",
    planNumber: "15/KH-UBND",
    place: "Bãi Cháy",
    signerAuthority: "TM.",
    signerTitle: "Chủ tịch",
    signerName: "Nguyễn Văn Hòa",
    purposes:
      "Thực hiện đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính năm 2026.\nNâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    upperPlanId: upper.data.id,
    upperTaskIds,
    areas: [{ key: "procedures", targetScore: 10.5, maxScore: 11.5 }],
    targets: [
      {
        text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 99,7% trở lên",
        metric: "on_time_rate",
        comparator: "gte",
        value: 99.7,
        unit: "percent",
      },
      {
        text: "100% hồ sơ trễ hạn có văn bản xin lỗi",
        metric: "late_apology_rate",
        comparator: "eq",
        value: 100,
        unit: "percent",
      },
      {
        text: "Tỷ lệ hồ sơ trực tuyến đạt từ 60% trở lên",
        metric: "online_dossier_rate",
        comparator: "gte",
        value: 60,
        unit: "percent",
      },
      {
        text: "Mức độ hài lòng của người dân đạt từ 90% trở lên",
        metric: "satisfaction_rate",
        comparator: "gte",
        value: 90,
        unit: "percent",
      },
      {
        text: "100% nhiệm vụ trong kế hoạch được hoàn thành",
        metric: "tasks_completed_rate",
        comparator: "eq",
        value: 100,
        unit: "percent",
      },
    ],
    tasks: COMMUNE_TASKS.map(toTask),
  });
  await issuePlan(tx, actor, plan.data.id, {
    issuedDate: "2026-01-20",
    confirmTasksWithoutLead: true,
  });
  const tasks = await listTasksOfPlans(tx, [plan.data.id]);
  const byText = (prefix: string) => tasks.find((t) => t.text.startsWith(prefix))!;
  await updateTaskProgress(tx, actor, byText("Ban hành Kế hoạch").id, {
    status: "completed",
    completedOn: "2026-01-20",
    comment: "Đã ban hành Kế hoạch số 15/KH-UBND",
  });
  await updateTaskProgress(tx, actor, byText("Công khai dự toán").id, {
    status: "completed",
    completedOn: "2026-01-28",
  });
  await updateTaskProgress(tx, actor, byText("Vận hành hệ thống").id, {
    status: "in_progress",
    progress: 70,
    comment: "Đã ký số 96% văn bản đi",
  });
  await updateTaskProgress(tx, actor, byText("Rà soát, đề xuất").id, {
    status: "in_progress",
    progress: 40,
  });
}
