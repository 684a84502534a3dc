import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/calendar-date.ts";
import { createWorkingCalendar } from "../calendar/working-calendar.ts";
import { countWorkingDays } from "../calendar/working-days.ts";
import {
  addCounts,
  emptyCounts,
  kpiFigures,
  metricInputsFromCounts,
  monthsOf,
  periodEndInstant,
  periodOf,
  periodStartInstant,
  procedureHasFee,
  rate,
  sumRates,
  workingDayIndex,
} from "./index.ts";

describe("periods in Vietnam time", () => {
  it("computes months, quarters, halves, years and custom ranges", () => {
    expect(periodOf({ kind: "month", year: 2024, number: 2 })).toMatchObject({
      from: "2024-02-01",
      to: "2024-02-29",
      label: "Tháng 2/2024",
    });
    expect(periodOf({ kind: "quarter", year: 2026, number: 3 })).toMatchObject({
      from: "2026-07-01",
      to: "2026-09-30",
      label: "Quý III/2026",
    });
    expect(periodOf({ kind: "half", year: 2026, number: 2 })).toMatchObject({
      from: "2026-07-01",
      to: "2026-12-31",
      label: "6 tháng cuối năm 2026",
    });
    expect(periodOf({ kind: "year", year: 2025 })).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
      label: "Năm 2025",
    });
    expect(periodOf({ kind: "custom", from: "2026-01-05", to: "2026-02-15" }).label).toBe(
      "Từ 05/01/2026 đến 15/02/2026",
    );
  });

  it("refuses what is not a period", () => {
    expect(() => periodOf({ kind: "quarter", year: 2026, number: 5 })).toThrow(/quý/);
    expect(() => periodOf({ kind: "month", number: 1 })).toThrow(/năm/);
    expect(() => periodOf({ kind: "custom", from: "2026-02-01", to: "2026-01-01" })).toThrow();
    expect(() => periodOf({ kind: "custom", from: "2000-01-01", to: "2026-01-01" })).toThrow();
  });

  it("starts and ends at Vietnam midnight", () => {
    const q = periodOf({ kind: "quarter", year: 2026, number: 1 });
    expect(periodStartInstant(q).toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(periodEndInstant(q).toISOString()).toBe("2026-03-31T17:00:00.000Z");
  });

  it("cuts a period into its months", () => {
    const months = monthsOf({ from: "2026-01-15", to: "2026-03-10" });
    expect(months.map((m) => [m.from, m.to])).toEqual([
      ["2026-01-15", "2026-01-31"],
      ["2026-02-01", "2026-02-28"],
      ["2026-03-01", "2026-03-10"],
    ]);
  });
});

describe("rates keep their numerator and denominator", () => {
  it("reads a zero denominator as 'không phát sinh', never 0 % or 100 %", () => {
    expect(rate(0, 0)).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
      text: "không phát sinh",
    });
    expect(rate(997, 1000).text).toBe("99,70%");
    expect(rate(1, 3).text).toBe("33,33%");
  });

  it("combines units by summing, never by averaging", () => {
    // 1/1 and 0/99: the average of rates would be 50 %, the combined rate is 1 %.
    expect(sumRates([rate(1, 1), rate(0, 99)])).toMatchObject({
      numerator: 1,
      denominator: 100,
      percent: 1,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { maxLength: 20 }), (pairs) => {
        const rates = pairs.map(([a, b]) => rate(Math.min(a, b), Math.max(a, b)));
        const combined = sumRates(rates);
        const n = rates.reduce((s, r) => s + r.numerator, 0);
        const d = rates.reduce((s, r) => s + r.denominator, 0);
        expect(combined.numerator).toBe(n);
        expect(combined.denominator).toBe(d);
        expect(combined.percent).toBe(d === 0 ? null : (n / d) * 100);
      }),
    );
  });

  it("computes every KPI of summed counts from the sums", () => {
    const a = {
      ...emptyCounts(),
      receivedNew: 3,
      carriedOver: 1,
      early: 1,
      onTime: 1,
      late: 1,
      resolved: 3,
      pendingAtEnd: 1,
    };
    const b = { ...emptyCounts(), receivedNew: 1, resolved: 1, late: 1, lateWithApology: 1 };
    const total = kpiFigures(addCounts(a, b));
    expect(total.rates.on_time_rate).toMatchObject({ numerator: 2, denominator: 4 });
    expect(total.rates.processing_on_time_rate).toMatchObject({ numerator: 3, denominator: 5 });
    expect(total.rates.late_apology_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(total.rates.online_payment_rate.text).toBe("không phát sinh");
    expect(total.counts.lateWithoutApology).toBe(1);
    expect(total.averageProcessingDays.text).toBe("không phát sinh");
    expect(
      kpiFigures({ ...emptyCounts(), processingDaysSum: 17, processingDaysCount: 4 })
        .averageProcessingDays.text,
    ).toBe("4,25");
  });

  it("gives the scoring engine numerators and denominators by the portal's codes", () => {
    const inputs = metricInputsFromCounts({
      ...emptyCounts(),
      receivedNew: 1000,
      early: 500,
      onTime: 400,
      pendingAtEnd: 20,
      late: 80,
      feedbackWithinCompetence: 0,
    });
    expect(inputs.ON_TIME).toEqual({ numerator: 920, denominator: 1000 });
    expect(inputs.PETITION_PROCESSING_ON_TIME).toEqual({ numerator: 0, denominator: 0 });
    expect(inputs.DOSSIER_RECEIVING_SATISFACTION).toEqual({ numerator: 920, denominator: 1000 });
    expect(inputs.PUBLISH_ON_TIME).toBeUndefined();
  });
});

describe("fees and working days", () => {
  it("tells a fee from none", () => {
    expect(procedureHasFee(null)).toBe(false);
    expect(procedureHasFee("  ")).toBe(false);
    expect(procedureHasFee("Miễn lệ phí")).toBe(false);
    expect(procedureHasFee("Không")).toBe(false);
    expect(procedureHasFee("0 đồng")).toBe(false);
    expect(procedureHasFee("50.000 đồng")).toBe(true);
    expect(procedureHasFee("Mức lệ phí do HĐND cấp tỉnh quyết định")).toBe(true);
  });

  it("counts working days from ordinals as the calendar does", () => {
    const calendar = createWorkingCalendar();
    const index = workingDayIndex("2025-01-01", "2026-12-31", calendar);
    fc.assert(
      fc.property(fc.nat(720), fc.nat(720), (a, b) => {
        const [from, to] = [
          addDays("2025-01-01", Math.min(a, b)),
          addDays("2025-01-01", Math.max(a, b)),
        ];
        const ord = (d: string) =>
          index.ordinals[Math.round((Date.parse(d) - Date.parse(index.base)) / 86_400_000)]!;
        expect(ord(to) - ord(from)).toBe(countWorkingDays(from, to, calendar));
      }),
    );
  });
});
