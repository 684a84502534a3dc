import { describe, expect, it } from "vitest";
import { figureTargets, oneStopTarget } from "../../../core/report/report-figure-links.ts";
import { selectionFrom } from "../dashboard/period.ts";
import { surveySelectionFrom } from "../sipas/survey-params.ts";
import { taskListFilterFrom } from "../tasks/task-list-params.ts";
import { figurePath } from "./figure-paths.ts";

const Q1 = { from: "2026-01-01", to: "2026-03-31" };
const params = (path: string) => new URL(path, "http://x").searchParams;

describe("the pages a figure of the leader's overview opens", () => {
  const targets = figureTargets({ unitId: "ward" }, Q1);

  it("opens the KPI dossiers of the unit and quarter, as the dashboards read their address", () => {
    const path = figurePath(targets.oneStopOnTime)!;
    expect(path).toBe(
      "/bang-dieu-khien/ho-so?unitId=ward&period=quarter&year=2026&number=1&set=resolved",
    );
    // What the drill-down page reads back (its defaults would be the viewer's unit and today).
    expect(selectionFrom(params(path), "mine", "2026-12-03")).toEqual({
      unitId: "ward",
      period: "quarter",
      year: 2026,
      number: 1,
    });
    expect(params(figurePath(oneStopTarget({ unitId: "ward" }, Q1, "late"))!).get("set")).toBe(
      "late",
    );
    const custom = figurePath(
      oneStopTarget({ unitId: "ward" }, { from: "2025-12-15", to: "2026-03-14" }, "resolved"),
    )!;
    expect(selectionFrom(params(custom), "mine", "2026-12-03")).toEqual({
      unitId: "ward",
      period: "custom",
      from: "2025-12-15",
      to: "2026-03-14",
    });
  });

  it("opens the tasks, SIPAS and the dashboard with the filters those pages read", () => {
    expect(taskListFilterFrom(params(figurePath(targets.tasksOverdue)!))).toMatchObject({
      view: "overdue",
      unitId: "ward",
      dueFrom: "2026-01-01",
      dueTo: "2026-03-31",
      counted: "report",
    });
    expect(figurePath(targets.taskCompletion)!.startsWith("/nhiem-vu?xem=all&")).toBe(true);
    expect(params(figurePath(targets.taskCompletion)!).get("tinh")).toBe("bao-cao");
    const sipas = figurePath(targets.satisfaction)!;
    expect(sipas.startsWith("/khao-sat?")).toBe(true);
    expect(surveySelectionFrom(params(sipas), { unitId: "mine", from: "x", to: "y" })).toEqual({
      unitId: "ward",
      ...Q1,
    });
    const dashboard = figurePath(targets.index766)!;
    expect(dashboard.startsWith("/bang-dieu-khien?")).toBe(true);
    expect(selectionFrom(params(dashboard), "mine", "2026-12-03")).toMatchObject({
      unitId: "ward",
      period: "quarter",
      number: 1,
    });
  });

  it("opens the unit's scorecard of the year when it has one", () => {
    expect(figurePath(targets.parSelfTotal)).toBeNull();
    const idOf = (unitId: string, year: number) =>
      unitId === "ward" && year === 2026 ? "sc-1" : null;
    expect(figurePath(targets.parSelfTotal, idOf)).toBe("/chi-so/phieu-cham/sc-1");
  });
});
