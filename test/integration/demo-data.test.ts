import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demoPlans: true });
});
afterAll(() => t.close());

describe("demo data", () => {
  it("shows a ward's issued plan cascaded from the province's, with live progress and targets", async () => {
    const focal = await t.signedIn("daumoi");
    const plans = (await focal.get("/api/plans")).body.data;
    expect(plans).toHaveLength(1);
    const plan = (await focal.get(`/api/plans/${plans[0].id}`)).body.data;
    expect(plan).toMatchObject({
      status: "issued",
      planNumber: "15/KH-UBND",
      periodLabel: "Năm 2026",
    });
    expect(plan.tasks).toHaveLength(12);
    expect(plan.tasks.filter((x: any) => x.parentTaskId !== null)).toHaveLength(3);
    expect(plan.progress.completed).toBe(2);
    expect(plan.bases[0].text).toContain("12/KH-UBND");
    const onTime = plan.targets.find((x: any) => x.metric === "on_time_rate");
    expect(onTime.measuredAutomatically).toBe(true);
    expect(onTime.measured).not.toBeNull();

    const reviewer = await t.signedIn("sonoivu");
    const provincePlan = (await reviewer.get("/api/plans")).body.data.find(
      (p: any) => p.planNumber === "12/KH-UBND",
    );
    const upper = (await reviewer.get(`/api/plans/${provincePlan.id}`)).body.data;
    expect(upper.tasks[0].children).toEqual([
      expect.objectContaining({ unitName: "Phường Bãi Cháy", status: "completed" }),
    ]);
  });

  it("loads the demo desk: procedures, dossiers, a late one with its apology", async () => {
    const clerk = await t.signedIn("motcua");
    const unitId = (await clerk.get("/api/auth/me")).body.data.user.unit.id;
    const procedures = (await clerk.get(`/api/procedures?unitId=${unitId}`)).body.data;
    expect(procedures.length).toBeGreaterThanOrEqual(10);
    const list = (await clerk.get("/api/dossiers")).body.data;
    expect(list.length).toBe(3);
    const late = list.find((d: any) => d.applicantName === "Phạm Quốc Cường");
    expect(late).toMatchObject({
      state: "resolved",
      timeliness: "late",
      timelinessLabel: "Trễ hạn",
    });
    const detail = (await clerk.get(`/api/dossiers/${late.id}`)).body.data;
    expect(detail.apologies).toHaveLength(1);
    expect(detail.apologies[0].title).toBe(
      "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    );
  });
});
