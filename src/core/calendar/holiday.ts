import type { IsoDate } from "./calendar-date.ts";

/**
 * - `statutory`: a public holiday of Labour Code 2019 art. 112 (or a later law);
 * - `substitute`: the day off in lieu of a statutory holiday on a weekend (art. 111(3));
 * - `official`: an extra day off from the year's official schedule (e.g. a swapped weekday);
 * - `makeup_workday`: a weekend day that the official schedule turns into a working day.
 */
export type HolidayKind = "statutory" | "substitute" | "official" | "makeup_workday";

export interface Holiday {
  date: IsoDate;
  name: string;
  kind: HolidayKind;
  /** Lunar day and month as "DD/MM", only for holidays fixed by the lunar calendar. */
  lunar?: string;
  /**
   * Where the day's placement comes from, for days a schedule could place otherwise:
   * `official` — the year's official schedule; `rule` — CCHC's rule while there is none (Tết's
   * split, National Day's second day, days in lieu). Absent for days fixed by law (1/1, 30/4 …).
   */
  basis?: HolidayBasis;
}

export type HolidayBasis = "official" | "rule";
