import { describe, expect, it } from "vitest";
import { parseReportSchedule } from "./report-schedule.ts";

const kindsAndDue = (text: string) =>
  parseReportSchedule(text).map(({ kind, due }) => ({ kind, due }));

describe("parseReportSchedule", () => {
  it("reads a quarterly report due in the last month of the quarter and fixed-date reports", () => {
    expect(
      kindsAndDue(
        "Các cơ quan báo cáo định kỳ hằng quý về Văn phòng trước ngày 10 của tháng cuối quý; báo cáo 6 tháng trước ngày 10/6/2026; báo cáo năm trước ngày 15 tháng 11 năm 2026.",
      ),
    ).toEqual([
      { kind: "quarterly", due: { rule: "day_of_last_month_of_quarter", day: 10 } },
      { kind: "half_yearly", due: { rule: "fixed_date", day: 10, month: 6 } },
      { kind: "yearly", due: { rule: "fixed_date", day: 15, month: 11 } },
    ]);
  });

  it("gives every kind a clause names the clause's rule", () => {
    expect(
      kindsAndDue(
        "Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả về UBND xã trước ngày 15 tháng cuối quý.",
      ).map((entry) => entry.kind),
    ).toEqual(["quarterly", "half_yearly", "yearly"]);
  });

  it("reads monthly reports, reports due in the next period, and reports without a deadline", () => {
    expect(kindsAndDue("Báo cáo hằng tháng trước ngày 20 hằng tháng.")).toEqual([
      { kind: "monthly", due: { rule: "day_of_month", day: 20 } },
    ]);
    expect(kindsAndDue("Gửi báo cáo quý trước ngày 05 của tháng đầu quý sau.")).toEqual([
      { kind: "quarterly", due: { rule: "day_of_next_period", day: 5 } },
    ]);
    expect(kindsAndDue("Thực hiện báo cáo hằng quý theo quy định.")).toEqual([
      { kind: "quarterly", due: null },
    ]);
  });

  it("ignores text that sets no schedule", () => {
    expect(parseReportSchedule("Văn phòng tổng hợp báo cáo kết quả.")).toEqual([]);
    expect(parseReportSchedule("Rà soát thủ tục hành chính hằng quý.")).toEqual([]);
  });
});
