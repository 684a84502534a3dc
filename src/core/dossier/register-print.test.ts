import { describe, expect, it } from "vitest";
import { instantOfVietnamLocal } from "./local-time.ts";
import {
  REGISTER_PRINT_PART_ROWS,
  checkRegisterPrintPart,
  checkRegisterPrintPeriod,
  registerPrintCells,
  registerPrintParts,
  type RegisterPrintDossier,
} from "./register-print.ts";

const refusal = (rule: () => void) => {
  try {
    rule();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("not refused");
};

const returned: RegisterPrintDossier = {
  entry: { year: 2026, book: 1, entry: 123 },
  code: "000.01.22.H99-260305-0007",
  procedureName: "Cấp bản sao Trích lục hộ tịch",
  documentSets: 1,
  applicantName: "Hoàng Thị Mai",
  applicantAddress: "Tổ 3, khu 4",
  applicantPhone: "0911 222 333",
  leadAgencyName: "Tư pháp - Hộ tịch",
  // 23:30 in Vietnam is still the 5th there (16:30 UTC): days are Vietnam's.
  receivedAt: instantOfVietnamLocal("2026-03-05 23:30"),
  originalDueDate: "2026-03-09",
  dueDate: "2026-03-09",
  handedOverAt: instantOfVietnamLocal("2026-03-06 08:15"),
  resultAt: instantOfVietnamLocal("2026-03-09 10:00"),
  returnedAt: instantOfVietnamLocal("2026-03-10 14:00"),
  state: "returned",
};

describe("the printed register book's period", () => {
  it("takes a period of one day up to a leap year's 366 days", () => {
    expect(() => checkRegisterPrintPeriod({ from: "2026-03-05", to: "2026-03-05" })).not.toThrow();
    expect(() => checkRegisterPrintPeriod({ from: "2027-03-01", to: "2028-02-29" })).not.toThrow();
  });

  it("refuses a period longer than a year, or ending before it starts, in Vietnamese", () => {
    const long = refusal(() => checkRegisterPrintPeriod({ from: "2025-01-01", to: "2026-01-02" }));
    expect(long.code).toBe("REGISTER_PRINT_PERIOD_TOO_LONG");
    expect(long.message).toBe(
      "Kỳ in sổ theo dõi dài 367 ngày (từ 01/01/2025 đến 02/01/2026): mỗi lần in tối đa một năm (366 ngày). Hãy chọn kỳ ngắn hơn.",
    );
    const back = refusal(() => checkRegisterPrintPeriod({ from: "2026-03-05", to: "2026-03-04" }));
    expect(back.code).toBe("REGISTER_PRINT_PERIOD_INVALID");
    expect(back.message).toContain("ngày bắt đầu 05/03/2026 sau ngày kết thúc 04/03/2026");
  });

  it("prints a long period in parts of 2,000 lines, an empty one in one", () => {
    expect(REGISTER_PRINT_PART_ROWS).toBe(2000);
    expect(registerPrintParts(0)).toBe(1);
    expect(registerPrintParts(2000)).toBe(1);
    expect(registerPrintParts(2001)).toBe(2);
    expect(() => checkRegisterPrintPart(2, 2001)).not.toThrow();
    expect(refusal(() => checkRegisterPrintPart(3, 2001)).code).toBe("REGISTER_PRINT_PART_INVALID");
    expect(refusal(() => checkRegisterPrintPart(0, 10)).code).toBe("REGISTER_PRINT_PART_INVALID");
  });
});

describe("a line of the printed register book", () => {
  it("prints the line number, the dossier and its five dates in Vietnam days", () => {
    expect(registerPrintCells(returned)).toEqual([
      "123",
      "000.01.22.H99-260305-0007",
      "Cấp bản sao Trích lục hộ tịch",
      "01",
      "Hoàng Thị Mai",
      "Tổ 3, khu 4; 0911 222 333",
      "Tư pháp - Hộ tịch",
      "05/03/2026",
      "09/03/2026",
      "06/03/2026",
      "09/03/2026",
      "10/03/2026",
      "",
    ]);
  });

  it("leaves a step never recorded empty, never guessing it", () => {
    const waiting: RegisterPrintDossier = {
      ...returned,
      documentSets: null,
      applicantAddress: null,
      leadAgencyName: null,
      handedOverAt: null,
      resultAt: null,
      returnedAt: null,
      state: "received",
    };
    const cells = registerPrintCells(waiting);
    expect(cells[3]).toBe("");
    expect(cells[5]).toBe("0911 222 333");
    expect(cells[6]).toBe("");
    expect(cells.slice(7)).toEqual(["05/03/2026", "09/03/2026", "", "", "", ""]);
  });

  it("notes an ending other than a result and a moved return date", () => {
    const cells = registerPrintCells({
      ...returned,
      state: "withdrawn",
      dueDate: "2026-03-12",
      resultAt: null,
      returnedAt: null,
    });
    // The appointment column keeps the receipt's date; the note says it moved.
    expect(cells[8]).toBe("09/03/2026");
    expect(cells[12]).toBe("Rút hồ sơ; Hẹn lại: 12/03/2026");
  });
});
