import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseTimeline } from "./timeline-parser.ts";
import type { PlanPeriod, TimelineSchedule } from "./timeline.ts";

const YEAR_2026: PlanPeriod = { periodStart: "2026-01-01", periodEnd: "2026-12-31" };
const SECOND_HALF_2025: PlanPeriod = { periodStart: "2025-07-01", periodEnd: "2025-12-31" };

function parse(text: string, period: PlanPeriod = YEAR_2026): TimelineSchedule {
  return parseTimeline(text, period);
}

describe("parseTimeline: dates", () => {
  it.each([
    ["30/9/2026", "2026-09-30", "on"],
    ["chậm nhất ngày 31/01/2024", "2024-01-31", "by"],
    ["Chậm nhất là ngày 31/01/2024.", "2024-01-31", "by"],
    ["trước ngày 15/12/2025", "2025-12-15", "before"],
    ["ngày 15 tháng 12 năm 2025", "2025-12-15", "on"],
    ["30.6.2026", "2026-06-30", "on"],
  ])("%s", (text, date, qualifier) => {
    expect(parse(text)).toMatchObject({ kind: "date", date, qualifier, dueDate: date, raw: text });
  });

  it("takes a missing year from the plan period", () => {
    expect(parse("30/9")).toMatchObject({
      kind: "date",
      dueDate: "2026-09-30",
      needsReview: false,
    });
    expect(parse("trước ngày 15/6", SECOND_HALF_2025)).toMatchObject({
      dueDate: "2025-06-15",
      needsReview: true,
    });
  });

  it("rejects impossible dates", () => {
    expect(parse("31/02/2026").kind).toBe("unparsed");
    expect(parse("30/13/2026").kind).toBe("unparsed");
  });
});

describe("parseTimeline: months, quarters, half-years", () => {
  it("reads months", () => {
    expect(parse("Trong tháng 01/2023")).toMatchObject({
      kind: "month",
      months: [{ year: 2023, month: 1 }],
      dueDate: "2023-01-31",
    });
    expect(parse("Tháng 3/2024")).toMatchObject({ months: [{ year: 2024, month: 3 }] });
    expect(parse("tháng 2")).toMatchObject({
      months: [{ year: 2026, month: 2 }],
      dueDate: "2026-02-28",
    });
    expect(parse("tháng 3 và tháng 9/2024")).toMatchObject({
      months: [
        { year: 2024, month: 3 },
        { year: 2024, month: 9 },
      ],
      dueDate: "2024-09-30",
    });
  });

  it.each([
    ["Quý I/2026", [{ year: 2026, quarter: 1 }], "2026-03-31"],
    ["quý 3 năm 2025", [{ year: 2025, quarter: 3 }], "2025-09-30"],
    ["Quý I năm 2024 ban hành kế hoạch", [{ year: 2024, quarter: 1 }], "2024-03-31"],
    ["Qúy II/2026", [{ year: 2026, quarter: 2 }], "2026-06-30"],
    ["QUÝ IV", [{ year: 2026, quarter: 4 }], "2026-12-31"],
    [
      "Quý II và Quý IV/2026",
      [
        { year: 2026, quarter: 2 },
        { year: 2026, quarter: 4 },
      ],
      "2026-12-31",
    ],
    [
      "Quý IV/2025 và Quý I/2026",
      [
        { year: 2025, quarter: 4 },
        { year: 2026, quarter: 1 },
      ],
      "2026-03-31",
    ],
  ])("reads quarters: %s", (text, quarters, dueDate) => {
    expect(parse(text)).toMatchObject({ kind: "quarter", quarters, dueDate });
  });

  it("reads half-years", () => {
    expect(parse("6 tháng đầu năm 2025")).toMatchObject({
      kind: "half_year",
      year: 2025,
      half: 1,
      span: { start: "2025-01-01", end: "2025-06-30" },
      dueDate: "2025-06-30",
    });
    expect(parse("6 tháng cuối năm 2025")).toMatchObject({ half: 2, dueDate: "2025-12-31" });
    expect(parse("6 tháng cuối năm", SECOND_HALF_2025)).toMatchObject({ year: 2025, half: 2 });
  });
});

describe("parseTimeline: ranges and whole periods", () => {
  it("reads ranges of quarters and months", () => {
    expect(parse("Từ Quý IV/2023 đến Quý I/2024")).toMatchObject({
      kind: "range",
      span: { start: "2023-10-01", end: "2024-03-31" },
      dueDate: "2024-03-31",
    });
    expect(parse("từ tháng 3 đến tháng 6/2024")).toMatchObject({
      span: { start: "2024-03-01", end: "2024-06-30" },
    });
    expect(parse("từ tháng 11 đến tháng 02/2027")).toMatchObject({
      span: { start: "2026-11-01", end: "2027-02-28" },
    });
    expect(parse("Từ nay đến hết năm 2026")).toMatchObject({
      span: { start: "2026-01-01", end: "2026-12-31" },
    });
  });

  it("rejects a range that ends before it starts", () => {
    expect(parse("Từ Quý IV/2024 đến Quý I/2024").kind).not.toBe("range");
  });

  it.each([
    ["Cả năm 2023", "2023-01-01", "2023-12-31", false],
    ["Năm 2024", "2024-01-01", "2024-12-31", false],
    ["Hoàn thành trong năm 2024.", "2024-01-01", "2024-12-31", false],
    ["Thường xuyên trong năm", "2026-01-01", "2026-12-31", true],
    ["Thường xuyên", "2026-01-01", "2026-12-31", true],
    ["Thời gian thực hiện: Niêm yết thường xuyên trong năm.", "2026-01-01", "2026-12-31", true],
    ["Giai đoạn 2021-2025", "2021-01-01", "2025-12-31", false],
  ])("reads whole periods: %s", (text, start, end, isContinuous) => {
    expect(parse(text)).toMatchObject({
      kind: "whole_period",
      span: { start, end },
      isContinuous,
      dueDate: end,
      needsReview: false,
    });
  });

  it("follows a half-year plan for 'thường xuyên'", () => {
    expect(parse("Thường xuyên", SECOND_HALF_2025)).toMatchObject({
      span: { start: "2025-07-01", end: "2025-12-31" },
    });
  });
});

describe("parseTimeline: recurrences", () => {
  it.each([
    ["Hằng tháng", "monthly"],
    ["Hàng tháng", "monthly"],
    ["Hằng quý", "quarterly"],
    ["hàng quý", "quarterly"],
    ["định kỳ 6 tháng", "half_yearly"],
    ["Hằng năm", "yearly"],
    ["Định kỳ hàng tháng trong năm.", "monthly"],
  ])("%s", (text, frequency) => {
    expect(parse(text)).toMatchObject({
      kind: "recurring",
      frequency,
      reportDay: null,
      dueDate: "2026-12-31",
    });
  });

  it("reads a report day", () => {
    expect(parse("trước ngày 15 hằng tháng")).toMatchObject({
      frequency: "monthly",
      reportDay: 15,
      dueDate: "2026-12-15",
    });
    expect(parse("Hằng quý (trước ngày 20 tháng cuối quý)")).toMatchObject({
      frequency: "quarterly",
      reportDay: 20,
      reportMonth: null,
    });
    expect(parse("Hằng năm, trước ngày 15/11")).toMatchObject({
      frequency: "yearly",
      reportDay: 15,
      reportMonth: 11,
      dueDate: "2026-11-15",
    });
  });

  it("reads several cycles as a composite", () => {
    const schedule = parse("Định kỳ hàng quý, 6 tháng và hàng năm");
    expect(schedule.kind).toBe("composite");
    if (schedule.kind !== "composite") return;
    expect(schedule.parts.map((part) => part.kind === "recurring" && part.frequency)).toEqual([
      "quarterly",
      "half_yearly",
      "yearly",
    ]);
  });
});

describe("parseTimeline: several parts and unreadable text", () => {
  it("keeps every dated part of a cell and is due with the last", () => {
    const text =
      "Quyết định công bố chậm nhất ngày 01/3/2024; Báo cáo kết quả hệ thống hóa chậm nhất ngày 20/02/2024.";
    const schedule = parse(text);
    expect(schedule).toMatchObject({ kind: "composite", raw: text, dueDate: "2024-03-01" });
    if (schedule.kind === "composite") expect(schedule.parts).toHaveLength(2);
  });

  it("keeps the understood part and flags the rest", () => {
    const text = "Quý I/2024 ban hành các Kế hoạch; định kỳ báo cáo kết quả thực hiện.";
    expect(parse(text)).toMatchObject({
      kind: "quarter",
      raw: text,
      dueDate: "2024-03-31",
      needsReview: true,
    });
  });

  it.each([
    "",
    "   ",
    "Theo quy định",
    "Đầu năm 2024.",
    "Tự kiểm tra định kỳ hoặc kiểm tra đột xuất.",
    "theo thời gian quy định của UBND thành phố.",
    "Quý V/2026",
    "tháng 13/2026",
  ])("leaves %j unparsed and flagged", (text) => {
    expect(parse(text)).toEqual({ kind: "unparsed", raw: text, dueDate: null, needsReview: true });
  });

  it("never throws, always keeps the raw text, and gives ISO due dates (property)", () => {
    const timelineWords = fc.constantFrom(
      "Quý",
      "quý",
      "I",
      "IV",
      "và",
      "đến",
      "từ",
      "tháng",
      "năm",
      "hằng",
      "hàng",
      "định kỳ",
      "6 tháng",
      "đầu",
      "cuối",
      "thường xuyên",
      "trước ngày",
      "/",
      "-",
      ";",
      "\n",
      "31",
      "2",
      "2026",
      "99999",
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(timelineWords, { maxLength: 12 }).map((words) => words.join(" ")),
    );
    fc.assert(
      fc.property(text, (raw) => {
        const schedule = parseTimeline(raw, YEAR_2026);
        expect(schedule.raw).toBe(raw);
        if (schedule.kind === "unparsed") {
          expect(schedule.needsReview).toBe(true);
          expect(schedule.dueDate).toBeNull();
        } else {
          expect(schedule.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number.isNaN(Date.parse(schedule.dueDate))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
