import { describe, expect, it } from "vitest";
import { taskListFilterFrom, taskListPath } from "./task-list-params.ts";

const filterOf = (path: string) => taskListFilterFrom(new URL(path, "http://x").searchParams);

describe("the task list's address", () => {
  it("reads the due range with the other filters, and writes them back", () => {
    const path = taskListPath("/nhiem-vu", {
      view: "overdue",
      unitId: "ward-1",
      dueFrom: "2026-01-01",
      dueTo: "2026-03-31",
    });
    expect(path).toBe("/nhiem-vu?xem=overdue&don-vi=ward-1&han-tu=2026-01-01&han-den=2026-03-31");
    expect(filterOf(path)).toEqual({
      view: "overdue",
      planId: null,
      areaKey: null,
      agencyId: null,
      unitId: "ward-1",
      dueFrom: "2026-01-01",
      dueTo: "2026-03-31",
      counted: null,
    });
  });

  it("reads and writes the report's selection (only the tasks a report counts)", () => {
    const path = taskListPath("/nhiem-vu", {
      view: "all",
      unitId: "ward-1",
      dueFrom: "2026-01-01",
      dueTo: "2026-03-31",
      counted: "report",
    });
    expect(path).toBe(
      "/nhiem-vu?xem=all&don-vi=ward-1&han-tu=2026-01-01&han-den=2026-03-31&tinh=bao-cao",
    );
    expect(filterOf(path)).toMatchObject({ view: "all", counted: "report" });
    expect(filterOf("/nhiem-vu?xem=all&tinh=khac")).toMatchObject({ counted: null });
  });

  it("defaults to the user's own tasks and ignores what it cannot read", () => {
    expect(taskListPath("/nhiem-vu", {})).toBe("/nhiem-vu");
    expect(filterOf("/nhiem-vu?xem=khac&han-tu=31/03/2026&han-den=")).toMatchObject({
      view: "mine",
      dueFrom: null,
      dueTo: null,
    });
    expect(filterOf(taskListPath("/nhiem-vu", { view: "all", planId: "p" }))).toMatchObject({
      view: "all",
      planId: "p",
    });
  });
});
