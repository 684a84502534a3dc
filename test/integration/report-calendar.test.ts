import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { runReportReminders } from "../../src/server/services/report-reminders.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * The reporting calendar through the real app: the upper unit defines and publishes kinds, its
 * wards see what they owe with due dates read from the state's phrasing, other units see nothing,
 * and reminders fire once before and once after the due date.
 */
let t: TestApp;
let province: MadeUnit;
let ward1: MadeUnit;
let ward2: MadeUnit;
let otherWard: MadeUnit;
let reviewer: ApiClient;
let focal1: ApiClient;
let otherFocal: ApiClient;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { level: "province" });
  ward1 = await makeUnit(db, { parent: province });
  ward2 = await makeUnit(db, { parent: province });
  const otherProvince = await makeUnit(db, { level: "province" });
  otherWard = await makeUnit(db, { parent: otherProvince });
  const users = {
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    focal1: await makeUser(db, { unit: ward1, role: "focal_officer" }),
    focal2: await makeUser(db, { unit: ward2, role: "focal_officer" }),
    otherFocal: await makeUser(db, { unit: otherWard, role: "focal_officer" }),
  };
  reviewer = await t.signedIn(users.reviewer.username, FACTORY_PASSWORD);
  focal1 = await t.signedIn(users.focal1.username, FACTORY_PASSWORD);
  otherFocal = await t.signedIn(users.otherFocal.username, FACTORY_PASSWORD);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("report kinds and the calendar", () => {
  it("lets the upper unit define and publish kinds from the state's phrasing", async () => {
    const quarterly = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo CCHC quý",
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      publish: true,
    });
    expect(quarterly.status).toBe(201);
    expect(quarterly.body.data).toMatchObject({ status: "published", periodKind: "quarterly" });
    const yearly = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo CCHC năm",
      periodKind: "yearly",
      dueText: "trước ngày 25/11",
      holidayShift: "previous_working_day",
      publish: true,
    });
    expect(yearly.status).toBe(201);
    // A draft is not owed by anybody yet.
    const draft = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo 6 tháng",
      periodKind: "half_yearly",
      dueText: "trước ngày 15/6",
    });
    expect(draft.body.data.status).toBe("draft");

    const list = await reviewer.get(`/api/report-kinds?unitId=${province.id}&year=2026`);
    expect(list.status).toBe(200);
    expect(list.body.can.define).toBe(true);
    const byName = new Map(list.body.data.map((k: any) => [k.name, k]));
    expect((byName.get("Báo cáo CCHC quý") as any).instances.map((i: any) => i.dueDate)).toEqual([
      "2026-03-15",
      "2026-06-15",
      "2026-09-15",
      "2026-12-15",
    ]);
    // 25/11/2026 is a Wednesday: not moved.
    expect((byName.get("Báo cáo CCHC năm") as any).instances[0].dueDate).toBe("2026-11-25");
  });

  it("refuses a phrase that names no day, with a Vietnamese message and a code", async () => {
    const bad = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo quý",
      periodKind: "quarterly",
      dueText: "theo quy định",
      publish: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("REPORT_DUE_TEXT_INVALID");
    expect(bad.body.error.message).toMatch(/Không đọc được hạn báo cáo/);
    const unfit = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo quý",
      periodKind: "quarterly",
      dueText: "trước ngày 15/6",
    });
    expect(unfit.body.error.code).toBe("REPORT_DUE_RULE_UNFIT");
    const adHoc = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo đột xuất",
      periodKind: "ad_hoc",
    });
    expect(adHoc.body.error.code).toBe("REPORT_PERIOD_INVALID");
  });

  it("shows a ward what it owes and where each stands on a day", async () => {
    const response = await focal1.get(
      `/api/reports/calendar?unitId=${ward1.id}&year=2026&on=2026-03-13`,
    );
    expect(response.status).toBe(200);
    const rows = response.body.data.map((r: any) => [
      r.kind.name,
      r.periodLabel,
      r.dueDate,
      r.state,
    ]);
    expect(rows).toEqual([
      ["Báo cáo CCHC quý", "Quý I/2026", "2026-03-15", "due_soon"],
      ["Báo cáo CCHC quý", "Quý II/2026", "2026-06-15", "upcoming"],
      ["Báo cáo CCHC quý", "Quý III/2026", "2026-09-15", "upcoming"],
      ["Báo cáo CCHC năm", "Năm 2026", "2026-11-25", "upcoming"],
      ["Báo cáo CCHC quý", "Quý IV/2026", "2026-12-15", "upcoming"],
    ]);
    expect(response.body.can.write).toBe(true);
    const later = await focal1.get(
      `/api/reports/calendar?unitId=${ward1.id}&year=2026&on=2026-03-16`,
    );
    expect(later.body.data[0].state).toBe("overdue");
  });

  it("shows another province's ward nothing and never another ward's calendar", async () => {
    const own = await otherFocal.get(`/api/reports/calendar?unitId=${otherWard.id}&year=2026`);
    expect(own.status).toBe(200);
    expect(own.body.data).toEqual([]);
    const foreign = await otherFocal.get(`/api/reports/calendar?unitId=${ward1.id}&year=2026`);
    expect(foreign.status).toBe(404);
    const sibling = await focal1.get(`/api/reports/calendar?unitId=${ward2.id}&year=2026`);
    expect(sibling.status).toBe(404);
    const define = await focal1.post(`/api/report-kinds?unitId=${province.id}`, {
      name: "Báo cáo quý",
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
    });
    expect(define.status).toBe(404);
  });
});

describe("report reminders", () => {
  const notificationsOf = (kind: string) =>
    queryRows<{ count: number }>(
      t.db.database.db,
      sql`select count(*)::int as count from notifications where kind = ${kind}`,
    ).then((rows) => rows[0]!.count);

  it("reminds each ward's focal officer once before and once after, never twice", async () => {
    const db = t.db.database.db;
    expect(await runReportReminders(db, { today: "2026-03-11" })).toEqual({ due: 0, created: 0 });
    const first = await runReportReminders(db, { today: "2026-03-12" });
    // Two wards, one focal officer each, quarter I due on 15/03.
    expect(first.created).toBe(2);
    expect((await runReportReminders(db, { today: "2026-03-13" })).created).toBe(0);
    expect(await notificationsOf("report_due_soon")).toBe(2);
    const overdue = await runReportReminders(db, { today: "2026-03-16" });
    expect(overdue.created).toBe(2);
    expect((await runReportReminders(db, { today: "2026-03-20" })).created).toBe(0);
    expect(await notificationsOf("report_overdue")).toBe(2);
    const inbox = await focal1.get("/api/notifications");
    expect(inbox.body.data.map((n: any) => n.title)).toEqual(
      expect.arrayContaining(["Quá hạn nộp: Báo cáo CCHC quý — Quý I/2026"]),
    );
  });
});
