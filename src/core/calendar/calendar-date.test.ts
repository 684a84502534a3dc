import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  formatVietnameseDate,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  weekdayOf,
} from "./calendar-date.ts";

const dayNumbers = fc.integer({ min: toDayNumber("1800-01-01"), max: toDayNumber("2200-12-31") });

describe("calendar dates", () => {
  it("agrees with the JavaScript UTC calendar on day numbers and weekdays", () => {
    fc.assert(
      fc.property(dayNumbers, (dayNumber) => {
        const utc = new Date(dayNumber * 86_400_000);
        expect(fromDayNumber(dayNumber)).toBe(utc.toISOString().slice(0, 10));
        expect(weekdayOf(fromDayNumber(dayNumber))).toBe(utc.getUTCDay());
      }),
    );
  });

  it("round-trips day numbers", () => {
    fc.assert(fc.property(dayNumbers, (n) => toDayNumber(fromDayNumber(n)) === n));
  });

  it("crosses month, leap-day and year boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("rejects impossible dates", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("26-02-01")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(() => toDayNumber("garbage")).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_DATE" }),
    );
  });

  it("formats dates the Vietnamese way", () => {
    expect(formatVietnameseDate("2026-04-27")).toBe("27/04/2026");
  });
});
