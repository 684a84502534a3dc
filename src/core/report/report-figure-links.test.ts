import { describe, expect, it } from "vitest";
import { periodsOf } from "./report-calendar.ts";
import {
  LIVE_RECORDS_NOTE,
  figureLinkTitle,
  figureTargets,
  oneStopTarget,
  periodSelectionOf,
} from "./report-figure-links.ts";

const period = (kind: "quarterly" | "half_yearly" | "yearly", year: number, index = 1) => {
  const found = periodsOf(kind, year).find((p) => p.index === index)!;
  return { from: found.from, to: found.to };
};

describe("the period a figure's link names", () => {
  it("names a report's calendar quarter, half-year and year as the dashboards do", () => {
    expect(periodSelectionOf(period("quarterly", 2026, 1))).toEqual({
      period: "quarter",
      year: 2026,
      number: 1,
    });
    expect(periodSelectionOf(period("quarterly", 2026, 4))).toEqual({
      period: "quarter",
      year: 2026,
      number: 4,
    });
    expect(periodSelectionOf(period("half_yearly", 2026))).toEqual({
      period: "half",
      year: 2026,
      number: 1,
    });
    expect(periodSelectionOf({ from: "2025-07-01", to: "2025-12-31" })).toEqual({
      period: "half",
      year: 2025,
      number: 2,
    });
    expect(periodSelectionOf(period("yearly", 2025))).toEqual({ period: "year", year: 2025 });
    expect(periodSelectionOf({ from: "2024-02-01", to: "2024-02-29" })).toEqual({
      period: "month",
      year: 2024,
      number: 2,
    });
  });

  it("keeps any other range as it is: a statistical cut-off quarter, a range across years", () => {
    const cutoff = periodsOf("quarterly", 2026, "statistical_cutoff")[0]!;
    expect(cutoff.from).toBe("2025-12-15");
    expect(periodSelectionOf(cutoff)).toEqual({
      period: "custom",
      from: "2025-12-15",
      to: "2026-03-14",
    });
    // Not a quarter: two months, or three months not starting a quarter.
    expect(periodSelectionOf({ from: "2026-01-01", to: "2026-02-28" }).period).toBe("custom");
    expect(periodSelectionOf({ from: "2026-02-01", to: "2026-04-30" }).period).toBe("custom");
    // Not ending on the month's last day.
    expect(periodSelectionOf({ from: "2026-01-01", to: "2026-03-30" }).period).toBe("custom");
    expect(periodSelectionOf({ from: "2025-01-01", to: "2026-12-31" }).period).toBe("custom");
  });
});

describe("the records behind each key figure of the overview", () => {
  it("leads a quarter's figures to the unit's dossiers, tasks, SIPAS, dashboard and scorecard", () => {
    const targets = figureTargets({ unitId: "ward" }, period("quarterly", 2026, 2));
    const q2 = { period: "quarter", year: 2026, number: 2 };
    expect(targets.oneStopOnTime).toEqual({
      page: "dossiers",
      unitId: "ward",
      period: q2,
      set: "resolved",
    });
    // Tasks as the report counts them: due from the start of the year to the quarter's end, only
    // the tasks its figures count (leaf tasks, not cancelled).
    expect(targets.taskCompletion).toEqual({
      page: "tasks",
      unitId: "ward",
      view: "all",
      dueFrom: "2026-01-01",
      dueTo: "2026-06-30",
      counted: "report",
    });
    expect(targets.tasksOverdue).toEqual({
      page: "tasks",
      unitId: "ward",
      view: "overdue",
      dueFrom: "2026-01-01",
      dueTo: "2026-06-30",
      counted: "report",
    });
    expect(targets.satisfaction).toEqual({
      page: "satisfaction",
      unitId: "ward",
      from: "2026-04-01",
      to: "2026-06-30",
    });
    expect(targets.index766).toEqual({ page: "dashboard", unitId: "ward", period: q2 });
    expect(targets.parSelfTotal).toEqual({ page: "scorecard", unitId: "ward", year: 2026 });
  });

  it("uses the half-year and the year for their reports", () => {
    const half = figureTargets({ unitId: "w" }, { from: "2025-07-01", to: "2025-12-31" });
    expect(half.oneStopOnTime).toMatchObject({ period: { period: "half", year: 2025, number: 2 } });
    expect(half.taskCompletion).toMatchObject({ dueFrom: "2025-01-01", dueTo: "2025-12-31" });
    expect(half.satisfaction).toMatchObject({ from: "2025-07-01", to: "2025-12-31" });
    const year = figureTargets({ unitId: "w" }, period("yearly", 2027));
    expect(year.index766).toMatchObject({ period: { period: "year", year: 2027 } });
    expect(year.parSelfTotal).toMatchObject({ year: 2027 });
  });

  it("takes the report year from the period's end when a cut-off period starts the year before", () => {
    const cutoff = periodsOf("quarterly", 2026, "statistical_cutoff")[0]!;
    const targets = figureTargets({ unitId: "w" }, cutoff);
    expect(targets.oneStopOnTime).toMatchObject({
      period: { period: "custom", from: "2025-12-15", to: "2026-03-14" },
    });
    expect(targets.taskCompletion).toMatchObject({ dueFrom: "2026-01-01", dueTo: "2026-03-14" });
    expect(targets.parSelfTotal).toMatchObject({ year: 2026 });
  });

  it("names the surviving unit for one that absorbed another during the period", () => {
    // Ward B took in ward A on 01/05/2026: B owes the quarter's report, and the KPI drill-down
    // counts A's dossiers through B (as the report's figures did); A has no row of its own.
    const targets = figureTargets({ unitId: "ward-b" }, period("quarterly", 2026, 2));
    for (const target of Object.values(targets)) expect(target.unitId).toBe("ward-b");
    expect(targets.oneStopOnTime).toMatchObject({
      period: { period: "quarter", year: 2026, number: 2 },
    });
  });

  it("opens the on-time and the late dossiers of the one-stop figure", () => {
    const q1 = period("quarterly", 2026, 1);
    expect(oneStopTarget({ unitId: "w" }, q1, "late")).toEqual({
      page: "dossiers",
      unitId: "w",
      period: { period: "quarter", year: 2026, number: 1 },
      set: "late",
    });
    expect(oneStopTarget({ unitId: "w" }, q1, "early_or_on_time")).toMatchObject({
      set: "early_or_on_time",
    });
  });

  it("says in the title that the records are live and the figures frozen", () => {
    expect(figureLinkTitle("Xem hồ sơ", "2026-03-15")).toBe(
      `Xem hồ sơ. ${LIVE_RECORDS_NOTE} (tính đến ngày 15/03/2026).`,
    );
    expect(figureLinkTitle("Xem hồ sơ", null)).toBe(`Xem hồ sơ. ${LIVE_RECORDS_NOTE}.`);
  });
});
