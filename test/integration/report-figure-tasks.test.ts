import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureTargets, type FigureTarget } from "../../src/core/report/report-figure-links.ts";
import { planTasks, plans } from "../../src/server/db/schema-plan.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * The overview's task figures open exactly the tasks the report counted (issue 16): a ward's
 * issued plan of 2025 with a parent task and its two sub-tasks, a cancelled task, an overdue
 * task and a task done on time; its report of Quý II/2025 is sent, and the task list opened with
 * each figure's link filters (`GET /api/tasks`) holds the figure's numbers. The period is in the
 * past, so the report's cut-off day is the quarter's end whatever day the test runs, and no
 * task is due on that day (the live list's "overdue" is as of today).
 */
let t: TestApp;
let ward: MadeUnit;
let focal: ApiClient;
let reviewer: ApiClient;
let periodFrom: string;
let periodTo: string;
let figures: {
  taskCompletion: { ratio: { numerator: number; denominator: number } };
  tasksOverdue: { value: number };
};

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  ward = await makeUnit(db, { parent: province });
  focal = await t.signedIn(
    (await makeUser(db, { unit: ward, role: "focal_officer" })).username,
    FACTORY_PASSWORD,
  );
  reviewer = await t.signedIn(
    (await makeUser(db, { unit: province, role: "reviewer" })).username,
    FACTORY_PASSWORD,
  );
  const [plan] = await db
    .insert(plans)
    .values({
      unitId: ward.id,
      title: "Kế hoạch CCHC năm 2025",
      periodKind: "year",
      periodLabel: "Năm 2025",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      status: "issued",
    })
    .returning();
  const task = (position: number, text: string, rest: Partial<typeof planTasks.$inferInsert>) => ({
    planId: plan!.id,
    position,
    text,
    status: "not_started" as const,
    ...rest,
  });
  const [parent] = await db
    .insert(planTasks)
    .values(task(1, "Nhiệm vụ cha", { dueDate: "2025-06-20", status: "in_progress" }))
    .returning();
  await db.insert(planTasks).values([
    task(2, "Nhiệm vụ con đã xong", {
      parentTaskId: parent!.id,
      dueDate: "2025-03-15",
      status: "completed",
      completedAt: "2025-03-01",
    }),
    task(3, "Nhiệm vụ con quá hạn", {
      parentTaskId: parent!.id,
      dueDate: "2025-05-01",
      status: "in_progress",
    }),
    task(4, "Nhiệm vụ đã hủy", { dueDate: "2025-04-01", status: "cancelled" }),
    task(5, "Nhiệm vụ quá hạn", { dueDate: "2025-02-01" }),
    task(6, "Nhiệm vụ đúng hạn", {
      dueDate: "2025-04-20",
      status: "completed",
      completedAt: "2025-04-10",
    }),
  ]);

  const kind = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
    name: "Báo cáo CCHC quý",
    periodKind: "quarterly",
    dueText: "trước ngày 15 tháng cuối quý",
    publish: true,
  });
  expect(kind.status, JSON.stringify(kind.body)).toBe(201);
  const opened = await focal.post(`/api/reports?unitId=${ward.id}`, {
    kindId: kind.body.data.id,
    periodKey: "2025-Q2",
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  const submitted = await focal.post(`/api/reports/${opened.body.data.id}/submit`, {});
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

  const overview = await reviewer.get(
    `/api/reports/overview/units?unitId=${province.id}&kindId=${kind.body.data.id}&periodKey=2025-Q2`,
  );
  expect(overview.status, JSON.stringify(overview.body)).toBe(200);
  ({ periodFrom, periodTo } = overview.body.data);
  const row = overview.body.data.rows.find((r: { unitId: string }) => r.unitId === ward.id);
  figures = row.figures;
}, 180_000);

afterAll(async () => {
  await t?.close();
});

/** The tasks a figure's link opens: the task API with the filters the task list reads. */
async function linkedTasks(target: FigureTarget) {
  if (target.page !== "tasks") throw new Error(`not a task figure: ${target.page}`);
  const query = new URLSearchParams({
    view: target.view,
    unitId: target.unitId,
    dueFrom: target.dueFrom,
    dueTo: target.dueTo,
    counted: target.counted,
  });
  const response = await reviewer.get(`/api/tasks?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data as { text: string; status: string }[];
}

describe("the overview's task figures open the tasks they counted", () => {
  it("counts the sub-tasks, not their parent, and leaves the cancelled task out", async () => {
    // What the report counted: 4 leaf tasks not cancelled, 2 done, 2 overdue at 30/06/2025.
    expect(figures.taskCompletion.ratio).toEqual({ numerator: 2, denominator: 4 });
    expect(figures.tasksOverdue.value).toBe(2);
  });

  it("opens a list holding exactly the figures' tasks", async () => {
    const targets = figureTargets({ unitId: ward.id }, { from: periodFrom, to: periodTo });
    const all = await linkedTasks(targets.taskCompletion);
    expect(all.map((task) => task.text).sort()).toEqual(
      [
        "Nhiệm vụ con quá hạn",
        "Nhiệm vụ con đã xong",
        "Nhiệm vụ quá hạn",
        "Nhiệm vụ đúng hạn",
      ].sort(),
    );
    expect(all).toHaveLength(figures.taskCompletion.ratio.denominator);
    expect(all.filter((task) => task.status === "completed")).toHaveLength(
      figures.taskCompletion.ratio.numerator,
    );
    const overdue = await linkedTasks(targets.tasksOverdue);
    expect(overdue.map((task) => task.text).sort()).toEqual(
      ["Nhiệm vụ con quá hạn", "Nhiệm vụ quá hạn"].sort(),
    );
    expect(overdue).toHaveLength(figures.tasksOverdue.value);
  });

  it("held the parent and the cancelled task without the report's selection", async () => {
    const response = await reviewer.get(
      `/api/tasks?view=all&unitId=${ward.id}&dueFrom=2025-01-01&dueTo=2025-06-30`,
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(6);
  });
});
