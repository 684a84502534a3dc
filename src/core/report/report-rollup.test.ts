import { describe, expect, it } from "vitest";
import { ratioPercent } from "../text/number-format.ts";
import type { ReportFigures } from "./report-figures.ts";
import { rollUp } from "./report-rollup.ts";

function figures(
  unitId: string,
  tasks: [string, number, number, number, number][],
  onTime: [number, number] | null,
): ReportFigures {
  const areas = tasks.map(([key, a, b, c, d]) => ({
    key,
    heading: `Lĩnh vực ${key}`,
    doneOnTime: a,
    doneLate: b,
    inProgress: c,
    overdue: d,
    total: a + b + c + d,
  }));
  const sum = (pick: (x: (typeof areas)[number]) => number) =>
    areas.reduce((s, x) => s + pick(x), 0);
  const ratio = (r: [number, number] | null) => ({
    numerator: r?.[0] ?? 0,
    denominator: r?.[1] ?? 0,
  });
  return {
    unit: { id: unitId, name: unitId, code: unitId },
    period: {
      key: "2026-Q1",
      label: "Quý I/2026",
      from: "2026-01-01",
      to: "2026-03-31",
      asOf: "2026-03-31",
    },
    tasks: {
      available: areas.length > 0,
      asOf: "2026-03-31",
      areas,
      total: {
        doneOnTime: sum((x) => x.doneOnTime),
        doneLate: sum((x) => x.doneLate),
        inProgress: sum((x) => x.inProgress),
        overdue: sum((x) => x.overdue),
        total: sum((x) => x.total),
      },
      rule: "",
    },
    targets: { available: false, items: [] },
    oneStop: {
      available: onTime !== null,
      received: onTime?.[1] ?? 0,
      carriedOver: 0,
      resolved: onTime?.[1] ?? 0,
      onTime: ratio(onTime),
      pendingAtEnd: 0,
      overdueAtEnd: 0,
      online: ratio(null),
      apology: ratio(null),
    },
    feedback: { available: false, received: 0, onTime: ratio(null), pending: 0, overdue: 0 },
    satisfaction: { available: false, rate: ratio(null), respondents: 0, isSmallSample: false },
    serviceIndex766: { available: false, total: null, scale: 100, band: null },
  };
}

describe("the upper level's roll-up", () => {
  const owing = ["a", "b", "c", "d"].map((id) => ({ unitId: id, name: `Xã ${id}` }));
  const versions = [
    {
      unitId: "a",
      review: "accepted" as const,
      version: 2,
      figures: figures(
        "a",
        [
          ["x", 1, 0, 1, 0],
          ["y", 0, 2, 0, 1],
        ],
        [1, 2],
      ),
    },
    {
      unitId: "b",
      review: "submitted" as const,
      version: 1,
      figures: figures("b", [["x", 3, 1, 0, 0]], [99, 100]),
    },
    // Returned: waiting for a correction, so not counted and listed as missing.
    {
      unitId: "c",
      review: "returned" as const,
      version: 1,
      figures: figures("c", [["x", 50, 0, 0, 0]], [0, 50]),
    },
  ];
  const result = rollUp({ owing, versions });

  it("sums the buckets per area and in total over submitted and accepted versions only", () => {
    const counted = versions.filter((v) => v.review !== "returned");
    for (const key of ["x", "y"]) {
      const expected = { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, total: 0 };
      for (const v of counted) {
        const area = v.figures.tasks.areas.find((a) => a.key === key);
        if (!area) continue;
        for (const k of Object.keys(expected) as (keyof typeof expected)[]) expected[k] += area[k];
      }
      expect(result.totals.tasks.areas.find((a) => a.key === key)).toMatchObject(expected);
    }
    expect(result.totals.tasks.total.total).toBe(
      counted.reduce((sum, v) => sum + v.figures.tasks.areas.reduce((s, a) => s + a.total, 0), 0),
    );
    expect(result.units.map((u) => u.unitId)).toEqual(["a", "b"]);
    expect(result.missing.map((u) => u.unitId)).toEqual(["c", "d"]);
  });

  it("recomputes a rate from summed numerators and denominators, never an average of rates", () => {
    expect(result.totals.oneStop.onTime).toEqual({ numerator: 100, denominator: 102 });
    const pooled = ratioPercent(100, 102)!;
    const averaged = (ratioPercent(1, 2)! + ratioPercent(99, 100)!) / 2;
    expect(pooled).toBeCloseTo(98.04, 2);
    expect(Math.abs(pooled - averaged)).toBeGreaterThan(20);
    expect(result.totals.oneStop.units).toBe(2);
  });

  it("keeps each unit's PAR self-score in its row and never averages them", () => {
    const par = (unitId: string, selfTotal: number | null) => ({
      ...figures(unitId, [], null),
      par: {
        available: selfTotal !== null,
        year: 2026,
        status: selfTotal !== null ? "draft" : null,
        statusLabel: null,
        methodologyName: null,
        scale: selfTotal !== null ? 100 : null,
        selfTotal,
        selfIndex: selfTotal,
        selfBand: null,
        appraisedTotal: null,
        areas: [],
      },
    });
    const scored = rollUp({
      owing,
      versions: [
        { unitId: "a", review: "accepted", version: 1, figures: par("a", 70) },
        { unitId: "b", review: "submitted", version: 1, figures: par("b", null) },
        // Frozen before the PAR self-score was part of the figures.
        { unitId: "c", review: "submitted", version: 1, figures: figures("c", [], null) },
      ],
    });
    expect(scored.totals.par).toEqual({ units: 1, withoutScorecard: 2 });
    expect(scored.units.map((u) => u.figures.par?.selfTotal ?? null)).toEqual([70, null, null]);
    expect(JSON.stringify(scored.totals)).not.toContain("70");
  });
});
