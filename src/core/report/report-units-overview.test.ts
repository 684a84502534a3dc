import { describe, expect, it } from "vitest";
import type { ReportFigures } from "./report-figures.ts";
import { unitsOverview, type OverviewUnitInput } from "./report-units-overview.ts";

/** Figures with the given task buckets and one-stop on-time counts (null: no one-stop data). */
function figures(
  tasks: { onTime: number; late: number; inProgress: number; overdue: number },
  onTime: [number, number] | null,
): ReportFigures {
  const total = tasks.onTime + tasks.late + tasks.inProgress + tasks.overdue;
  const buckets = {
    doneOnTime: tasks.onTime,
    doneLate: tasks.late,
    inProgress: tasks.inProgress,
    overdue: tasks.overdue,
    total,
  };
  const none = { numerator: 0, denominator: 0 };
  return {
    unit: { id: "u", name: "u", code: "u" },
    period: {
      key: "2026-Q2",
      label: "Quý II/2026",
      from: "2026-04-01",
      to: "2026-06-30",
      asOf: "2026-06-12",
    },
    tasks: {
      available: total > 0,
      asOf: "",
      areas: [{ key: "x", heading: "x", ...buckets }],
      total: buckets,
      rule: "",
    },
    targets: { available: false, items: [] },
    oneStop: {
      available: onTime !== null,
      received: 0,
      carriedOver: 0,
      resolved: onTime?.[1] ?? 0,
      onTime: { numerator: onTime?.[0] ?? 0, denominator: onTime?.[1] ?? 0 },
      pendingAtEnd: 0,
      overdueAtEnd: 0,
      online: none,
      apology: none,
    },
    feedback: { available: false, received: 0, onTime: none, pending: 0, overdue: 0 },
    satisfaction: { available: false, rate: none, respondents: 0, isSmallSample: false },
    serviceIndex766: { available: true, total: 71.5, scale: 100, band: null },
  };
}

const unit = (over: Partial<OverviewUnitInput> & { name: string }): OverviewUnitInput => ({
  unitId: over.name,
  status: "submitted",
  version: 1,
  reportId: `r-${over.name}`,
  submittedOn: "2026-06-10",
  figures: null,
  previousFigures: null,
  ...over,
});

describe("the leader's overview of the units", () => {
  it("sets each key figure against the previous period: difference and trend", () => {
    const [row] = unitsOverview(
      [
        unit({
          name: "Xã A",
          figures: figures({ onTime: 2, late: 1, inProgress: 0, overdue: 1 }, [3, 4]),
          previousFigures: figures({ onTime: 1, late: 0, inProgress: 1, overdue: 1 }, [3, 4]),
        }),
      ],
      "2026-06-15",
      "2026-07-01",
    );
    // 3 of 4 done (75%) against 1 of 3 (33,33…%): 41,67 points more.
    expect(row!.figures.taskCompletion).toEqual({
      ratio: { numerator: 3, denominator: 4 },
      value: 75,
      previous: (1 / 3) * 100,
      change: 41.67,
      trend: "up",
    });
    expect(row!.figures.tasksOverdue).toMatchObject({
      value: 1,
      previous: 1,
      change: 0,
      trend: "same",
    });
    expect(row!.figures.oneStopOnTime).toMatchObject({ value: 75, change: 0, trend: "same" });
    expect(row!.figures.index766).toMatchObject({ value: 71.5, previous: 71.5, trend: "same" });
    expect(row!.figures.parSelfTotal.value).toBeNull();
  });

  it("gives no rate and no trend for a zero denominator (không phát sinh)", () => {
    const [row] = unitsOverview(
      [
        unit({
          name: "Xã A",
          figures: figures({ onTime: 1, late: 0, inProgress: 0, overdue: 0 }, [0, 0]),
          previousFigures: figures({ onTime: 1, late: 0, inProgress: 0, overdue: 0 }, [1, 2]),
        }),
      ],
      "2026-06-15",
      "2026-07-01",
    );
    expect(row!.figures.oneStopOnTime).toEqual({
      ratio: { numerator: 0, denominator: 0 },
      value: null,
      previous: 50,
      change: null,
      trend: null,
    });
  });

  it("gives the day the sent version's figures were taken as of, none before a version", () => {
    const rows = unitsOverview(
      [
        unit({
          name: "Xã Sent",
          figures: figures({ onTime: 1, late: 0, inProgress: 0, overdue: 0 }, null),
        }),
        unit({ name: "Xã None", status: null, version: 0, reportId: null, submittedOn: null }),
      ],
      "2026-06-15",
      "2026-07-01",
    );
    const asOf = Object.fromEntries(rows.map((r) => [r.name, r.figuresAsOf]));
    expect(asOf).toEqual({ "Xã Sent": "2026-06-12", "Xã None": null });
  });

  it("puts the units falling behind first", () => {
    const done = (n: number) =>
      figures({ onTime: n, late: 0, inProgress: 0, overdue: 4 - n }, null);
    const rows = unitsOverview(
      [
        unit({ name: "Xã Accepted", status: "accepted", figures: done(1) }),
        unit({ name: "Xã Sent weak", figures: done(1) }),
        unit({ name: "Xã Sent strong", figures: done(3) }),
        unit({ name: "Xã Sent late", submittedOn: "2026-06-20", figures: done(4) }),
        unit({ name: "Xã Returned", status: "returned", figures: done(4) }),
        unit({ name: "Xã Draft", status: "draft", version: 0, submittedOn: null }),
        unit({ name: "Xã None", status: null, version: 0, reportId: null, submittedOn: null }),
      ],
      "2026-06-15",
      "2026-07-01",
    );
    expect(rows.map((r) => r.name)).toEqual([
      "Xã Draft",
      "Xã None",
      "Xã Returned",
      "Xã Sent late",
      "Xã Sent weak",
      "Xã Sent strong",
      "Xã Accepted",
    ]);
    expect(rows[0]).toMatchObject({ state: "owes", late: true, reportId: null });
  });
});
