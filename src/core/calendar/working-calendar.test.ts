import { describe, expect, it } from "vitest";
import { addDays, weekdayOf } from "./calendar-date.ts";
import { lunarNewYear } from "./lunar-calendar.ts";
import {
  parseOfficialSchedule,
  selectOfficialSchedule,
  type OfficialSchedule,
} from "./official-schedule.ts";
import { OFFICIAL_SCHEDULES } from "./official-schedules.ts";
import { createWorkingCalendar } from "./working-calendar.ts";

const rulesOnly = createWorkingCalendar();
const official = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });

function datesOf(kind: string, year: number, calendar = official): string[] {
  return calendar
    .holidaysOf(year)
    .filter((h) => h.kind === kind)
    .map((h) => h.date);
}

function schedule(overrides: Partial<OfficialSchedule> & { year: number }): OfficialSchedule {
  return {
    version: 1,
    effectiveFrom: `${overrides.year - 1}-10-01`,
    source: "test",
    entries: [],
    ...overrides,
  };
}

describe("statutory holidays", () => {
  it("lists the eleven days of Labour Code 2019 art. 112 before 2026", () => {
    const holidays = rulesOnly.holidaysOf(2025).filter((h) => h.kind === "statutory");
    expect(holidays.map((h) => h.date)).toEqual([
      "2025-01-01",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-02-01",
      "2025-04-07",
      "2025-04-30",
      "2025-05-01",
      "2025-09-01",
      "2025-09-02",
    ]);
  });

  it("makes Tết the last day of the lunar year and mùng 1–4 by default", () => {
    for (let year = 2023; year <= 2031; year++) {
      const tet = rulesOnly.holidaysOf(year).filter((h) => h.name.startsWith("Tết Nguyên đán"));
      const newYear = lunarNewYear(year);
      expect(tet.map((h) => h.date)).toEqual(
        [-1, 0, 1, 2, 3].map((offset) => addDays(newYear, offset)),
      );
      expect(tet.map((h) => h.lunar).slice(1)).toEqual(["01/01", "02/01", "03/01", "04/01"]);
      expect(tet[0]!.lunar).toMatch(/^(29|30)\/12$/);
    }
  });

  it("puts Giỗ Tổ on 10/3 lunar for 2024–2027", () => {
    const gioTo = (year: number) =>
      official.holidaysOf(year).find((h) => h.lunar === "10/03")?.date;
    expect([2024, 2025, 2026, 2027].map(gioTo)).toEqual([
      "2024-04-18",
      "2025-04-07",
      "2026-04-26",
      "2027-04-16",
    ]);
  });

  it("adds Vietnamese Culture Day (24/11) from 2026, never made up on a weekend", () => {
    const cultureDay = (year: number) =>
      rulesOnly.holidaysOf(year).some((h) => h.date === `${year}-11-24`);
    expect(cultureDay(2025)).toBe(false);
    expect(cultureDay(2026)).toBe(true);
    expect(weekdayOf("2029-11-24")).toBe(6);
    expect(datesOf("substitute", 2029, rulesOnly)).not.toContain("2029-11-26");
  });
});

describe("substitute days (art. 111(3))", () => {
  it("gives Monday 27/04/2026 off for Giỗ Tổ on Sunday 26/04/2026", () => {
    expect(datesOf("substitute", 2026)).toEqual(["2026-04-27"]);
    expect(official.isWorkingDay("2026-04-26")).toBe(false);
    expect(official.isWorkingDay("2026-04-27")).toBe(false);
    expect(official.isWorkingDay("2026-04-28")).toBe(true);
  });

  it("gives each weekend holiday its own next free working day", () => {
    // 2029: 1/9 is a Saturday and 2/9 a Sunday.
    expect(datesOf("substitute", 2029, rulesOnly)).toEqual(["2029-09-03", "2029-09-04"]);
    // 2023: 2/9 was a Saturday, 1/9 a Friday; made up on Monday 4/9 (Thông báo 5034/TB-LĐTBXH).
    const september2023 = datesOf("substitute", 2023, rulesOnly).filter((d) =>
      d.startsWith("2023-09"),
    );
    expect(september2023).toEqual(["2023-09-04"]);
  });

  it("skips the official schedule's days off when placing a substitute", () => {
    const calendar = createWorkingCalendar({
      schedules: [
        schedule({ year: 2026, entries: [{ kind: "official", date: "2026-04-27", name: "Nghỉ" }] }),
      ],
    });
    expect(datesOf("substitute", 2026, calendar)).toEqual(["2026-04-28"]);
  });

  it("is cancelled when the official schedule says so", () => {
    const calendar = createWorkingCalendar({
      schedules: [
        schedule({ year: 2026, entries: [{ kind: "no_substitute", date: "2026-04-26" }] }),
      ],
    });
    expect(datesOf("substitute", 2026, calendar)).toEqual([]);
    expect(calendar.isWorkingDay("2026-04-27")).toBe(true);
  });
});

describe("official schedules", () => {
  it("applies the 2025 notice: Tết 27–31/01, Friday 2/5 off, Saturday 26/4 worked", () => {
    const tet = official.holidaysOf(2025).filter((h) => h.name.startsWith("Tết Nguyên đán"));
    expect(tet.map((h) => h.date)).toEqual([
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
    ]);
    expect(tet[0]!.lunar).toBe("28/12");
    expect(official.isWorkingDay("2025-05-02")).toBe(false);
    expect(official.isWorkingDay("2025-04-26")).toBe(true);
    expect(official.isWorkingDay("2025-02-03")).toBe(true);
    expect(rulesOnly.isWorkingDay("2025-05-02")).toBe(true);
    expect(rulesOnly.isWorkingDay("2025-04-26")).toBe(false);
  });

  it("applies the 2026 notice: Tết days 16–20/02 and a National Day break 29/08–02/09", () => {
    const offDays = ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18"];
    expect(offDays.every((d) => !official.isWorkingDay(d))).toBe(true);
    expect(official.isWorkingDay("2026-02-13")).toBe(true);
    expect(official.isWorkingDay("2026-02-23")).toBe(true);
    for (let date = "2026-08-29"; date <= "2026-09-02"; date = addDays(date, 1)) {
      expect(official.isWorkingDay(date), date).toBe(false);
    }
    expect(official.isWorkingDay("2026-08-22")).toBe(true);
    expect(official.isWorkingDay("2026-09-03")).toBe(true);
  });

  it("lets a schedule choose which Tết days and which National Day neighbour are off", () => {
    const calendar = createWorkingCalendar({
      schedules: [schedule({ year: 2027, tetDaysBeforeNewYear: 0, nationalDaySecondDay: "after" })],
    });
    const holidays = calendar.holidaysOf(2027);
    const tetDates = holidays.filter((h) => h.name.startsWith("Tết Nguyên đán")).map((h) => h.date);
    expect(tetDates[0]).toBe(lunarNewYear(2027));
    expect(holidays.map((h) => h.date)).toContain("2027-09-03");
    expect(holidays.map((h) => h.date)).not.toContain("2027-09-01");
  });

  it("uses the latest version in force, optionally as of a date", () => {
    const first = schedule({ year: 2027, version: 1, effectiveFrom: "2026-10-01" });
    const second = schedule({
      year: 2027,
      version: 2,
      effectiveFrom: "2027-03-01",
      entries: [{ kind: "official", date: "2027-04-30", name: "x" }],
    });
    expect(selectOfficialSchedule([second, first], 2027)).toBe(second);
    expect(selectOfficialSchedule([second, first], 2027, "2027-02-01")).toBe(first);
    expect(selectOfficialSchedule([second, first], 2028)).toBeUndefined();
    const early = createWorkingCalendar({ schedules: [first, second], asOf: "2027-01-15" });
    expect(early.holidaysOf(2027).some((h) => h.kind === "official")).toBe(false);
  });

  it("checks imported schedules", () => {
    const valid = {
      year: 2027,
      version: 1,
      effectiveFrom: "2026-10-01",
      source: "TB",
      entries: [],
    };
    expect(parseOfficialSchedule(valid)).toEqual(valid);
    const invalid = expect.objectContaining({ code: "CALENDAR_INVALID_SCHEDULE" });
    const withEntry = (entry: object) => ({ ...valid, entries: [entry] });
    expect(() =>
      parseOfficialSchedule(withEntry({ kind: "makeup_workday", date: "2027-04-28", name: "x" })),
    ).toThrow(invalid);
    expect(() =>
      parseOfficialSchedule(withEntry({ kind: "official", date: "2028-01-03", name: "x" })),
    ).toThrow(invalid);
    expect(() => parseOfficialSchedule({ ...valid, tetDaysBeforeNewYear: 5 })).toThrow(invalid);
    expect(() => parseOfficialSchedule(withEntry({ kind: "holiday", date: "2027-01-02" }))).toThrow(
      invalid,
    );
  });

  it("keeps the seed schedules valid", () => {
    for (const seed of OFFICIAL_SCHEDULES) expect(parseOfficialSchedule(seed)).toEqual(seed);
  });
});

describe("range", () => {
  it("refuses years outside 2021–2100", () => {
    const outOfRange = expect.objectContaining({ code: "CALENDAR_YEAR_OUT_OF_RANGE" });
    expect(() => official.holidaysOf(2020)).toThrow(outOfRange);
    expect(() => official.isWorkingDay("2101-01-03")).toThrow(outOfRange);
  });
});
