import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * A plan's reporting schedule ("báo cáo định kỳ hằng quý … trước ngày … tháng cuối quý") is kept
 * with the saved plan, from the importer's draft through POST /api/plans, and turns into the
 * unit's report kinds (drafts) once, without twins; readers who may not define reports cannot.
 */
let t: TestApp;
let province: MadeUnit;
let focal: ApiClient;
let agencyOfficer: ApiClient;
let otherFocal: ApiClient;

const SCHEDULE_TEXT = [
  "KẾ HOẠCH",
  "Cải cách hành chính năm 2026",
  "I. MỤC ĐÍCH, YÊU CẦU",
  "1. Mục đích: nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
  "II. NHIỆM VỤ",
  "1. Cải cách thể chế",
  "- Rà soát văn bản quy phạm pháp luật do tỉnh ban hành. Thời gian: Quý II/2026.",
  "III. TỔ CHỨC THỰC HIỆN",
  "Các sở, ban, ngành báo cáo định kỳ hằng quý trước ngày 12 của tháng cuối quý; báo cáo 6 tháng trước ngày 10/6; báo cáo hằng tháng trước ngày 20; báo cáo năm trước ngày 20 tháng 11 gửi về Sở Nội vụ để tổng hợp.",
].join("\n");

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { level: "province" });
  const otherProvince = await makeUnit(db, { level: "province" });
  focal = await t.signedIn(
    (await makeUser(db, { unit: province, role: "focal_officer" })).username,
    FACTORY_PASSWORD,
  );
  agencyOfficer = await t.signedIn(
    (await makeUser(db, { unit: province, role: "agency_officer" })).username,
    FACTORY_PASSWORD,
  );
  otherFocal = await t.signedIn(
    (await makeUser(db, { unit: otherProvince, role: "focal_officer" })).username,
    FACTORY_PASSWORD,
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function kindsOfProvince() {
  return queryRows<{ name: string; period_kind: string; due_text: string; status: string }>(
    t.db.database.db,
    sql`select name, period_kind, due_text, status from report_kinds where unit_id = ${province.id} order by period_kind`,
  );
}

describe("a plan's reporting schedule", () => {
  let planId: string;

  it("is kept from the import's draft to the saved plan", async () => {
    const preview = await focal.post("/api/plan-imports", { text: SCHEDULE_TEXT });
    expect(preview.status).toBe(200);
    const schedule = preview.body.data.draft.reportSchedule;
    expect(schedule.map((entry: { kind: string }) => entry.kind)).toEqual([
      "quarterly",
      "half_yearly",
      "monthly",
      "yearly",
    ]);
    const created = await focal.post("/api/plans", {
      unitId: province.id,
      title: "Cải cách hành chính năm 2026",
      period: { kind: "year", year: 2026 },
      reportSchedule: schedule,
    });
    expect(created.status).toBe(201);
    planId = created.body.data.id;
    const plan = await focal.get(`/api/plans/${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.data.reportSchedule).toEqual(schedule);
    expect(plan.body.can.defineReports).toBe(true);
  });

  it("refuses a schedule entry the rules do not know, storing nothing", async () => {
    const before = await queryRows<{ n: number }>(
      t.db.database.db,
      sql`select count(*)::int as n from plans where unit_id = ${province.id}`,
    );
    const refused = await focal.post("/api/plans", {
      unitId: province.id,
      title: "Kế hoạch có chế độ báo cáo sai",
      period: { kind: "year", year: 2026 },
      reportSchedule: [{ kind: "weekly", due: null, text: "báo cáo hằng tuần" }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBeTruthy();
    const after = await queryRows<{ n: number }>(
      t.db.database.db,
      sql`select count(*)::int as n from plans where unit_id = ${province.id}`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("is refused to those who may not define the unit's reports, with nothing created", async () => {
    const plan = await agencyOfficer.get(`/api/plans/${planId}`);
    expect(plan.body.can.defineReports).toBe(false);
    const refused = await agencyOfficer.post(`/api/plans/${planId}/report-kinds`, {});
    expect(refused.status).toBe(403);
    const outsider = await otherFocal.post(`/api/plans/${planId}/report-kinds`, {});
    expect([403, 404]).toContain(outsider.status);
    expect(await kindsOfProvince()).toEqual([]);
  });

  it("makes the unit's report kinds once, saying why the others were not made", async () => {
    const first = await focal.post(`/api/plans/${planId}/report-kinds`, {});
    expect(first.status).toBe(201);
    expect(
      first.body.data.created.map(
        (kind: { periodKind: string; dueText: string; status: string }) => [
          kind.periodKind,
          kind.dueText,
          kind.status,
        ],
      ),
    ).toEqual([
      ["quarterly", "trước ngày 12 tháng cuối quý", "draft"],
      ["half_yearly", "trước ngày 10/06", "draft"],
      ["yearly", "trước ngày 20/11", "draft"],
    ]);
    expect(first.body.data.skipped).toEqual([
      expect.objectContaining({ kind: "monthly", reason: "monthly" }),
    ]);
    // The calendar reads the kinds' deadlines as the plan wrote them.
    const list = await focal.get(`/api/report-kinds?unitId=${province.id}&year=2026`);
    const quarterly = list.body.data.find(
      (kind: { periodKind: string }) => kind.periodKind === "quarterly",
    );
    expect(quarterly.instances.map((instance: { dueDate: string }) => instance.dueDate)).toEqual([
      "2026-03-12",
      "2026-06-12",
      "2026-09-12",
      "2026-12-12",
    ]);

    const again = await focal.post(`/api/plans/${planId}/report-kinds`, {});
    expect(again.status).toBe(201);
    expect(again.body.data.created).toEqual([]);
    expect(again.body.data.skipped.map((entry: { reason: string }) => entry.reason)).toEqual([
      "exists",
      "exists",
      "monthly",
      "exists",
    ]);
    expect(await kindsOfProvince()).toHaveLength(3);
  });

  it("runs two requests at once without twin kinds", async () => {
    const created = await focal.post("/api/plans", {
      unitId: province.id,
      title: "Kế hoạch kiểm tra công tác cải cách hành chính năm 2026",
      period: { kind: "year", year: 2026 },
      reportSchedule: [
        {
          kind: "yearly",
          due: { rule: "fixed_date", day: 5, month: 12 },
          text: "báo cáo năm trước ngày 05/12",
        },
      ],
    });
    const id = created.body.data.id;
    const answers = await Promise.all([
      focal.post(`/api/plans/${id}/report-kinds`, {}),
      focal.post(`/api/plans/${id}/report-kinds`, {}),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers.map((answer) => answer.body.data.created.length).sort()).toEqual([0, 1]);
    expect(await kindsOfProvince()).toHaveLength(4);
  });
});
