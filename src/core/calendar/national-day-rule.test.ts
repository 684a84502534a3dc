import { describe, expect, it } from "vitest";
import { parseOfficialSchedule, nationalDaySecondDayByRule } from "./official-schedule.ts";
import { createWorkingCalendar } from "./working-calendar.ts";

const rulesOnly = createWorkingCalendar();

/** National Day's days off of `year` (statutory days of September) with their basis. */
function nationalDays(year: number, calendar = rulesOnly) {
  return calendar
    .holidaysOf(year)
    .filter((h) => h.kind === "statutory" && h.date.startsWith(`${year}-09-`))
    .map((h) => ({ date: h.date, basis: h.basis }));
}

describe("National Day's second day without an official schedule", () => {
  it("adds the Friday when 2 September is a Thursday (2027, 2032)", () => {
    expect(nationalDaySecondDayByRule(2027)).toBe("after");
    expect(nationalDays(2027)).toEqual([
      { date: "2027-09-02", basis: undefined },
      { date: "2027-09-03", basis: "rule" },
    ]);
    expect(rulesOnly.isWorkingDay("2027-09-03")).toBe(false);
    expect(rulesOnly.isWorkingDay("2027-09-01")).toBe(true);
    expect(nationalDays(2032).map((d) => d.date)).toEqual(["2032-09-02", "2032-09-03"]);
  });

  it("adds the Monday when 2 September is a Tuesday (2031)", () => {
    expect(nationalDaySecondDayByRule(2031)).toBe("before");
    expect(nationalDays(2031)).toEqual([
      { date: "2031-09-01", basis: "rule" },
      { date: "2031-09-02", basis: undefined },
    ]);
    expect(rulesOnly.isWorkingDay("2031-09-01")).toBe(false);
    expect(rulesOnly.isWorkingDay("2031-09-03")).toBe(true);
  });

  it("keeps the day before on other weekdays (2026 Wednesday, 2030 Monday, 2033 Friday)", () => {
    for (const year of [2026, 2030, 2033]) {
      expect(nationalDaySecondDayByRule(year)).toBe("before");
      expect(nationalDays(year).map((d) => d.date)).toEqual([`${year}-09-01`, `${year}-09-02`]);
    }
  });

  it("gives way to an official schedule, whose days are marked official", () => {
    const schedule = parseOfficialSchedule({
      year: 2027,
      version: 1,
      effectiveFrom: "2027-01-01",
      source: "Thông báo thử nghiệm",
      nationalDaySecondDay: "before",
      entries: [{ kind: "official", date: "2027-09-03", name: "Nghỉ hoán đổi" }],
    });
    const calendar = createWorkingCalendar({ schedules: [schedule] });
    expect(nationalDays(2027, calendar)).toEqual([
      { date: "2027-09-01", basis: "official" },
      { date: "2027-09-02", basis: undefined },
    ]);
    const swapped = calendar.holidaysOf(2027).find((h) => h.date === "2027-09-03");
    expect(swapped).toMatchObject({ kind: "official", basis: "official" });
  });

  it("marks Tết's days and days in lieu as rule-based without a schedule", () => {
    const holidays = rulesOnly.holidaysOf(2028);
    expect(holidays.filter((h) => h.name.startsWith("Tết Nguyên đán"))).toHaveLength(5);
    for (const h of holidays.filter((x) => x.name.startsWith("Tết Nguyên đán")))
      expect(h.basis).toBe("rule");
    // 2 September 2028 is a Saturday: its day in lieu is placed by art. 111(3).
    const inLieu = holidays.filter((h) => h.kind === "substitute");
    expect(inLieu.length).toBeGreaterThan(0);
    for (const h of inLieu) expect(h.basis).toBe("rule");
    expect(holidays.find((h) => h.date === "2028-01-01")?.basis).toBeUndefined();
  });
});
