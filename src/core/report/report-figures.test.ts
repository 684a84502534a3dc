import { describe, expect, it } from "vitest";
import {
  bucketTasks,
  compareVersions,
  starterNarrative,
  taskBucketOf,
  type ReportFigures,
} from "./report-figures.ts";

const task = (stored: string, dueDate: string | null, completedOn: string | null = null) => ({
  stored,
  dueDate,
  completedOn,
});

describe("task buckets", () => {
  it("puts a task in one of the four buckets as of a day", () => {
    const asOf = "2026-03-14";
    expect(taskBucketOf(task("completed", "2026-03-01", "2026-03-01"), asOf)).toBe("doneOnTime");
    expect(taskBucketOf(task("completed", "2026-03-01", "2026-03-02"), asOf)).toBe("doneLate");
    expect(taskBucketOf(task("completed", "2026-03-01", "2026-03-20"), asOf)).toBe("overdue");
    expect(taskBucketOf(task("in_progress", "2026-03-14"), asOf)).toBe("inProgress");
    expect(taskBucketOf(task("not_started", "2026-03-13"), asOf)).toBe("overdue");
    expect(taskBucketOf(task("paused", "2026-03-01"), asOf)).toBe("inProgress");
    expect(taskBucketOf(task("cancelled", "2026-03-01"), asOf)).toBeNull();
  });

  it("counts per area and leaves out areas with nothing counted", () => {
    const section = bucketTasks(
      [
        {
          key: "a",
          heading: "A",
          tasks: [task("completed", "2026-01-10", "2026-01-05"), task("in_progress", "2026-01-10")],
        },
        { key: "b", heading: "B", tasks: [task("cancelled", "2026-01-10")] },
      ],
      "2026-03-14",
    );
    expect(section.areas.map((a) => a.key)).toEqual(["a"]);
    expect(section.total).toEqual({
      doneOnTime: 1,
      doneLate: 0,
      inProgress: 0,
      overdue: 1,
      total: 2,
    });
    expect(bucketTasks([], "2026-03-14").available).toBe(false);
  });
});

const figures = (overdue: number): ReportFigures => ({
  unit: { id: "u", name: "Phường A", code: "A" },
  period: {
    key: "2026-Q1",
    label: "Quý I/2026",
    from: "2026-01-01",
    to: "2026-03-31",
    asOf: "2026-03-31",
  },
  tasks: bucketTasks(
    [
      {
        key: "a",
        heading: "Cải cách thể chế",
        tasks: Array.from({ length: overdue }, () => task("in_progress", "2026-01-10")),
      },
    ],
    "2026-03-31",
  ),
  targets: { available: false, items: [] },
  oneStop: {
    available: false,
    received: 0,
    carriedOver: 0,
    resolved: 0,
    onTime: { numerator: 0, denominator: 0 },
    pendingAtEnd: 0,
    overdueAtEnd: 0,
    online: { numerator: 0, denominator: 0 },
    apology: { numerator: 0, denominator: 0 },
  },
  feedback: {
    available: false,
    received: 0,
    onTime: { numerator: 0, denominator: 0 },
    pending: 0,
    overdue: 0,
  },
  satisfaction: {
    available: true,
    rate: { numerator: 45, denominator: 50 },
    respondents: 10,
    isSmallSample: true,
  },
  serviceIndex766: { available: false, total: null, scale: 100, band: null },
});

describe("starter narrative and comparison", () => {
  it("writes only what the figures hold", () => {
    const text = starterNarrative(figures(2));
    expect(text.results).toContain("tổng số 2 nhiệm vụ");
    expect(text.results).toContain("90,00%");
    expect(text.results).not.toMatch(/hồ sơ|766/);
    expect(text.shortcomings).toContain(
      "Còn 2 nhiệm vụ quá hạn chưa hoàn thành (Cải cách thể chế)",
    );
  });

  it("lists what changed between two versions", () => {
    const changes = compareVersions(
      { figures: figures(2), narrative: { results: "a" } },
      { figures: figures(3), narrative: { results: "b" } },
    );
    expect(changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ["tasks.a.overdue", "2", "3"],
      ["tasks.a.total", "2", "3"],
      ["tasks.total.overdue", "2", "3"],
      ["tasks.total.total", "2", "3"],
      ["narrative.results", "a", "b"],
    ]);
  });
});
