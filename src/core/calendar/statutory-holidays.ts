import { addDays, isoDate, pad2, type IsoDate } from "./calendar-date.ts";
import type { Holiday } from "./holiday.ts";
import { lunarNewYear, lunarToSolar, solarToLunar } from "./lunar-calendar.ts";
import {
  DEFAULT_NATIONAL_DAY_SECOND_DAY,
  DEFAULT_TET_DAYS_BEFORE_NEW_YEAR,
  type NationalDaySecondDay,
} from "./official-schedule.ts";

export interface StatutoryHoliday extends Holiday {
  kind: "statutory";
  /** Art. 111(3) gives a day off in lieu when it falls on a weekend (art. 112(1) holidays only). */
  hasSubstituteOnWeekend: boolean;
}

/** The Prime Minister fixes Tết's five days and National Day's second day each year (art. 112(3)). */
export interface StatutoryHolidayChoices {
  tetDaysBeforeNewYear: number;
  nationalDaySecondDay: NationalDaySecondDay;
}

export const TET_HOLIDAY_DAYS = 5;

export const NATIONAL_DAY_SECOND_NAME = "Quốc khánh (ngày liền kề)";

/** Labour Code 2019 (45/2019/QH14) is in force from 01/01/2021; earlier years had other rules. */
export const HOLIDAY_CALENDAR_YEARS = { min: 2021, max: 2100 } as const;

/** Nghị quyết 28/2026/QH16 art. 2: 24 November is a paid day off from 2026 (not art. 112(1)). */
const CULTURE_DAY_FIRST_YEAR = 2026;

function lunarLabel(date: IsoDate): string {
  const lunar = solarToLunar(date);
  return `${pad2(lunar.day)}/${pad2(lunar.month)}`;
}

function tetDayName(date: IsoDate): string {
  const lunar = solarToLunar(date);
  return lunar.month === 1
    ? `Tết Nguyên đán (mùng ${lunar.day})`
    : `Tết Nguyên đán (${lunar.day} tháng Chạp)`;
}

function solarHoliday(year: number, month: number, day: number, name: string): StatutoryHoliday {
  return { date: isoDate(year, month, day), name, kind: "statutory", hasSubstituteOnWeekend: true };
}

function lunarHoliday(date: IsoDate, name: string): StatutoryHoliday {
  return { date, name, kind: "statutory", lunar: lunarLabel(date), hasSubstituteOnWeekend: true };
}

/** The statutory public holidays of solar `year` (Labour Code 2019 art. 112(1)), by date. */
export function statutoryHolidays(
  year: number,
  choices: StatutoryHolidayChoices = {
    tetDaysBeforeNewYear: DEFAULT_TET_DAYS_BEFORE_NEW_YEAR,
    nationalDaySecondDay: DEFAULT_NATIONAL_DAY_SECOND_DAY,
  },
): StatutoryHoliday[] {
  const tetFirstDay = addDays(lunarNewYear(year), -choices.tetDaysBeforeNewYear);
  const tetDays = Array.from({ length: TET_HOLIDAY_DAYS }, (_, index) =>
    addDays(tetFirstDay, index),
  );
  const nationalDaySecondDay = choices.nationalDaySecondDay === "before" ? 1 : 3;

  const holidays: StatutoryHoliday[] = [
    solarHoliday(year, 1, 1, "Tết Dương lịch"),
    ...tetDays.map((date) => lunarHoliday(date, tetDayName(date))),
    lunarHoliday(lunarToSolar(10, 3, year), "Giỗ Tổ Hùng Vương"),
    solarHoliday(year, 4, 30, "Ngày Chiến thắng"),
    solarHoliday(year, 5, 1, "Ngày Quốc tế Lao động"),
    solarHoliday(year, 9, 2, "Quốc khánh"),
    solarHoliday(year, 9, nationalDaySecondDay, NATIONAL_DAY_SECOND_NAME),
  ];
  if (year >= CULTURE_DAY_FIRST_YEAR) {
    holidays.push({
      ...solarHoliday(year, 11, 24, "Ngày Văn hóa Việt Nam"),
      hasSubstituteOnWeekend: false,
    });
  }
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}
