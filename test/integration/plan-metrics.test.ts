import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCounts, KPI_BY_CODE } from "../../src/core/kpi/index.ts";
import { ratioPercent } from "../../src/core/text/number-format.ts";
import {
  dossierKpiCounts,
  feedbackKpiCounts,
} from "../../src/server/db/repositories/kpi.repository.ts";
import { loadUnitTree } from "../../src/server/db/repositories/unit.repository.ts";
import { loadSchedules } from "../../src/server/services/calendar.service.ts";
import { kpiWorkingDaysFor } from "../../src/server/services/kpi-calendar.ts";
import { makeDesk, makeProcedure, makeUnit, type MadeUnit } from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/** Plan targets measured live from one-stop dossiers, through the metric registry. */
let t: TestApp;
let clerk: ApiClient;
let focal: ApiClient;
let procedureId: string;
let unitId: string;
let oldWard: MadeUnit;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const team = await makeWardTeam(db, ["clerk", "focal"]);
  unitId = team.ward.id;
  // The ward was made on 01/07/2025 by merging an older ward into it.
  oldWard = await makeUnit(db, {
    parent: team.province,
    validTo: "2025-06-30",
    mergedInto: team.ward,
  });
  await makeDesk(db, team.ward);
  procedureId = (await makeProcedure(db, team.ward)).id;
  clerk = await t.signedIn(team.users.clerk.username, team.users.clerk.password);
  focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
});
afterAll(() => t.close());

/** The plan metrics measured from the KPI counts (dossier-metrics.ts), named as their KPIs. */
const TARGET_KPI_METRICS = [
  "on_time_rate",
  "late_apology_rate",
  "online_dossier_rate",
  "full_online_rate",
  "digitized_result_rate",
  "digitized_dossier_rate",
  "online_payment_rate",
  "feedback_on_time_rate",
] as const;

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function receive(receivedAt: string, channel = "in_person") {
  const r = await clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Nguyễn Thị Thuỷ",
    applicantPhone: "0912 345 678",
    channel,
    receivedAt,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { id: string; dueDate: string };
}

async function resolve(id: string, on: string) {
  const handOver = await clerk.post(`/api/dossiers/${id}/transitions`, {
    action: "hand_over",
    at: `${on} 09:30`,
  });
  expect(handOver.status, JSON.stringify(handOver.body)).toBe(200);
  const r = await clerk.post(`/api/dossiers/${id}/transitions`, {
    action: "resolve",
    at: `${on} 10:00`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe("targets measured from one-stop dossiers", () => {
  it("computes on-time, apology and online rates for the plan's period", async () => {
    const plan = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử số liệu Một cửa tháng 9/2025",
      period: { kind: "other", start: "2025-09-01", end: "2025-09-30" },
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
      ],
    });
    const planId = plan.body.data.id;
    const empty = (await focal.get(`/api/plans/${planId}`)).body.data.targets;
    expect(empty.map((x: any) => [x.measuredAutomatically, x.measured, x.state])).toEqual([
      [true, null, "no_data"],
      [true, null, "no_data"],
      [true, null, "no_data"],
    ]);

    const a = await receive("2025-09-03 09:00");
    const b = await receive("2025-09-04 09:00", "online");
    const c = await receive("2025-09-05 09:00");
    await receive("2025-09-08 09:00");
    await resolve(a.id, a.dueDate);
    await resolve(b.id, b.dueDate);
    const late = addDays(c.dueDate, 7);
    const apology = await clerk.post(`/api/dossiers/${c.id}/apologies`, {
      reason: "Chờ ý kiến cơ quan phối hợp",
      newDueDate: late,
      at: `${c.dueDate} 16:00`,
    });
    expect(apology.status, JSON.stringify(apology.body)).toBe(201);
    await resolve(c.id, late);

    const [onTime, apologies, online] = (await focal.get(`/api/plans/${planId}`)).body.data.targets;
    expect(onTime.measured).toBeCloseTo((2 / 3) * 100, 5);
    expect(onTime).toMatchObject({ state: "not_achieved", measuredText: "66,67%" });
    // The fourth dossier is still open past its due date: late, and without an apology yet.
    expect(apologies).toMatchObject({ measured: 50, state: "not_achieved" });
    expect(online.measured).toBe(25);
  });

  it("counts a merged-away ward's dossiers for the new ward when the plan period reaches before the merger", async () => {
    expect(oldWard.validTo).toBe("2025-06-30");
    const plan = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử số liệu Một cửa quý II/2025 (trước sáp nhập)",
      period: { kind: "other", start: "2025-04-01", end: "2025-06-30" },
      targets: [
        {
          text: "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%",
          metric: "on_time_rate",
          comparator: "gte",
          value: 100,
          unit: "percent",
        },
      ],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const planId = plan.body.data.id;
    expect((await focal.get(`/api/plans/${planId}`)).body.data.targets[0].state).toBe("no_data");

    // A dossier of the old ward, received and resolved in June 2025 (history kept by the merger):
    // received here through the desk, then placed in the old ward's June as an import would.
    const dossier = await receive("2025-09-15 09:00");
    await resolve(dossier.id, dossier.dueDate);
    await t.db.database.db.execute(sql`
      update dossiers set unit_id = ${oldWard.id}::uuid,
        received_at = received_at - interval '92 days', finished_at = finished_at - interval '92 days',
        returned_at = returned_at - interval '92 days', counted_from = counted_from - 92,
        due_date = due_date - 92, original_due_date = original_due_date - 92
      where id = ${dossier.id}::uuid`);

    const [onTime] = (await focal.get(`/api/plans/${planId}`)).body.data.targets;
    expect(onTime).toMatchObject({ measured: 100, state: "achieved" });
  });
});

/** The day itself, or the Monday after it when it falls on a weekend (no holidays in October). */
function weekday(iso: string) {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, 2) : day === 0 ? addDays(iso, 1) : iso;
}

describe("a plan view's measured values are the raw computation's", () => {
  it("equals the KPI counts read from the raw dossier rows, for every one-stop target", async () => {
    // Dossiers of October 2025 and before it, in every class the rates count: carried over from
    // September, early, on time, late (with their apologies), online, still open and overdue.
    const carried = await receive("2025-09-26 09:00");
    const dossiers = [carried];
    for (const [index, day] of ["01", "02", "03", "06", "07", "08", "09", "10"].entries()) {
      dossiers.push(
        await receive(`2025-10-${day} 09:00`, index % 3 === 0 ? "online" : "in_person"),
      );
    }
    const [, early, onTime, lateOne, lateTwo] = dossiers;
    await resolve(carried.id, carried.dueDate);
    await resolve(early!.id, addDays(early!.dueDate, -1));
    await resolve(onTime!.id, onTime!.dueDate);
    // A late dossier is resolved after its apology (the desk refuses it before).
    for (const [dossier, daysLate] of [
      [lateOne!, 4],
      [lateTwo!, 2],
    ] as const) {
      const apology = await clerk.post(`/api/dossiers/${dossier.id}/apologies`, {
        reason: "Chờ ý kiến cơ quan phối hợp",
        newDueDate: weekday(addDays(dossier.dueDate, daysLate + 1)),
        at: `${dossier.dueDate} 16:00`,
      });
      expect(apology.status, JSON.stringify(apology.body)).toBe(201);
      await resolve(dossier.id, weekday(addDays(dossier.dueDate, daysLate)));
    }

    const metrics = TARGET_KPI_METRICS;
    const plan = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử số liệu Một cửa tháng 10/2025",
      period: { kind: "other", start: "2025-10-01", end: "2025-10-31" },
      targets: metrics.map((metric) => ({
        text: `Chỉ tiêu ${metric}`,
        metric,
        comparator: "gte",
        value: 50,
        unit: "percent",
      })),
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const view = await focal.get(`/api/plans/${plan.body.data.id}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);

    // The raw computation: the dossier rows themselves (not the rollups) and the feedback rows.
    const db = t.db.database.db;
    const period = { from: "2025-10-01", to: "2025-10-31" };
    const tree = await loadUnitTree(db);
    const query = { unitIds: tree.unitsCountingFor(unitId, period), period };
    const { index } = kpiWorkingDaysFor(await loadSchedules(db), period, "2026-01-15");
    const counts = addCounts(
      ...(await dossierKpiCounts(db, query, "none", index)).map((row) => row.counts),
      ...(await feedbackKpiCounts(db, query, "none")).map((row) => row.counts),
    );
    expect(counts.resolved).toBe(5);
    const expected = metrics.map((metric) => {
      const [numerator, denominator] = KPI_BY_CODE.get(metric)!.compute(counts);
      return [metric, ratioPercent(numerator, denominator)];
    });
    const measured = view.body.data.targets.map((x: any) => [x.metric, x.measured]);
    expect(measured).toEqual(expected);
    // Not all empty: the comparison would hold for a view that measured nothing.
    expect(
      measured.filter(([, value]: [string, number | null]) => value !== null).length,
    ).toBeGreaterThanOrEqual(4);
  });
});
