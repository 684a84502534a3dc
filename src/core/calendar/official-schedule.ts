import { z } from "zod";
import { isIsoDate, isWeekend, yearOf, type IsoDate } from "./calendar-date.ts";
import { CalendarError } from "./calendar-error.ts";

export type NationalDaySecondDay = "before" | "after";

export type OfficialScheduleEntry =
  /** An extra day off, e.g. the weekday swapped against a make-up Saturday. */
  | { kind: "official"; date: IsoDate; name: string }
  /** A weekend day worked. */
  | { kind: "makeup_workday"; date: IsoDate; name: string }
  /** No substitute day for the statutory holiday on `date`, although it falls on a weekend. */
  | { kind: "no_substitute"; date: IsoDate; name?: string };

/**
 * One year's official holiday schedule for the civil service (the Prime Minister's decision as
 * published in the ministry's yearly notice), entered or imported by an administrator. A newer
 * version replaces an older one from its `effectiveFrom` date; old versions are kept as history.
 */
export interface OfficialSchedule {
  year: number;
  version: number;
  effectiveFrom: IsoDate;
  /** The notice(s) the schedule transcribes. */
  source: string;
  /** How many of Tết's five statutory days fall before mùng 1 (default 1: the last day of the year). */
  tetDaysBeforeNewYear?: number;
  /** Which day next to 2 September is the second National Day holiday (default "before": 1/9). */
  nationalDaySecondDay?: NationalDaySecondDay;
  entries: OfficialScheduleEntry[];
}

export const DEFAULT_TET_DAYS_BEFORE_NEW_YEAR = 1;
export const DEFAULT_NATIONAL_DAY_SECOND_DAY: NationalDaySecondDay = "before";

/**
 * National Day's second day while the year has no official schedule: when 2 September is a
 * Tuesday the Monday before joins it, when a Thursday the Friday after, so the break runs into
 * the weekend as past official schedules did (2021: 2–3/9, 2025: 1–2/9); otherwise the default.
 */
export function nationalDaySecondDayByRule(year: number): NationalDaySecondDay {
  const weekday = new Date(Date.UTC(year, 8, 2)).getUTCDay();
  if (weekday === 2) return "before";
  if (weekday === 4) return "after";
  return DEFAULT_NATIONAL_DAY_SECOND_DAY;
}

const isoDateSchema = z.string().refine(isIsoDate, "Ngày phải có dạng YYYY-MM-DD hợp lệ.");
const nameSchema = z.string().trim().min(1, "Cần ghi tên ngày nghỉ.");

export const officialScheduleSchema = z
  .object({
    year: z.number().int(),
    version: z.number().int().min(1),
    effectiveFrom: isoDateSchema,
    source: z.string().trim().min(1, "Cần ghi văn bản nguồn."),
    tetDaysBeforeNewYear: z.number().int().min(0).max(4).optional(),
    nationalDaySecondDay: z.enum(["before", "after"]).optional(),
    entries: z.array(
      z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("official"), date: isoDateSchema, name: nameSchema }),
        z.object({ kind: z.literal("makeup_workday"), date: isoDateSchema, name: nameSchema }),
        z.object({
          kind: z.literal("no_substitute"),
          date: isoDateSchema,
          name: z.string().optional(),
        }),
      ]),
    ),
  })
  .superRefine((schedule, context) => {
    schedule.entries.forEach((entry, index) => {
      if (!isIsoDate(entry.date)) return;
      if (yearOf(entry.date) !== schedule.year) {
        context.addIssue({
          code: "custom",
          path: ["entries", index, "date"],
          message: `Ngày ${entry.date} không thuộc năm ${schedule.year}.`,
        });
      }
      if (entry.kind === "makeup_workday" && !isWeekend(entry.date)) {
        context.addIssue({
          code: "custom",
          path: ["entries", index, "date"],
          message: `Ngày làm bù ${entry.date} phải là thứ Bảy hoặc Chủ nhật.`,
        });
      }
    });
  });

/** Checks an imported or entered schedule; throws CALENDAR_INVALID_SCHEDULE listing the problems. */
export function parseOfficialSchedule(input: unknown): OfficialSchedule {
  const result = officialScheduleSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".") || "lịch"}: ${issue.message}`)
      .join("; ");
    throw new CalendarError(
      "CALENDAR_INVALID_SCHEDULE",
      `Lịch nghỉ chính thức không hợp lệ: ${problems}`,
    );
  }
  return result.data;
}

/**
 * The schedule in force for `year`: the highest version among those already effective on `asOf`
 * (all versions when `asOf` is not given), or undefined when the year has none.
 */
export function selectOfficialSchedule(
  schedules: readonly OfficialSchedule[],
  year: number,
  asOf?: IsoDate,
): OfficialSchedule | undefined {
  return schedules
    .filter((s) => s.year === year && (asOf === undefined || s.effectiveFrom <= asOf))
    .reduce<OfficialSchedule | undefined>(
      (best, s) => (best === undefined || s.version > best.version ? s : best),
      undefined,
    );
}
