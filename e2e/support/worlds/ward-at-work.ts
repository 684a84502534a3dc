/**
 * A ward at work, shared by the home page's and the every-page browser tests: the whole staff
 * (makeWardWorld) and records of fixed dates so the day's lists are not empty — an issued plan of
 * 2020 whose task, led by the agency officer's Tư pháp - Hộ tịch, is overdue on any day; a draft
 * plan the leader may issue; a dossier received in March 2026 and now late, another waiting for a
 * supplement; a feedback item of March 2026 past its deadline.
 */
import { seedDossier, seedFeedback } from "./desk.ts";
import type { Executor } from "../../../src/server/db/database.ts";
import { SYSTEM_ACTOR } from "../../../src/server/services/actor.ts";
import { transitionDossier } from "../../../src/server/services/dossier.service.ts";
import { createPlan, issuePlan } from "../../../src/server/services/plan.service.ts";
import { makeWardWorld, type WardWorld } from "../../../test/support/desk-fixtures.ts";
import { makeProcedure } from "../../../test/support/factories.ts";

export interface WardAtWork extends WardWorld {
  records: {
    issuedPlanId: string;
    draftPlanId: string;
    lateDossierId: string;
    supplementDossierId: string;
    feedbackId: string;
  };
}

/** The ward's whole staff and the records of fixed dates the home page counts. */
export async function wardAtWork(db: Executor): Promise<WardAtWork> {
  const world = await makeWardWorld(db);
  const { data: issued } = await createPlan(db, SYSTEM_ACTOR, {
    unitId: world.ward.id,
    title: "Kế hoạch cải cách hành chính năm 2020",
    period: { kind: "year", year: 2020 },
    tasks: [
      {
        areaKey: "procedures",
        text: "Rà soát thủ tục hành chính lĩnh vực hộ tịch",
        timeline: "Quý I/2020",
        leadAgencyId: world.agencies.justice.id,
      },
    ],
  });
  await issuePlan(db, SYSTEM_ACTOR, issued.id, { issuedDate: "2020-01-10" });
  const { data: draft } = await createPlan(db, SYSTEM_ACTOR, {
    unitId: world.ward.id,
    title: "Kế hoạch cải cách hành chính năm 2021",
    period: { kind: "year", year: 2021 },
  });
  const procedure = await makeProcedure(db, world.ward, { processingDays: 3 });
  const late = await seedDossier(db, procedure, { receivedAt: "2026-03-02 09:00" });
  const supplement = await seedDossier(db, procedure, {
    applicantName: "Lý Văn Phúc",
    applicantPhone: "0977 864 205",
    receivedAt: "2026-03-03 09:00",
  });
  await transitionDossier(db, SYSTEM_ACTOR, supplement.id, {
    action: "hand_over",
    at: "2026-03-03 10:00",
    toAgencyId: world.agencies.justice.id,
  });
  await transitionDossier(db, SYSTEM_ACTOR, supplement.id, {
    action: "request_supplement",
    note: "Bổ sung bản sao căn cước",
    at: "2026-03-04 09:00",
  });
  const feedback = await seedFeedback(db, world.ward, { receivedAt: "2026-03-02 09:15" });
  return {
    ...world,
    records: {
      issuedPlanId: issued.id,
      draftPlanId: draft.id,
      lateDossierId: late.id,
      supplementDossierId: supplement.id,
      feedbackId: feedback.id,
    },
  };
}
