import { describe, expect, it } from "vitest";
import { parseTimeline } from "./timeline-parser.ts";
import { occurrencesOf } from "./timeline-occurrences.ts";
import type { PlanPeriod } from "./timeline.ts";

const YEAR_2026: PlanPeriod = { periodStart: "2026-01-01", periodEnd: "2026-12-31" };
const SECOND_HALF_2025: PlanPeriod = { periodStart: "2025-07-01", periodEnd: "2025-12-31" };

function occurrences(text: string, period: PlanPeriod = YEAR_2026) {
  return occurrencesOf(parseTimeline(text, period), period);
}

describe("occurrencesOf", () => {
  it("gives one occurrence per month of the period, due on the report day", () => {
    const monthly = occurrences("Báo cáo trước ngày 15 hằng tháng");
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toEqual({
      label: "Tháng 01/2026",
      span: { start: "2026-01-01", end: "2026-01-31" },
      dueDate: "2026-01-15",
    });
    expect(monthly.map((occurrence) => occurrence.dueDate)).toContain("2026-02-15");
  });

  it("clamps a report day to short months", () => {
    const due = occurrences("ngày 31 hằng tháng").map((occurrence) => occurrence.dueDate);
    expect(due).toContain("2026-02-28");
    expect(due).toContain("2026-04-30");
    expect(due).toContain("2026-05-31");
  });

  it("gives quarters of a half-year plan only, due at quarter end without a report day", () => {
    expect(occurrences("Hằng quý", SECOND_HALF_2025)).toEqual([
      {
        label: "Quý III/2025",
        span: { start: "2025-07-01", end: "2025-09-30" },
        dueDate: "2025-09-30",
      },
      {
        label: "Quý IV/2025",
        span: { start: "2025-10-01", end: "2025-12-31" },
        dueDate: "2025-12-31",
      },
    ]);
  });

  it("puts a quarterly report day in the quarter's last month", () => {
    expect(
      occurrences("Hằng quý (trước ngày 15 tháng cuối quý)").map(
        (occurrence) => occurrence.dueDate,
      ),
    ).toEqual(["2026-03-15", "2026-06-15", "2026-09-15", "2026-12-15"]);
  });

  it("gives half-years and years", () => {
    expect(occurrences("định kỳ 6 tháng").map((occurrence) => occurrence.label)).toEqual([
      "6 tháng đầu năm 2026",
      "6 tháng cuối năm 2026",
    ]);
    expect(occurrences("Hằng năm, trước ngày 15/12")).toEqual([
      {
        label: "Năm 2026",
        span: { start: "2026-01-01", end: "2026-12-31" },
        dueDate: "2026-12-15",
      },
    ]);
  });

  it("covers every year of a multi-year plan", () => {
    const period = { periodStart: "2024-10-01", periodEnd: "2025-03-31" };
    expect(occurrences("Hằng quý", period).map((occurrence) => occurrence.label)).toEqual([
      "Quý IV/2024",
      "Quý I/2025",
    ]);
  });

  it("gives one occurrence per named quarter", () => {
    expect(occurrences("Quý II và Quý IV/2026").map((occurrence) => occurrence.dueDate)).toEqual([
      "2026-06-30",
      "2026-12-31",
    ]);
  });

  it("gives a single occurrence for a date, a range or a whole period", () => {
    expect(occurrences("30/9/2026")).toEqual([
      {
        label: "30/09/2026",
        span: { start: "2026-09-30", end: "2026-09-30" },
        dueDate: "2026-09-30",
      },
    ]);
    expect(occurrences("Từ Quý IV/2023 đến Quý I/2024")).toEqual([
      {
        label: "Từ 01/10/2023 đến 31/03/2024",
        span: { start: "2023-10-01", end: "2024-03-31" },
        dueDate: "2024-03-31",
      },
    ]);
    expect(occurrences("Thường xuyên trong năm")).toHaveLength(1);
    expect(occurrences("Cả năm 2026")[0]?.label).toBe("Năm 2026");
  });

  it("orders a composite's occurrences by due date", () => {
    const due = occurrences("chậm nhất ngày 01/3/2026; chậm nhất ngày 20/02/2026").map(
      (occurrence) => occurrence.dueDate,
    );
    expect(due).toEqual(["2026-02-20", "2026-03-01"]);
  });

  it("gives one occurrence per due day when a composite's cycles end together", () => {
    const found = occurrences("Định kỳ hằng quý, 6 tháng và năm");
    expect(found.map((occurrence) => occurrence.dueDate)).toEqual([
      ...new Set(found.map((occurrence) => occurrence.dueDate)),
    ]);
    expect(found.find((occurrence) => occurrence.dueDate === "2026-06-30")?.label).toBe(
      "Quý II/2026, 6 tháng đầu năm 2026",
    );
  });

  it("gives none for an unparsed timeline", () => {
    expect(occurrences("Theo quy định")).toEqual([]);
  });
});
