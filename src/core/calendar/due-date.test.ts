import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber } from "./calendar-date.ts";
import { dueDate } from "./due-date.ts";
import { OFFICIAL_SCHEDULES } from "./official-schedules.ts";
import { createWorkingCalendar } from "./working-calendar.ts";
import { countWorkingDays, isWorkingDay } from "./working-days.ts";

const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });
const due = (receivedAt: string, processingDays: number, cutoff?: string) =>
  dueDate({ receivedAt, processingDays, cutoff }, calendar);

describe("due date", () => {
  it("does not count the day of receipt", () => {
    // Tuesday 10/03/2026, before the cut-off: Wed, Thu, Fri.
    expect(due("2026-03-10 09:00", 3)).toEqual({ due: "2026-03-13", countedFrom: "2026-03-10" });
  });

  it("moves a dossier received at or after 15:00 to the next working day", () => {
    expect(due("2026-03-10 14:59", 3)).toEqual({ due: "2026-03-13", countedFrom: "2026-03-10" });
    expect(due("2026-03-10 15:00", 3)).toEqual({ due: "2026-03-16", countedFrom: "2026-03-11" });
    expect(due("2026-03-10 15:01", 3)).toEqual({ due: "2026-03-16", countedFrom: "2026-03-11" });
    expect(due("2026-03-10 14:59:59", 3).countedFrom).toBe("2026-03-10");
  });

  it("honours a configured cut-off", () => {
    expect(due("2026-03-10 16:30", 3, "17:00").countedFrom).toBe("2026-03-10");
    expect(due("2026-03-10 11:30", 3, "11:30").countedFrom).toBe("2026-03-11");
  });

  it("carries a Friday-afternoon dossier to Monday", () => {
    expect(due("2026-03-13 15:30", 1)).toEqual({ due: "2026-03-17", countedFrom: "2026-03-16" });
    expect(due("2026-03-13 10:00", 1)).toEqual({ due: "2026-03-16", countedFrom: "2026-03-13" });
  });

  it("carries a dossier received on the eve of Tết past the holiday", () => {
    // Friday 13/02/2026 is the last working day before Tết (off 14–22/02).
    expect(due("2026-02-13 16:10", 3)).toEqual({ due: "2026-02-26", countedFrom: "2026-02-23" });
    expect(due("2026-02-13 14:59", 3)).toEqual({ due: "2026-02-25", countedFrom: "2026-02-13" });
  });

  it("counts a dossier received on a day off from the next working day", () => {
    // Giỗ Tổ on Sunday 26/04/2026, made up on Monday 27/04; then 30/4 and 1/5 and a weekend.
    expect(due("2026-04-26 09:00", 2)).toEqual({ due: "2026-05-04", countedFrom: "2026-04-28" });
    expect(due("2026-03-14 08:00", 0)).toEqual({ due: "2026-03-16", countedFrom: "2026-03-16" });
  });

  it("treats a make-up Saturday as a working day", () => {
    expect(due("2026-08-22 09:00", 1)).toEqual({ due: "2026-08-24", countedFrom: "2026-08-22" });
  });

  it("resolves same-day procedures on the day, or the next working day after the cut-off", () => {
    expect(due("2026-03-10 10:00", 0)).toEqual({ due: "2026-03-10", countedFrom: "2026-03-10" });
    expect(due("2026-03-10 15:10", 0)).toEqual({ due: "2026-03-11", countedFrom: "2026-03-11" });
  });

  it("rejects bad input with a code", () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => due("garbage", 3)).toThrow(code("CALENDAR_INVALID_DATE"));
    expect(() => due("2026-02-30 10:00", 3)).toThrow(code("CALENDAR_INVALID_DATE"));
    expect(() => due("2026-03-10 24:00", 3)).toThrow(code("CALENDAR_INVALID_DATE"));
    expect(() => due("2026-03-10 10:00", -1)).toThrow(code("CALENDAR_INVALID_DAYS"));
    expect(() => due("2026-03-10 10:00", 2.5)).toThrow(code("CALENDAR_INVALID_DAYS"));
    expect(() => due("2026-03-10 10:00", 2, "3pm")).toThrow(code("CALENDAR_INVALID_TIME"));
  });

  const receipts = fc.record({
    day: fc
      .integer({ min: toDayNumber("2021-01-01"), max: toDayNumber("2099-06-30") })
      .map(fromDayNumber),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    days: fc.integer({ min: 0, max: 90 }),
  });

  it("always falls on a working day, exactly the processing days after the day counted from", () => {
    fc.assert(
      fc.property(receipts, ({ day, hour, minute, days }) => {
        const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        const result = due(`${day} ${time}`, days);
        expect(isWorkingDay(result.due, calendar)).toBe(true);
        expect(isWorkingDay(result.countedFrom, calendar)).toBe(true);
        expect(result.countedFrom >= day).toBe(true);
        expect(countWorkingDays(result.countedFrom, result.due, calendar)).toBe(days);
        const sameDay = result.countedFrom === day;
        expect(sameDay).toBe(time < "15:00" && isWorkingDay(day, calendar));
      }),
      { numRuns: 300 },
    );
  });
});
