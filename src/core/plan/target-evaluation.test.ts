import { describe, expect, it } from "vitest";
import {
  describeTarget,
  elapsedFraction,
  evaluateTarget,
  formatTargetValue,
  type TargetSpec,
} from "./target-evaluation.ts";

const onTimeRate: TargetSpec = { comparator: "gte", value: 99.7, unit: "percent", deadline: null };
const topTen: TargetSpec = {
  comparator: "rank_between",
  value: [1, 10],
  unit: "rank",
  deadline: null,
};

describe("evaluateTarget", () => {
  it("has no data without a measurement", () => {
    expect(
      evaluateTarget({ target: onTimeRate, measured: null, elapsedFraction: 0.5 }),
    ).toMatchObject({
      state: "no_data",
      label: "Chưa có số liệu",
      isMet: null,
      measuredText: "Chưa có số liệu",
    });
  });

  it("is achieved when the measurement meets the target, provisional until the period ends", () => {
    expect(
      evaluateTarget({ target: onTimeRate, measured: 99.7, elapsedFraction: 0.4 }),
    ).toMatchObject({
      state: "achieved",
      label: "Đạt",
      isFinal: false,
      measuredText: "99,70%",
      targetText: "từ 99,7% trở lên",
    });
    expect(evaluateTarget({ target: onTimeRate, measured: 100, elapsedFraction: 1 }).isFinal).toBe(
      true,
    );
  });

  it("is at risk while the period runs and the measurement falls short", () => {
    expect(
      evaluateTarget({ target: onTimeRate, measured: 98.25, elapsedFraction: 0.75 }),
    ).toMatchObject({
      state: "at_risk",
      label: "Có nguy cơ",
      measuredText: "98,25%",
    });
  });

  it("is not achieved when the period is over and the measurement falls short", () => {
    expect(
      evaluateTarget({ target: onTimeRate, measured: 98.25, elapsedFraction: 1 }),
    ).toMatchObject({
      state: "not_achieved",
      label: "Chưa đạt",
      isFinal: true,
    });
  });

  it("reads a rank range inclusively (lower rank is better)", () => {
    const evaluate = (rank: number) =>
      evaluateTarget({ target: topTen, measured: rank, elapsedFraction: 1 }).state;
    expect([evaluate(1), evaluate(10), evaluate(11)]).toEqual([
      "achieved",
      "achieved",
      "not_achieved",
    ]);
    expect(describeTarget(topTen)).toBe("xếp hạng từ 1 đến 10");
  });

  it.each([
    [{ comparator: "gt", value: 90 }, 90, false],
    [{ comparator: "gt", value: 90 }, 90.01, true],
    [{ comparator: "eq", value: 100 }, 100, true],
    [{ comparator: "lte", value: 5 }, 5, true],
    [{ comparator: "lt", value: 5 }, 5, false],
  ] as const)("compares %o with %d", (goal, measured, isMet) => {
    const target = { ...goal, unit: "count", deadline: null } as TargetSpec;
    expect(evaluateTarget({ target, measured, elapsedFraction: 1 }).isMet).toBe(isMet);
  });
});

describe("display", () => {
  it("writes goal values as plans do", () => {
    expect(formatTargetValue(98.5, "percent")).toBe("98,5%");
    expect(formatTargetValue(85, "points")).toBe("85 điểm");
    expect(formatTargetValue(9.5, "points")).toBe("9,5 điểm");
    expect(formatTargetValue(10, "rank")).toBe("hạng 10");
    expect(describeTarget({ comparator: "lt", value: 2, unit: "percent", deadline: null })).toBe(
      "dưới 2%",
    );
  });
});

describe("elapsedFraction", () => {
  it("counts whole days before today", () => {
    expect(elapsedFraction("2026-01-01", "2026-12-31", "2026-01-01")).toBe(0);
    expect(elapsedFraction("2026-01-01", "2026-12-31", "2026-12-31")).toBeCloseTo(364 / 365, 10);
    expect(elapsedFraction("2026-01-01", "2026-12-31", "2027-01-01")).toBe(1);
    expect(elapsedFraction("2026-01-01", "2026-12-31", "2025-06-01")).toBe(0);
  });
});
