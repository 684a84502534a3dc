import { describe, expect, it } from "vitest";
import {
  bucketTasks,
  compareVersions,
  noParFigure,
  type ParFigure,
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

describe("the PAR self-score in the figures", () => {
  const par: ParFigure = {
    available: true,
    year: 2026,
    status: "draft",
    statusLabel: "Đang soạn",
    methodologyName: "Chỉ số CCHC cấp xã",
    scale: 100,
    selfTotal: 72.5,
    selfIndex: 72.5,
    selfBand: null,
    appraisedTotal: null,
    areas: [
      { code: "1", name: "Công tác chỉ đạo", max: 10, selfPoints: 7.5, appraisedPoints: null },
      { code: "2", name: "Thể chế", max: 90, selfPoints: 65, appraisedPoints: null },
    ],
  };

  it("states the self-score so far in the starter text, and nothing when there is no scorecard", () => {
    expect(starterNarrative({ ...figures(0), par }).results).toContain(
      "Tự chấm điểm Chỉ số cải cách hành chính năm 2026 (tính đến ngày chốt số liệu): 72,5/100 điểm (phiếu đang soạn).",
    );
    expect(starterNarrative({ ...figures(0), par: noParFigure(2026) }).results).not.toContain(
      "Chỉ số cải cách hành chính",
    );
  });

  it("compares the self-score between versions; a version frozen without it still compares", () => {
    const later = {
      ...par,
      selfTotal: 80,
      areas: [{ ...par.areas[0]!, selfPoints: 15 }, par.areas[1]!],
    };
    const changes = compareVersions(
      { figures: { ...figures(0), par }, narrative: {} },
      { figures: { ...figures(0), par: later }, narrative: {} },
    );
    expect(changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ["par.total", "72,5/100 điểm (phiếu đang soạn)", "80/100 điểm (phiếu đang soạn)"],
      ["par.1", "7,5/10", "15/10"],
    ]);
    // Version 1 frozen before the field existed: the self-score appears as new, nothing breaks.
    const old = compareVersions(
      { figures: figures(0), narrative: {} },
      { figures: { ...figures(0), par: noParFigure(2026) }, narrative: {} },
    );
    expect(old).toEqual([
      {
        path: "par.total",
        label: "Chỉ số CCHC tự chấm năm 2026",
        before: "—",
        after: "Chưa có dữ liệu",
      },
    ]);
  });
});
