import type { AreaKey } from "../../src/core/plan/plan-area.ts";
import type { StoredTaskStatus } from "../../src/core/plan/task-status.ts";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planAreas, planTasks, plans } from "../../src/server/db/schema-plan.ts";
import { reportVersions } from "../../src/server/db/schema-report.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * The leader's overview (`GET /api/reports/overview/units`) through the real app: five wards of a
 * province in every state for Quý II/2026 (not opened, a draft, returned, submitted on time,
 * accepted after Quý I), their key figures from the latest frozen version against the previous
 * quarter's, computed here from the fixtures' tasks and the scorecard's own totals; the order
 * "falling behind first" on two given days; and who may read it.
 */
type Task = [AreaKey, string, StoredTaskStatus, string | null];

/** [area, due date, stored status, completed on] per ward, all in the 2026 plan. */
const TASKS: Record<"an" | "binh" | "dung" | "em", Task[]> = {
  an: [
    ["institutions", "2026-02-10", "completed", "2026-02-01"],
    ["institutions", "2026-03-10", "completed", "2026-04-20"], // overdue at 31/03, late at 30/06
    ["procedures", "2026-03-20", "in_progress", null],
    ["procedures", "2026-05-15", "completed", "2026-05-10"],
    ["procedures", "2026-06-30", "in_progress", null],
    ["procedures", "2026-06-01", "not_started", null],
  ],
  binh: [
    ["institutions", "2026-04-10", "completed", "2026-04-01"],
    ["institutions", "2026-05-10", "in_progress", null],
  ],
  dung: [["procedures", "2026-04-01", "completed", "2026-03-01"]],
  em: [
    ["procedures", "2026-02-01", "completed", "2026-01-20"],
    ["procedures", "2026-05-01", "in_progress", null],
  ],
};

const Q1_END = "2026-03-31";
const Q2_END = "2026-06-30";
const Q2_DUE = "2026-06-15"; // "trước ngày 15 tháng cuối quý"

/** Tasks of the year due by the period's end, as of it: done (on time or late) and overdue. */
function taskFigures(tasks: Task[], asOf: string) {
  let total = 0;
  let done = 0;
  let overdue = 0;
  for (const [, due, status, completed] of tasks) {
    if (status === "cancelled" || due > asOf) continue;
    total++;
    if (status === "completed" && completed! <= asOf) done++;
    else if (due < asOf) overdue++;
  }
  return { total, done, overdue, percent: (done / total) * 100 };
}

let t: TestApp;
let province: MadeUnit;
let other: MadeUnit;
const wards = {} as Record<"an" | "binh" | "cuong" | "dung" | "em", MadeUnit>;
const focal = {} as Record<keyof typeof wards, ApiClient>;
let reviewer: ApiClient;
let kindId: string;
let otherKindId: string;
const reportIds = {} as Record<string, string>;
const parTotals: number[] = [];

async function addPlan(unit: MadeUnit, tasks: Task[]) {
  const db = t.db.database.db;
  const [plan] = await db
    .insert(plans)
    .values({
      unitId: unit.id,
      title: "Kế hoạch CCHC năm 2026",
      periodKind: "year",
      periodLabel: "Năm 2026",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      status: "issued",
    })
    .returning();
  const areas = await db
    .insert(planAreas)
    .values([
      { planId: plan!.id, key: "institutions", heading: "Cải cách thể chế", position: 1 },
      { planId: plan!.id, key: "procedures", heading: "Cải cách thủ tục hành chính", position: 2 },
    ])
    .returning();
  const areaId = new Map(areas.map((a) => [a.key, a.id]));
  await db.insert(planTasks).values(
    tasks.map(([area, due, status, done], i) => ({
      planId: plan!.id,
      areaId: areaId.get(area)!,
      position: i + 1,
      text: `Nhiệm vụ ${i + 1}`,
      dueDate: due,
      status,
      completedAt: done,
    })),
  );
}

async function open(ward: keyof typeof wards, periodKey: string) {
  const response = await focal[ward].post(`/api/reports?unitId=${wards[ward].id}`, {
    kindId,
    periodKey,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  reportIds[`${ward}|${periodKey}`] = response.body.data.id;
  return response.body.data.id as string;
}

async function submit(ward: keyof typeof wards, id: string) {
  const response = await focal[ward].post(`/api/reports/${id}/submit`, {});
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function review(id: string, decision: "accept" | "return") {
  const response = await reviewer.post(`/api/reports/${id}/review`, {
    decision,
    comment: decision === "return" ? "Bổ sung số liệu" : null,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { level: "province" });
  other = await makeUnit(db, { level: "province" });
  const names = {
    an: "Phường Thử An",
    binh: "Phường Thử Bình",
    cuong: "Phường Thử Cường",
    dung: "Phường Thử Dũng",
    em: "Phường Thử Em",
  } as const;
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    wards[key] = await makeUnit(db, { parent: province, name: names[key] });
    const user = await makeUser(db, { unit: wards[key], role: "focal_officer" });
    focal[key] = await t.signedIn(user.username, FACTORY_PASSWORD);
  }
  const reviewerUser = await makeUser(db, { unit: province, role: "reviewer" });
  reviewer = await t.signedIn(reviewerUser.username, FACTORY_PASSWORD);
  const otherReviewer = await t.signedIn(
    (await makeUser(db, { unit: other, role: "reviewer" })).username,
    FACTORY_PASSWORD,
  );
  for (const key of ["an", "binh", "dung", "em"] as const) await addPlan(wards[key], TASKS[key]);

  const kind = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
    name: "Báo cáo CCHC quý",
    periodKind: "quarterly",
    dueText: "trước ngày 15 tháng cuối quý",
    publish: true,
  });
  kindId = kind.body.data.id;
  otherKindId = (
    await otherReviewer.post(`/api/report-kinds?unitId=${other.id}`, {
      name: "Báo cáo CCHC quý",
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      publish: true,
    })
  ).body.data.id;

  // Phường Thử An's PAR scorecard: 2 points on 1.1 when it sends quarter I, 0 for quarter II.
  const template = (await reviewer.get("/api/scorecard-templates/par-commune")).body;
  const methodology = await reviewer.post("/api/methodologies/import", {
    unitId: province.id,
    level: "commune",
    document: template,
  });
  await reviewer.post(`/api/methodologies/${methodology.body.data.id}/publish`, {});
  const card = (await focal.an.post("/api/scorecards", { unitId: wards.an.id, year: 2026 })).body
    .data.id as string;
  const score = async (points: number) => {
    const put = await focal.an.request("PUT", `/api/scorecards/${card}/entries/1.1`, {
      json: { selfPoints: points, notApplicable: false },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    parTotals.push((await focal.an.get(`/api/scorecards/${card}`)).body.data.selfTotal as number);
  };

  // An: quarter I sent, quarter II sent and accepted.
  await score(2);
  await submit("an", await open("an", "2026-Q1"));
  await score(0);
  const anQ2 = await open("an", "2026-Q2");
  await submit("an", anQ2);
  await review(anQ2, "accept");
  // Bình: quarter II only, sent on 10/06 (before its due date).
  const binhQ2 = await open("binh", "2026-Q2");
  await submit("binh", binhQ2);
  await db
    .update(reportVersions)
    .set({ submittedAt: new Date("2026-06-10T03:00:00Z") })
    .where(and(eq(reportVersions.reportId, binhQ2), eq(reportVersions.version, 1)));
  // Dũng: a draft only. Em: sent and returned. Cường: nothing.
  await open("dung", "2026-Q2");
  const emQ2 = await open("em", "2026-Q2");
  await submit("em", emQ2);
  await review(emQ2, "return");
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const path = (on: string, unitId = province.id, kind = kindId, periodKey = "2026-Q2") =>
  `/api/reports/overview/units?unitId=${unitId}&kindId=${kind}&periodKey=${periodKey}&on=${on}`;

describe("the leader's overview of the units", () => {
  it("gives each unit's state and key figures against the previous quarter", async () => {
    const response = await reviewer.get(path("2026-07-01"));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const data = response.body.data;
    expect(data).toMatchObject({
      periodKey: "2026-Q2",
      periodLabel: "Quý II/2026",
      dueDate: Q2_DUE,
      periodFrom: "2026-04-01",
      periodTo: Q2_END,
      previousPeriod: { key: "2026-Q1", label: "Quý I/2026" },
    });
    const row = (name: string) => data.rows.find((r: { name: string }) => r.name.endsWith(name));
    expect(data.rows).toHaveLength(5);

    // An: accepted; figures of its quarter II version against its quarter I version.
    const an = row("An");
    const q1 = taskFigures(TASKS.an, Q1_END);
    const q2 = taskFigures(TASKS.an, Q2_END);
    expect(an).toMatchObject({
      state: "accepted",
      late: true, // sent in this test run, after 15/06/2026
      version: 1,
      reportId: reportIds["an|2026-Q2"],
    });
    expect(an.figures.taskCompletion.ratio).toEqual({ numerator: q2.done, denominator: q2.total });
    // Its frozen figures' cut-off day: within the quarter, whenever the test runs.
    expect(an.figuresAsOf >= "2026-04-01" && an.figuresAsOf <= Q2_END, an.figuresAsOf).toBe(true);
    expect(an.figures.taskCompletion.value).toBeCloseTo(q2.percent, 6);
    expect(an.figures.taskCompletion.previous).toBeCloseTo(q1.percent, 6);
    expect(an.figures.taskCompletion.change).toBeCloseTo(q2.percent - q1.percent, 2);
    expect(an.figures.taskCompletion.trend).toBe(q2.percent > q1.percent ? "up" : "down");
    expect(an.figures.tasksOverdue).toMatchObject({
      value: q2.overdue,
      previous: q1.overdue,
      change: q2.overdue - q1.overdue,
      trend: q2.overdue === q1.overdue ? "same" : q2.overdue > q1.overdue ? "up" : "down",
    });
    // The PAR self-score as the scorecard totalled it when each version was sent.
    expect(parTotals[0]).toBeGreaterThan(parTotals[1]!);
    expect(an.figures.parSelfTotal).toMatchObject({
      value: parTotals[1],
      previous: parTotals[0],
      trend: "down",
    });
    expect(an.figures.parSelfTotal.change).toBeCloseTo(parTotals[1]! - parTotals[0]!, 2);
    // No dossiers, surveys or 766 score: nothing to show, no trend.
    for (const key of ["oneStopOnTime", "satisfaction", "index766"]) {
      expect(an.figures[key]).toEqual({
        ratio: null,
        value: null,
        previous: null,
        change: null,
        trend: null,
      });
    }

    // Bình: sent on time, no quarter I version: figures without a change.
    const binh = row("Bình");
    const b2 = taskFigures(TASKS.binh, Q2_END);
    expect(binh).toMatchObject({ state: "submitted", late: false, submittedOn: "2026-06-10" });
    expect(binh.figures.taskCompletion).toMatchObject({
      ratio: { numerator: b2.done, denominator: b2.total },
      previous: null,
      change: null,
      trend: null,
    });
    expect(binh.figures.taskCompletion.value).toBeCloseTo(b2.percent, 6);

    // Em: returned, its frozen figures still shown. Dũng: a draft is never read. Cường: nothing.
    const em = row("Em");
    expect(em).toMatchObject({ state: "returned", version: 1 });
    expect(em.figures.taskCompletion.value).toBeCloseTo(taskFigures(TASKS.em, Q2_END).percent, 6);
    for (const name of ["Dũng", "Cường"]) {
      const owing = row(name);
      expect(owing).toMatchObject({
        state: "owes",
        late: true,
        version: 0,
        reportId: null,
        figuresAsOf: null,
      });
      expect(owing.figures.taskCompletion.value).toBeNull();
      expect(owing.figures.tasksOverdue.value).toBeNull();
    }
  });

  it("compares quarter I with quarter IV of the year before", async () => {
    const data = (await reviewer.get(path("2026-04-01", province.id, kindId, "2026-Q1"))).body.data;
    expect(data.previousPeriod).toEqual({ key: "2025-Q4", label: "Quý IV/2025" });
    const an = data.rows.find((r: { name: string }) => r.name.endsWith("An"));
    const q1 = taskFigures(TASKS.an, Q1_END);
    // Nothing was sent for quarter IV: the figure stands alone, without a trend.
    expect(an).toMatchObject({ state: "submitted", reportId: reportIds["an|2026-Q1"] });
    expect(an.figures.taskCompletion).toMatchObject({
      ratio: { numerator: q1.done, denominator: q1.total },
      previous: null,
      trend: null,
    });
  });

  it("puts the units falling behind first, as of the given day", async () => {
    const names = async (on: string) =>
      ((await reviewer.get(path(on))).body.data.rows as { name: string }[]).map((r) =>
        r.name.replace("Phường Thử ", ""),
      );
    // After the due date the units that have sent nothing lead (by name: none has figures), then
    // the returned one, then what is sent, then what is accepted.
    expect(await names("2026-07-01")).toEqual(["Cường", "Dũng", "Em", "Bình", "An"]);
    // Before it, the returned report leads; not having sent yet is not late.
    expect(await names("2026-06-01")).toEqual(["Em", "Cường", "Dũng", "Bình", "An"]);
  });

  it("is the upper unit's: refused to a ward, to another province, and for a wrong period", async () => {
    const ward = await focal.an.get(path("2026-07-01"));
    expect(ward.status).toBe(404);
    expect(ward.body.error.code).toBe("UNIT_NOT_FOUND");
    const foreignKind = await reviewer.get(path("2026-07-01", province.id, otherKindId));
    expect(foreignKind.status).toBe(404);
    expect(foreignKind.body.error.code).toBe("REPORT_KIND_NOT_FOUND");
    const period = await reviewer.get(path("2026-07-01", province.id, kindId, "2026-H1"));
    expect(period.status).toBe(400);
    expect(period.body.error.code).toBe("REPORT_PERIOD_NOT_OWED");
    const malformed = await reviewer.get(
      `/api/reports/overview/units?unitId=${province.id}&kindId=x&periodKey=2026-Q2`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/[ạ-ỹ]/);
  });
});
