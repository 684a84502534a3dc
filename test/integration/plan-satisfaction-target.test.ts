import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/**
 * Plans' satisfaction targets measured live from SIPAS responses: paper forms typed in with
 * explicit dates, then the plan view. Every form answers item 15 only (access to services), so
 * the overall index (mean of parts → factors → items under SIPAS-2023) is item 15's rate:
 * answers 4 and 5 over valid answers.
 */
let t: TestApp;
let clerk: ApiClient;
let focal: ApiClient;
let unitId: string;
let province: MadeUnit;
let sibling: MadeUnit;
let siblingClerkUser: MadeUser;
let provinceFocalUser: MadeUser;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const team = await makeWardTeam(db, ["clerk", "focal"]);
  province = team.province;
  unitId = team.ward.id;
  // The fields the forms name come from the unit's procedures.
  await makeProcedure(db, team.ward, { field: "Hộ tịch" });
  await makeProcedure(db, team.ward, { field: "Hoạt động xây dựng" });
  // A second ward under the same province, with its own clerk, and a focal officer of the province.
  sibling = await makeUnit(db, { parent: province, validFrom: "2025-07-01" });
  await makeProcedure(db, sibling, { field: "Hộ tịch" });
  siblingClerkUser = await makeUser(db, { unit: sibling, role: "clerk" });
  provinceFocalUser = await makeUser(db, { unit: province, role: "focal_officer" });
  clerk = await t.signedIn(team.users.clerk.username, team.users.clerk.password);
  focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
  // The catalogue has no land procedure yet: the ward adds one, so forms can name its field.
  const land = await clerk.post("/api/procedures", {
    unitId,
    code: "1.012345",
    name: "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
    field: "Đất đai",
    processingDays: 15,
    onlineLevel: "none",
  });
  expect(land.status, JSON.stringify(land.body)).toBe(201);
});
afterAll(() => t.close());

async function form(
  answeredOn: string,
  value: number,
  procedureField?: string,
  by: { client: ApiClient; unitId: string } = { client: clerk, unitId },
) {
  const r = await by.client.post(`/api/sipas/responses?unitId=${by.unitId}`, {
    answeredOn,
    answers: { "15": value },
    ...(procedureField ? { procedureField } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

const pick = (target: any) => ({
  metric: target.metric,
  measuredAutomatically: target.measuredAutomatically,
  measured: target.measured,
  state: target.state,
  stateLabel: target.stateLabel,
});

describe(`satisfaction targets measured from SIPAS (${testDatabaseKind})`, () => {
  it("measures the general and the land and construction targets over the plan period", async () => {
    const created = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử mức độ hài lòng quý IV/2025",
      period: { kind: "other", start: "2025-10-01", end: "2025-12-31" },
      targets: [
        {
          text: "Mức độ hài lòng của người dân, doanh nghiệp đạt từ 90% trở lên",
          metric: "satisfaction_rate",
          comparator: "gte",
          value: 90,
          unit: "percent",
        },
        {
          text: "Mức độ hài lòng trong lĩnh vực đất đai, xây dựng đạt từ 80% trở lên",
          metric: "satisfaction_rate_land_construction",
          comparator: "gte",
          value: 80,
          unit: "percent",
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const planId = created.body.data.id;
    const targets = async () => {
      const view = await focal.get(`/api/plans/${planId}`);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      return view.body.data.targets as any[];
    };

    // No response yet: measured automatically, but not measured ("Chưa có số liệu"), never 0 %.
    const empty = await targets();
    // Nothing measured, nothing to warn about.
    expect(empty.map((target) => target.measuredSample)).toEqual([
      { size: 0, minimum: 30, isSmall: false, warning: null },
      { size: 0, minimum: 30, isSmall: false, warning: null },
    ]);
    expect(empty.map(pick)).toEqual([
      {
        metric: "satisfaction_rate",
        measuredAutomatically: true,
        measured: null,
        state: "no_data",
        stateLabel: "Chưa có số liệu",
      },
      {
        metric: "satisfaction_rate_land_construction",
        measuredAutomatically: true,
        measured: null,
        state: "no_data",
        stateLabel: "Chưa có số liệu",
      },
    ]);

    // Inside the period (its first and last days included).
    await form("2025-10-01", 2, "Đất đai");
    await form("2025-10-15", 5, "Hộ tịch");
    await form("2025-11-03", 4, "Hộ tịch");
    await form("2025-11-20", 4, "Hoạt động xây dựng");
    await form("2025-12-31", 3);
    // Outside the period: not counted.
    await form("2025-09-30", 1, "Hộ tịch");
    await form("2026-01-01", 1, "Đất đai");

    // General: 5, 4, 4 satisfied of 2, 5, 4, 4, 3 → 3/5 = 60 %. Land and construction: 4 of 2, 4
    // → 1/2 = 50 %. The period is over, so both are final: not achieved.
    const [general, landConstruction] = await targets();
    expect(general).toMatchObject({
      measuredAutomatically: true,
      measured: expect.closeTo(60, 9),
      state: "not_achieved",
      stateLabel: "Chưa đạt",
      measuredText: "60,00%",
      targetText: "từ 90% trở lên",
    });
    expect(landConstruction).toMatchObject({
      measured: expect.closeTo(50, 9),
      state: "not_achieved",
      measuredText: "50,00%",
      targetText: "từ 80% trở lên",
    });
    // Both from far fewer responses than SIPAS-2023's minimum of 30, counted in the period only.
    expect(general.measuredSample).toEqual({
      size: 5,
      minimum: 30,
      isSmall: true,
      warning: "Mẫu khảo sát nhỏ (n = 5 < 30): chưa đủ tin cậy",
    });
    expect(landConstruction.measuredSample).toEqual({
      size: 2,
      minimum: 30,
      isSmall: true,
      warning: "Mẫu khảo sát nhỏ (n = 2 < 30): chưa đủ tin cậy",
    });

    // Three more satisfied land forms in the period: land and construction 4/5 = 80 % meets its
    // lower target exactly; the general index, 6/8 = 75 %, still falls short of 90 %.
    for (const day of ["2025-10-20", "2025-11-25", "2025-12-05"]) {
      await form(day, 5, "Đất đai");
    }
    const [generalAfter, landAfter] = await targets();
    expect(generalAfter).toMatchObject({ measured: expect.closeTo(75, 9), state: "not_achieved" });
    expect(landAfter).toMatchObject({
      measured: expect.closeTo(80, 9),
      state: "achieved",
      stateLabel: "Đạt",
      measuredText: "80,00%",
    });
  });

  it("counts the units under the plan's unit, and only them", async () => {
    const siblingClerk = await t.signedIn(siblingClerkUser.username, siblingClerkUser.password);
    const provinceFocal = await t.signedIn(provinceFocalUser.username, provinceFocalUser.password);

    const plan = async (client: ApiClient, planUnitId: string) => {
      const created = await client.post("/api/plans", {
        unitId: planUnitId,
        title: "Kế hoạch thử mức độ hài lòng tháng 7-8/2025",
        period: { kind: "other", start: "2025-07-01", end: "2025-08-31" },
        targets: [
          {
            text: "Mức độ hài lòng đạt từ 90% trở lên",
            metric: "satisfaction_rate",
            comparator: "gte",
            value: 90,
            unit: "percent",
          },
        ],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return async () => {
        const view = await client.get(`/api/plans/${created.body.data.id}`);
        expect(view.status, JSON.stringify(view.body)).toBe(200);
        return view.body.data.targets[0];
      };
    };
    const ward = await plan(focal, unitId);
    const upper = await plan(provinceFocal, province.id);

    await form("2025-07-10", 5, "Hộ tịch");
    await form("2025-07-12", 1, "Hộ tịch", { client: siblingClerk, unitId: sibling.id });
    await form("2025-08-15", 4, "Hộ tịch", { client: siblingClerk, unitId: sibling.id });

    // The ward's plan counts its own form only: 1/1; the province's counts both wards: 2/3.
    expect(await ward()).toMatchObject({ measured: expect.closeTo(100, 9), state: "achieved" });
    expect(await upper()).toMatchObject({
      measured: expect.closeTo((2 / 3) * 100, 9),
      measuredText: "66,67%",
      state: "not_achieved",
    });
  });

  it("warns below the questionnaire's minimum sample and not from it on", async () => {
    const created = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử cỡ mẫu khảo sát tháng 3/2025",
      period: { kind: "other", start: "2025-03-01", end: "2025-03-31" },
      targets: [
        {
          text: "Mức độ hài lòng của người dân, doanh nghiệp đạt từ 90% trở lên",
          metric: "satisfaction_rate",
          comparator: "gte",
          value: 90,
          unit: "percent",
        },
        {
          text: "Tỷ lệ hoàn thành nhiệm vụ đạt 100%",
          metric: "tasks_completed_rate",
          comparator: "gte",
          value: 100,
          unit: "percent",
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const targets = async () => {
      const view = await focal.get(`/api/plans/${created.body.data.id}`);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      return view.body.data.targets as any[];
    };

    // 29 forms in March, 27 of them satisfied: one short of the minimum of 30.
    for (let i = 0; i < 29; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      await form(`2025-03-${day}`, i < 27 ? 5 : 2, "Hộ tịch");
    }
    const [small, tasks] = await targets();
    expect(small).toMatchObject({
      measured: expect.closeTo((27 / 29) * 100, 9),
      measuredSample: {
        size: 29,
        minimum: 30,
        isSmall: true,
        warning: "Mẫu khảo sát nhỏ (n = 29 < 30): chưa đủ tin cậy",
      },
    });
    // A metric not measured from a survey has no sample.
    expect(tasks.measuredSample).toBeNull();

    // The 30th form reaches the minimum: the value stands without a warning.
    await form("2025-03-31", 5, "Hộ tịch");
    const [enough] = await targets();
    expect(enough).toMatchObject({
      measured: expect.closeTo((28 / 30) * 100, 9),
      measuredText: "93,33%",
      state: "achieved",
      measuredSample: { size: 30, minimum: 30, isSmall: false, warning: null },
    });
  });
});
