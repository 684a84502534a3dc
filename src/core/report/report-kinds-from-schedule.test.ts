import { describe, expect, it } from "vitest";
import { parseReportSchedule } from "../plan/report-schedule.ts";
import { parseDueText } from "./report-calendar.ts";
import { dueTextOf, proposeReportKinds, scheduleEntryLabel } from "./report-kinds-from-schedule.ts";

const PARAGRAPH =
  "Các cơ quan, đơn vị báo cáo định kỳ hằng quý trước ngày 12 của tháng cuối quý; báo cáo 6 tháng trước ngày 10/6; báo cáo năm trước ngày 20 tháng 11 gửi về UBND phường (qua Văn phòng).";

describe("proposeReportKinds", () => {
  it("proposes one kind per scheduled report, with the plan's own deadline read back", () => {
    const { proposed, skipped } = proposeReportKinds(parseReportSchedule(PARAGRAPH), []);
    expect(skipped).toEqual([]);
    expect(proposed.map(({ periodKind, dueText }) => ({ periodKind, dueText }))).toEqual([
      { periodKind: "quarterly", dueText: "trước ngày 12 tháng cuối quý" },
      { periodKind: "half_yearly", dueText: "trước ngày 10/06" },
      { periodKind: "yearly", dueText: "trước ngày 20/11" },
    ]);
    for (const kind of proposed)
      expect(parseDueText(kind.dueText, kind.periodKind)).toEqual(kind.dueRule);
    expect(proposed[0]!.source).toContain("hằng quý");
  });

  it("does not propose a kind the unit already has with the same period and deadline", () => {
    const schedule = parseReportSchedule(PARAGRAPH);
    const { proposed, skipped } = proposeReportKinds(schedule, [
      {
        name: "Báo cáo CCHC quý",
        periodKind: "quarterly",
        dueRule: { rule: "day_of_last_month_of_quarter", day: 12 },
      },
      // Same period, another deadline: not the same kind.
      {
        name: "Báo cáo 6 tháng cũ",
        periodKind: "half_yearly",
        dueRule: { rule: "fixed_date", day: 15, month: 6 },
      },
    ]);
    expect(proposed.map((kind) => kind.periodKind)).toEqual(["half_yearly", "yearly"]);
    expect(skipped).toEqual([
      expect.objectContaining({
        kind: "quarterly",
        reason: "exists",
        message: expect.stringContaining("Báo cáo CCHC quý"),
      }),
    ]);
  });

  it("says why a monthly report or one without a deadline is not created", () => {
    const { proposed, skipped } = proposeReportKinds(
      [
        {
          kind: "monthly",
          due: { rule: "day_of_month", day: 20 },
          text: "báo cáo hằng tháng trước ngày 20",
        },
        { kind: "yearly", due: null, text: "báo cáo năm" },
      ],
      [],
    );
    expect(proposed).toEqual([]);
    expect(skipped.map((entry) => entry.reason)).toEqual(["monthly", "no_due_date"]);
    expect(skipped[1]!.message).toBe("Báo cáo năm: kế hoạch không ghi hạn nộp.");
  });

  it("never proposes a deadline the calendar reads otherwise", () => {
    // A fixed day for a quarterly report names one day a year: the calendar refuses it.
    const { proposed, skipped } = proposeReportKinds(
      [
        {
          kind: "quarterly",
          due: { rule: "fixed_date", day: 15, month: 6 },
          text: "báo cáo quý trước ngày 15/6",
        },
      ],
      [],
    );
    expect(proposed).toEqual([]);
    expect(skipped[0]!.reason).toBe("unreadable_due");
  });

  it("lists the same report twice in one schedule only once", () => {
    const entry = {
      kind: "yearly" as const,
      due: { rule: "fixed_date" as const, day: 15, month: 11 },
      text: "báo cáo năm trước ngày 15/11",
    };
    const { proposed, skipped } = proposeReportKinds(
      [entry, { ...entry, text: "tổng kết năm trước ngày 15/11" }],
      [],
    );
    expect(proposed).toHaveLength(1);
    expect(skipped[0]!.reason).toBe("exists");
  });
});

describe("dueTextOf and scheduleEntryLabel", () => {
  it("write every rule so the calendar reads it back", () => {
    expect(dueTextOf({ rule: "day_of_next_period", day: 5 }, "quarterly")).toBe(
      "trước ngày 05 của tháng đầu quý sau",
    );
    expect(
      parseDueText(dueTextOf({ rule: "day_of_next_period", day: 5 }, "quarterly"), "quarterly"),
    ).toEqual({
      rule: "day_of_next_period",
      day: 5,
    });
    expect(
      parseDueText(dueTextOf({ rule: "day_of_next_period", day: 5 }, "yearly"), "yearly"),
    ).toEqual({
      rule: "day_of_next_period",
      day: 5,
    });
  });

  it("label a scheduled report in Vietnamese", () => {
    expect(
      scheduleEntryLabel({
        kind: "quarterly",
        due: { rule: "day_of_last_month_of_quarter", day: 15 },
      }),
    ).toBe("Báo cáo quý: trước ngày 15 tháng cuối quý");
    expect(scheduleEntryLabel({ kind: "monthly", due: null })).toBe(
      "Báo cáo tháng: chưa ghi hạn nộp",
    );
  });
});

describe("rules compared", () => {
  it("field by field, whatever the order of their keys (jsonb reorders them)", () => {
    const stored = JSON.parse('{"day": 12, "rule": "day_of_last_month_of_quarter"}');
    const { skipped } = proposeReportKinds(
      [{ kind: "quarterly", due: stored, text: "báo cáo quý trước ngày 12 tháng cuối quý" }],
      [
        {
          name: "Quý",
          periodKind: "quarterly",
          dueRule: { rule: "day_of_last_month_of_quarter", day: 12 },
        },
      ],
    );
    expect(skipped.map((entry) => entry.reason)).toEqual(["exists"]);
  });
});
