import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, isWeekend, toDayNumber } from "./calendar-date.ts";
import { OFFICIAL_SCHEDULES } from "./official-schedules.ts";
import { createWorkingCalendar } from "./working-calendar.ts";
import { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDay } from "./working-days.ts";

const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });

describe("working days", () => {
  it("skips weekends and holidays", () => {
    expect(isWorkingDay("2026-04-24", calendar)).toBe(true);
    expect(isWorkingDay("2026-04-25", calendar)).toBe(false);
    expect(nextWorkingDay("2026-04-24", calendar)).toBe("2026-04-28");
    expect(addWorkingDays("2026-04-24", 1, calendar)).toBe("2026-04-28");
    expect(addWorkingDays("2026-04-28", 2, calendar)).toBe("2026-05-04");
  });

  it("jumps over Tết", () => {
    expect(addWorkingDays("2026-02-12", 2, calendar)).toBe("2026-02-23");
    expect(countWorkingDays("2026-02-13", "2026-02-23", calendar)).toBe(1);
  });

  it("counts backwards with negative days", () => {
    expect(addWorkingDays("2026-02-23", -1, calendar)).toBe("2026-02-13");
    expect(countWorkingDays("2026-02-23", "2026-02-13", calendar)).toBe(-1);
    expect(addWorkingDays("2026-02-15", 0, calendar)).toBe("2026-02-15");
  });

  it("rejects fractional day counts", () => {
    expect(() => addWorkingDays("2026-02-23", 1.5, calendar)).toThrow(
      expect.objectContaining({ code: "CALENDAR_INVALID_DAYS" }),
    );
  });

  const dates = fc
    .integer({ min: toDayNumber("2021-06-01"), max: toDayNumber("2099-06-30") })
    .map(fromDayNumber);

  it("counts back exactly the working days it added", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -60, max: 60 }), (start, days) => {
        const end = addWorkingDays(start, days, calendar);
        expect(countWorkingDays(start, end, calendar)).toBe(days);
        if (days !== 0) expect(isWorkingDay(end, calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("treats every weekday that is not a holiday as a working day", () => {
    fc.assert(
      fc.property(dates, (date) => {
        const year = Number(date.slice(0, 4));
        const isListedDayOff = calendar
          .holidaysOf(year)
          .some((h) => h.date === date && h.kind !== "makeup_workday");
        const isMakeup = calendar
          .holidaysOf(year)
          .some((h) => h.date === date && h.kind === "makeup_workday");
        expect(isWorkingDay(date, calendar)).toBe(
          isMakeup || (!isWeekend(date) && !isListedDayOff),
        );
      }),
      { numRuns: 300 },
    );
  });
});
