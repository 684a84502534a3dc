import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../calendar/working-calendar.ts";
import {
  dueInstances,
  dueStateOf,
  parseDueText,
  periodsOf,
  reminderStageOf,
  ReportCalendarError,
  type ReportKindRule,
  type ReportPeriodKind,
} from "./report-calendar.ts";

describe("parseDueText", () => {
  const cases: [string, ReportPeriodKind, unknown][] = [
    [
      "trước ngày 15 tháng cuối quý",
      "quarterly",
      { rule: "day_of_last_month_of_quarter", day: 15 },
    ],
    [
      "Trước ngày 15 của tháng cuối quý",
      "quarterly",
      { rule: "day_of_last_month_of_quarter", day: 15 },
    ],
    [
      "TRƯỚC NGÀY 10 THÁNG CUỐI QUÝ",
      "quarterly",
      { rule: "day_of_last_month_of_quarter", day: 10 },
    ],
    [
      "chậm nhất ngày 20 của tháng cuối quý",
      "quarterly",
      { rule: "day_of_last_month_of_quarter", day: 20 },
    ],
    [
      "trước ngày 15 tháng thứ ba của quý",
      "quarterly",
      { rule: "day_of_last_month_of_quarter", day: 15 },
    ],
    ["trước ngày 05 của tháng đầu quý sau", "quarterly", { rule: "day_of_next_period", day: 5 }],
    ["trước ngày 5 tháng đầu quý tiếp theo", "quarterly", { rule: "day_of_next_period", day: 5 }],
    ["trước ngày 15/6", "half_yearly", { rule: "fixed_date", day: 15, month: 6 }],
    ["trước ngày 15/06/2026", "half_yearly", { rule: "fixed_date", day: 15, month: 6 }],
    ["Hạn nộp: ngày 15-6", "half_yearly", { rule: "fixed_date", day: 15, month: 6 }],
    ["trước 15/6", "half_yearly", { rule: "fixed_date", day: 15, month: 6 }],
    ["trước ngày 25/11", "yearly", { rule: "fixed_date", day: 25, month: 11 }],
    ["trước ngày 25 tháng 11", "yearly", { rule: "fixed_date", day: 25, month: 11 }],
    ["không muộn hơn ngày 25.11", "yearly", { rule: "fixed_date", day: 25, month: 11 }],
    ["chậm nhất vào ngày 15/01", "yearly", { rule: "fixed_date", day: 15, month: 1 }],
    ["trươ\u0301c nga\u0300y 15/6", "half_yearly", { rule: "fixed_date", day: 15, month: 6 }],
  ];
  it.each(cases)("reads %j", (text, kind, rule) => {
    expect(parseDueText(text, kind)).toEqual(rule);
  });

  it("refuses a phrase naming no day, with a Vietnamese message and a code", () => {
    for (const text of ["theo quy định", "trước ngày", "ngày 15", ""]) {
      expect(() => parseDueText(text, "quarterly")).toThrowError(ReportCalendarError);
    }
    try {
      parseDueText("theo quy định", "yearly");
    } catch (error) {
      expect((error as ReportCalendarError).code).toBe("REPORT_DUE_TEXT_INVALID");
      expect((error as Error).message).toMatch(/Không đọc được hạn báo cáo/);
    }
  });

  it("refuses a fixed day of the year for a quarterly report", () => {
    expect(() => parseDueText("trước ngày 15/6", "quarterly")).toThrowError(
      expect.objectContaining({ code: "REPORT_DUE_RULE_UNFIT" }),
    );
  });
});

describe("periods and due dates", () => {
  it("splits a year into calendar quarters or the statistical cut-off", () => {
    expect(periodsOf("quarterly", 2026).map((p) => [p.from, p.to, p.label])).toEqual([
      ["2026-01-01", "2026-03-31", "Quý I/2026"],
      ["2026-04-01", "2026-06-30", "Quý II/2026"],
      ["2026-07-01", "2026-09-30", "Quý III/2026"],
      ["2026-10-01", "2026-12-31", "Quý IV/2026"],
    ]);
    expect(periodsOf("quarterly", 2026, "statistical_cutoff")[0]).toMatchObject({
      from: "2025-12-15",
      to: "2026-03-14",
    });
    expect(periodsOf("yearly", 2026, "statistical_cutoff")[0]).toMatchObject({
      from: "2025-12-15",
      to: "2026-12-14",
    });
    expect(periodsOf("half_yearly", 2026)[0]).toMatchObject({
      from: "2026-01-01",
      to: "2026-06-30",
    });
  });

  const kind = (
    periodKind: ReportPeriodKind,
    text: string,
    extra: Partial<ReportKindRule> = {},
  ) => ({
    periodKind,
    dueRule: parseDueText(text, periodKind),
    holidayShift: "none" as const,
    periodRule: "calendar" as const,
    ...extra,
  });

  it("puts each quarter's due date in the quarter's last month", () => {
    expect(
      dueInstances(kind("quarterly", "trước ngày 15 tháng cuối quý"), 2026, null).map(
        (i) => i.dueDate,
      ),
    ).toEqual(["2026-03-15", "2026-06-15", "2026-09-15", "2026-12-15"]);
    expect(
      dueInstances(kind("quarterly", "trước ngày 05 của tháng đầu quý sau"), 2026, null).map(
        (i) => i.dueDate,
      ),
    ).toEqual(["2026-04-05", "2026-07-05", "2026-10-05", "2027-01-05"]);
    // A day the month lacks is its last day.
    expect(
      dueInstances(kind("quarterly", "trước ngày 31 tháng cuối quý"), 2026, null).map(
        (i) => i.dueDate,
      ),
    ).toEqual(["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]);
  });

  it("puts fixed dates in the period's year, or the next when the day comes before the period", () => {
    expect(dueInstances(kind("half_yearly", "trước ngày 15/6"), 2026, null)[0]!.dueDate).toBe(
      "2026-06-15",
    );
    expect(dueInstances(kind("yearly", "trước ngày 25/11"), 2026, null)[0]!.dueDate).toBe(
      "2026-11-25",
    );
    expect(dueInstances(kind("yearly", "trước ngày 15/01"), 2026, null)[0]!.dueDate).toBe(
      "2027-01-15",
    );
  });

  it("moves a due date off a day off only where the kind says so", () => {
    const calendar = createWorkingCalendar();
    // 15/03/2026 is a Sunday; 15/11/2026 is a Sunday too.
    const plain = dueInstances(kind("quarterly", "trước ngày 15 tháng cuối quý"), 2026, calendar);
    expect(plain[0]!.dueDate).toBe("2026-03-15");
    const next = dueInstances(
      kind("quarterly", "trước ngày 15 tháng cuối quý", { holidayShift: "next_working_day" }),
      2026,
      calendar,
    );
    expect(next[0]).toMatchObject({ namedDate: "2026-03-15", dueDate: "2026-03-16" });
    // 15/06/2026 is a Monday: not moved.
    expect(next[1]!.dueDate).toBe("2026-06-15");
    const previous = dueInstances(
      kind("yearly", "trước ngày 15/11", { holidayShift: "previous_working_day" }),
      2026,
      calendar,
    );
    expect(previous[0]!.dueDate).toBe("2026-11-13");
    // 30/04/2026 (Reunification Day, Thursday) and 01/05 are days off: next working day is 04/05.
    const holiday = dueInstances(
      kind("half_yearly", "trước ngày 30/4", { holidayShift: "next_working_day" }),
      2026,
      calendar,
    );
    expect(holiday[0]!.dueDate).toBe("2026-05-04");
  });

  it("gives an ad hoc kind its own period and due date", () => {
    const adHoc: ReportKindRule = {
      periodKind: "ad_hoc",
      dueRule: null,
      holidayShift: "none",
      periodRule: "calendar",
      adHoc: { from: "2026-01-01", to: "2026-08-31", dueDate: "2026-09-10", year: 2026 },
    };
    expect(dueInstances(adHoc, 2026, null)).toEqual([
      expect.objectContaining({
        dueDate: "2026-09-10",
        period: expect.objectContaining({ label: "Từ 01/01/2026 đến 31/08/2026" }),
      }),
    ]);
    expect(dueInstances(adHoc, 2025, null)).toEqual([]);
  });
});

describe("due state and reminders", () => {
  const instance = dueInstances(
    {
      periodKind: "quarterly",
      dueRule: { rule: "day_of_last_month_of_quarter", day: 15 },
      holidayShift: "none",
      periodRule: "calendar",
    },
    2026,
    null,
  )[0]!;

  it("is upcoming, due soon, then overdue, and nothing once submitted", () => {
    expect(dueStateOf("2026-03-15", "2026-03-01", 3, false)).toBe("upcoming");
    expect(dueStateOf("2026-03-15", "2026-03-12", 3, false)).toBe("due_soon");
    expect(dueStateOf("2026-03-15", "2026-03-15", 3, false)).toBe("due_soon");
    expect(dueStateOf("2026-03-15", "2026-03-16", 3, false)).toBe("overdue");
    expect(dueStateOf("2026-03-15", "2026-03-16", 3, true)).toBe("submitted");
  });

  it("reminds once before and once after, never before the period begins or once submitted", () => {
    expect(reminderStageOf(instance, "2025-12-31", 100, false)).toBeNull();
    expect(reminderStageOf(instance, "2026-03-11", 3, false)).toBeNull();
    expect(reminderStageOf(instance, "2026-03-12", 3, false)).toBe("due_soon");
    expect(reminderStageOf(instance, "2026-03-16", 3, false)).toBe("overdue");
    expect(reminderStageOf(instance, "2026-03-16", 3, true)).toBeNull();
    expect(reminderStageOf(instance, "2026-04-14", 3, false)).toBe("overdue");
    expect(reminderStageOf(instance, "2026-04-15", 3, false)).toBeNull();
  });
});
