import { describe, expect, it } from "vitest";
import {
  measuredSelection,
  periodRange,
  selectionFrom,
  selectionQuery,
  trendRange,
  vietnamToday,
} from "./period.ts";

const UNIT = "00000000-0000-4000-8000-000000000001";

describe("the dashboard's selection", () => {
  it("defaults to the user's unit and the quarter of the given day", () => {
    expect(selectionFrom(new URLSearchParams(""), UNIT, "2026-08-15")).toEqual({
      unitId: UNIT,
      period: "quarter",
      year: 2026,
      number: 3,
    });
    expect(selectionFrom(new URLSearchParams("period=half"), UNIT, "2026-07-01").number).toBe(2);
  });

  it("reads and writes the KPI API's parameters", () => {
    const params = new URLSearchParams("unitId=u1&period=month&year=2025&number=11");
    const selection = selectionFrom(params, UNIT, "2026-08-15");
    expect(selection).toEqual({ unitId: "u1", period: "month", year: 2025, number: 11 });
    expect(selectionQuery(selection, { set: "late" })).toBe(
      "unitId=u1&period=month&year=2025&number=11&set=late",
    );
  });

  it("gives each period's first and last day", () => {
    const at = (period: "month" | "quarter" | "half" | "year", number?: number) =>
      periodRange({ unitId: UNIT, period, year: 2024, number });
    expect(at("month", 2)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(at("quarter", 4)).toEqual({ from: "2024-10-01", to: "2024-12-31" });
    expect(at("half", 1)).toEqual({ from: "2024-01-01", to: "2024-06-30" });
    expect(at("year")).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });

  it("cuts a running period at today, and leaves past and future ones", () => {
    const quarter = { unitId: UNIT, period: "quarter" as const, year: 2026, number: 1 };
    expect(measuredSelection(quarter, "2026-02-10")).toEqual({
      unitId: UNIT,
      period: "custom",
      from: "2026-01-01",
      to: "2026-02-10",
    });
    expect(measuredSelection(quarter, "2026-03-31")).toBe(quarter);
    expect(measuredSelection(quarter, "2025-12-31")).toBe(quarter);
  });

  it("takes twelve months up to a period's end for the trend", () => {
    expect(trendRange("2026-03-31")).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    expect(trendRange("2026-12-31")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("tells today in Vietnam, seven hours ahead of UTC", () => {
    expect(vietnamToday(new Date("2026-03-31T17:30:00Z"))).toBe("2026-04-01");
    expect(vietnamToday(new Date("2026-03-31T16:59:00Z"))).toBe("2026-03-31");
  });
});
