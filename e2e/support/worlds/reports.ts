/**
 * The world the periodic report browser tests share, built with the test factories before the
 * server starts: a province with its administrator and reviewer (Sở Nội vụ), and three wards
 * under it. The report's ward has a focal officer, an issued 2026 plan with tasks due in quarter I
 * (one done), a one-stop desk and the procedure "Đăng ký khai sinh" (3 working days); a second
 * ward has a desk and the same procedure; the third has neither. The wards' names sort in
 * Vietnamese order as Ánh Dương, Bình Minh (the report's), Đông Hải. Every date is fixed (2026).
 */
import type { Executor } from "../../../src/server/db/database.ts";
import { listTasksOfPlans } from "../../../src/server/db/repositories/plan.repository.ts";
import { SYSTEM_ACTOR } from "../../../src/server/services/actor.ts";
import { createPlan, issuePlan } from "../../../src/server/services/plan.service.ts";
import { updateTaskProgress } from "../../../src/server/services/task.service.ts";
import {
  makeAgency,
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "../../../test/support/factories.ts";

export const PROVINCE_NAME = "Tỉnh Hải Đông";
/** The ward whose report the tests follow. */
export const WARD_NAME = "Phường Bình Minh";
/** A ward with a one-stop desk of its own, whose dossiers must not be counted for the first. */
export const OTHER_DESK_WARD_NAME = "Phường Ánh Dương";
export const THIRD_WARD_NAME = "Phường Đông Hải";
export const PROCEDURE_CODE = "1.004873";

export interface ReportWorld {
  province: MadeUnit;
  ward: MadeUnit;
  otherWard: MadeUnit;
  thirdWard: MadeUnit;
  users: { admin: MadeUser; reviewer: MadeUser; focal: MadeUser };
}

async function wardWithDesk(db: Executor, province: MadeUnit, name: string) {
  const ward = await makeUnit(db, { parent: province, name, validFrom: "2025-07-01" });
  await makeDesk(db, ward);
  await makeProcedure(db, ward, {
    code: PROCEDURE_CODE,
    name: "Đăng ký khai sinh",
    processingDays: 3,
  });
  return ward;
}

export async function makeReportWorld(db: Executor): Promise<ReportWorld> {
  const province = await makeUnit(db, { level: "province", name: PROVINCE_NAME });
  const ward = await wardWithDesk(db, province, WARD_NAME);
  const otherWard = await wardWithDesk(db, province, OTHER_DESK_WARD_NAME);
  const thirdWard = await makeUnit(db, {
    parent: province,
    name: THIRD_WARD_NAME,
    validFrom: "2025-07-01",
  });
  const office = await makeAgency(db, ward, { name: "Văn phòng HĐND và UBND", kind: "office" });
  const justice = await makeAgency(db, ward, { name: "Tư pháp - Hộ tịch" });
  const users = {
    admin: await makeUser(db, { unit: province, role: "admin" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    focal: await makeUser(db, { unit: ward, role: "focal_officer", agency: office }),
  };

  // The ward's 2026 plan: three tasks due in quarter I (one done on time), one due later.
  const plan = await createPlan(db, SYSTEM_ACTOR, {
    unitId: ward.id,
    title: "Cải cách hành chính phường Bình Minh năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [
      {
        areaKey: "direction",
        text: "Ban hành Kế hoạch cải cách hành chính năm 2026 của phường",
        leadAgencyId: office.id,
        timeline: "Trong tháng 01/2026",
      },
      {
        areaKey: "procedures",
        text: "Công khai thủ tục hành chính tại Bộ phận Một cửa",
        leadAgencyId: office.id,
        timeline: "Quý I/2026",
      },
      {
        areaKey: "institutions",
        text: "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
        leadAgencyId: justice.id,
        timeline: "Quý I/2026",
      },
      {
        areaKey: "procedures",
        text: "Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch",
        leadAgencyId: justice.id,
        timeline: "Quý III/2026",
      },
    ],
  });
  await issuePlan(db, SYSTEM_ACTOR, plan.data.id, { issuedDate: "2026-01-05" });
  const [first] = await listTasksOfPlans(db, [plan.data.id]);
  await updateTaskProgress(db, SYSTEM_ACTOR, first!.id, {
    status: "completed",
    completedOn: "2026-01-20",
  });
  return { province, ward, otherWard, thirdWard, users };
}
