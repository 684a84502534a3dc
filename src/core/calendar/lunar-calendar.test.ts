import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fromDayNumber, toDayNumber } from "./calendar-date.ts";
import {
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from "./lunar-calendar.ts";

describe("Vietnamese lunar calendar (UTC+7)", () => {
  it.each([
    [1985, "1985-01-21"], // China: 1985-02-20
    [2007, "2007-02-17"], // China: 2007-02-18
    [2030, "2030-02-02"], // China: 2030-02-03
    [2053, "2053-02-18"], // China: 2053-02-19
    [1968, "1968-01-29"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2029, "2029-02-13"],
    [2031, "2031-01-23"],
  ])("puts Tết %i on %s", (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, isLeapMonth: false });
    expect(solarToLunar(addDays(date, -1))).toMatchObject({ month: 12, year: year - 1 });
  });

  it("matches the lunar dates printed in the yearly Tết notices", () => {
    // 6150/TB-BLĐTBXH (Tết 2025) and 9441/TB-BNV (Tết 2026) give both calendars.
    expect(solarToLunar("2025-01-25")).toEqual({
      day: 26,
      month: 12,
      year: 2024,
      isLeapMonth: false,
    });
    expect(solarToLunar("2025-02-02")).toEqual({
      day: 5,
      month: 1,
      year: 2025,
      isLeapMonth: false,
    });
    expect(solarToLunar("2026-02-14")).toEqual({
      day: 27,
      month: 12,
      year: 2025,
      isLeapMonth: false,
    });
    expect(solarToLunar("2026-02-22")).toEqual({
      day: 6,
      month: 1,
      year: 2026,
      isLeapMonth: false,
    });
  });

  it.each([
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
    [2027, "2027-04-16"],
    [2028, "2028-04-04"],
    [2029, "2029-04-23"],
    [2030, "2030-04-12"],
  ])("puts Giỗ Tổ (10/3) %i on %s", (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
  });

  it("places leap months by the first month without a major solar term", () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(1985)).toBe(2); // China had leap 10 in 1984 instead
    expect(leapMonthOf(2033)).toBe(11);
    expect(lunarToSolar(1, 2, 2023, true)).toBe("2023-03-22");
    expect(solarToLunar("2025-07-25")).toEqual({ day: 1, month: 6, year: 2025, isLeapMonth: true });
  });

  it("rejects lunar dates that do not exist", () => {
    const invalid = expect.objectContaining({ code: "CALENDAR_INVALID_LUNAR_DATE" });
    expect(() => lunarToSolar(1, 3, 2024, true)).toThrow(invalid);
    expect(() => lunarToSolar(31, 1, 2024)).toThrow(invalid);
    expect(() => lunarToSolar(0, 1, 2024)).toThrow(invalid);
    const shortMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].find(
      (m) => lunarMonthLength(m, 2026) === 29,
    )!;
    expect(() => lunarToSolar(30, shortMonth, 2026)).toThrow(invalid);
    expect(() => solarToLunar("1899-12-31")).toThrow(
      expect.objectContaining({ code: "CALENDAR_YEAR_OUT_OF_RANGE" }),
    );
  });

  const solarDates = fc
    .integer({ min: toDayNumber("1900-01-01"), max: toDayNumber("2100-12-31") })
    .map(fromDayNumber);

  it("round-trips solar → lunar → solar for 1900–2100", () => {
    fc.assert(
      fc.property(solarDates, (date) => {
        const lunar = solarToLunar(date);
        expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.isLeapMonth)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it("advances one lunar day per solar day, in months of 29 or 30 days", () => {
    fc.assert(
      fc.property(solarDates, (date) => {
        fc.pre(date < "2100-12-31");
        const today = solarToLunar(date);
        const tomorrow = solarToLunar(addDays(date, 1));
        const length = lunarMonthLength(today.month, today.year, today.isLeapMonth);
        expect([29, 30]).toContain(length);
        if (today.day < length) expect(tomorrow).toEqual({ ...today, day: today.day + 1 });
        else expect(tomorrow.day).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
