import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DuplicateCodes,
  duplicateCodeError,
  parseChannel,
  parseFlag,
  parseImportRow,
  parseLocalMoment,
  parseState,
  resolveMapping,
  type ImportCell,
} from "./index.ts";

const HEADERS = [
  "STT",
  "Mã hồ sơ",
  "Mã TTHC",
  "Tên người nộp",
  "Số điện thoại",
  "Kênh nộp",
  "Ngày tiếp nhận",
  "Hạn xử lý",
  "Ngày có kết quả",
  "Ngày trả kết quả",
  "Trạng thái",
  "Số hóa",
];

function context(headers = HEADERS) {
  const { indexes } = resolveMapping(headers);
  return {
    headers,
    indexes,
    today: "2026-06-30",
    procedureCodes: new Set(["1.004873"]),
    agencyCodes: new Set(["000.01.22.H99"]),
  };
}

const GOOD: ImportCell[] = [
  "1",
  "000.01.22.H99-260302-0001",
  "1.004873",
  "Hoàng Thị Mai",
  "0911 222 333",
  "Trực tiếp",
  "02/03/2026 09:00",
  "05/03/2026",
  "04/03/2026 16:30",
  "05/03/2026 08:00",
  "Đã trả kết quả",
  "x",
];

describe("column mapping", () => {
  it("recognises Vietnamese headers with or without diacritics, in any case", () => {
    const resolved = resolveMapping(HEADERS);
    expect(resolved.problems).toEqual([]);
    expect(resolved.indexes).toMatchObject({
      code: 1,
      procedureCode: 2,
      applicantName: 3,
      applicantPhone: 4,
      channel: 5,
      receivedAt: 6,
      dueDate: 7,
      finishedAt: 8,
      returnedAt: 9,
      state: 10,
      digitised: 11,
    });
    expect(resolved.unmapped).toEqual(["STT"]);
    const plain = resolveMapping([
      "MA HO SO",
      "ma thu tuc",
      "Nguoi nop",
      "NGAY TIEP NHAN (dd/mm/yyyy)",
      "Hạn giải quyết",
    ]);
    expect(plain.problems).toEqual([]);
    expect(plain.mapping).toEqual({
      code: "MA HO SO",
      procedureCode: "ma thu tuc",
      applicantName: "Nguoi nop",
      receivedAt: "NGAY TIEP NHAN (dd/mm/yyyy)",
      dueDate: "Hạn giải quyết",
    });
  });

  it("takes a saved mapping first and reports missing or doubly used columns in Vietnamese", () => {
    const headers = ["Số biên nhận", "Thủ tục", "Chủ hồ sơ", "Nhận lúc", "Hẹn trả"];
    const missing = resolveMapping(headers);
    expect(missing.problems.map((p) => p.field)).toEqual(["procedureCode", "receivedAt"]);
    expect(missing.problems[0]!.message).toBe(
      "Thiếu cột “Mã thủ tục” (bắt buộc). Hãy chọn cột tương ứng trong tệp.",
    );
    const saved = resolveMapping(headers, { procedureCode: "Thủ tục", receivedAt: "nhận lúc" });
    expect(saved.problems).toEqual([]);
    expect(saved.indexes).toMatchObject({
      code: 0,
      procedureCode: 1,
      applicantName: 2,
      receivedAt: 3,
      dueDate: 4,
    });
    const wrong = resolveMapping(headers, { procedureCode: "Không có", receivedAt: "Hẹn trả" });
    expect(wrong.problems.map((p) => p.message)).toEqual([
      "Không có cột “Không có” trong tệp (đã chọn cho trường “Mã thủ tục”).",
      "Cột “Hẹn trả” được chọn cho cả “Ngày tiếp nhận” và “Hạn xử lý”.",
    ]);
    const skipped = resolveMapping(HEADERS, { digitised: "" });
    expect(skipped.indexes.digitised).toBeUndefined();
  });
});

describe("values", () => {
  it("reads the date forms of one-stop exports as Vietnam local time", () => {
    expect(parseLocalMoment("02/03/2026")).toEqual({ date: "2026-03-02", seconds: null });
    expect(parseLocalMoment("2/3/2026 8:05")).toEqual({
      date: "2026-03-02",
      seconds: 8 * 3600 + 300,
    });
    expect(parseLocalMoment("02/03/2026 08:05:09")).toEqual({ date: "2026-03-02", seconds: 29109 });
    expect(parseLocalMoment("08:05 02/03/2026")).toEqual({ date: "2026-03-02", seconds: 29100 });
    expect(parseLocalMoment("2026-03-02")).toEqual({ date: "2026-03-02", seconds: null });
    expect(parseLocalMoment("2026-03-02T08:05:00")).toEqual({ date: "2026-03-02", seconds: 29100 });
    // 20:00 UTC is 03:00 the next day in Vietnam.
    expect(parseLocalMoment("2026-03-02T20:00:00Z")).toEqual({
      date: "2026-03-03",
      seconds: 10800,
    });
    // Excel serial 46083 is 02/03/2026; .5 is noon.
    expect(parseLocalMoment(46083)).toEqual({ date: "2026-03-02", seconds: null });
    expect(parseLocalMoment(46083.5)).toEqual({ date: "2026-03-02", seconds: 43200 });
    expect(parseLocalMoment(new Date(Date.UTC(2026, 2, 2, 8, 5)))).toEqual({
      date: "2026-03-02",
      seconds: 29100,
    });
    for (const bad of [
      "31/02/2026",
      "02/13/2026",
      "2026-02-30",
      "02/03/26",
      "hôm qua",
      "25:00 02/03/2026",
      "",
      "0",
    ])
      expect(parseLocalMoment(bad)).toBeNull();
  });

  it("reads state, channel and flag words tone-insensitively", () => {
    expect(parseState("Đã trả kết quả")).toBe("returned");
    expect(parseState("ĐANG GIẢI QUYẾT")).toBe("in_progress");
    expect(parseState("Dang giai quyet")).toBe("in_progress");
    expect(parseState("Từ chối giải quyết")).toBe("refused");
    expect(parseState("Dừng giải quyết")).toBe("stopped");
    expect(parseState("chờ bổ sung")).toBe("supplement_requested");
    expect(parseState("đã xong?")).toBeNull();
    expect(parseChannel("Trực tuyến")).toBe("online");
    expect(parseChannel("TRUC TIEP")).toBe("in_person");
    expect(parseChannel("Bưu chính công ích")).toBe("postal");
    expect(parseChannel("fax")).toBeNull();
    expect(parseFlag("x")).toBe(true);
    expect(parseFlag("Có")).toBe(true);
    expect(parseFlag("")).toBe(false);
    expect(parseFlag("không")).toBe(false);
    expect(parseFlag("có lẽ")).toBeNull();
  });
});

describe("rows", () => {
  it("converts a good row", () => {
    const result = parseImportRow(GOOD, 2, context());
    expect(result).toEqual({
      ok: true,
      dossier: {
        row: 2,
        code: "000.01.22.H99-260302-0001",
        procedureCode: "1.004873",
        applicantName: "Hoàng Thị Mai",
        applicantPhone: "0911 222 333",
        applicantAddress: null,
        channel: "in_person",
        receivedAt: "2026-03-02T09:00:00+07:00",
        receivedOn: "2026-03-02",
        dueDate: "2026-03-05",
        finishedAt: "2026-03-04T16:30:00+07:00",
        returnedAt: "2026-03-05T08:00:00+07:00",
        state: "returned",
        supplementCount: 0,
        reason: null,
        digitised: true,
        electronicResult: false,
        onlinePayment: false,
        ruleSet: "2025",
      },
    });
  });

  it("derives the state from the dates when the column is empty, and the 2018 rules before 07/2025", () => {
    const row = [...GOOD];
    row[6] = "02/03/2024 09:00";
    row[7] = "05/03/2024";
    row[8] = "04/03/2024";
    row[9] = "";
    row[10] = "";
    const result = parseImportRow(row, 3, context());
    expect(result.ok === true && result.dossier).toMatchObject({
      state: "resolved",
      ruleSet: "2018",
    });
  });

  it("names the row and the column of every problem, in Vietnamese", () => {
    const row = [...GOOD];
    row[1] = "";
    row[2] = "9.999999";
    row[5] = "fax";
    row[6] = "31/02/2026";
    row[10] = "Đang giải quyết";
    row[11] = "có lẽ";
    const result = parseImportRow(row, 7, context());
    expect(result.ok).toBe(false);
    if (result.ok !== false) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      "Dòng 7, cột “Mã hồ sơ”: thiếu mã hồ sơ.",
      "Dòng 7, cột “Mã TTHC”: thủ tục mã “9.999999” không có trong danh mục thủ tục của đơn vị.",
      "Dòng 7, cột “Kênh nộp”: kênh nộp “fax” không rõ; dùng “Trực tiếp”, “Trực tuyến” hoặc “Bưu chính công ích”.",
      "Dòng 7, cột “Ngày tiếp nhận”: “31/02/2026” không phải ngày hợp lệ (dd/mm/yyyy, dd/mm/yyyy HH:mm hoặc yyyy-mm-dd).",
      "Dòng 7, cột “Trạng thái”: hồ sơ “Đang giải quyết” chưa kết thúc nên không được có ngày có kết quả hoặc ngày trả.",
      "Dòng 7, cột “Số hóa”: “có lẽ” phải là “có” (x, 1) hoặc “không” (để trống, 0).",
    ]);
  });

  it("refuses dates out of order, future receipts and stops before 01/07/2025", () => {
    const row = [...GOOD];
    row[6] = "02/03/2025 09:00";
    row[7] = "01/03/2025";
    row[8] = "";
    row[9] = "";
    row[10] = "Dừng giải quyết";
    const result = parseImportRow(row, 4, context());
    expect(result.ok === false && result.errors.map((e) => e.field)).toEqual([
      "dueDate",
      "finishedAt",
      "state",
    ]);
    const future = [...GOOD];
    future[6] = "01/07/2026";
    const later = parseImportRow(future, 5, context());
    expect(later.ok === false && later.errors[0]!.message).toContain("ở trong tương lai");
  });

  it("refuses codes outside the unit's code space (another body's agency code, no structure)", () => {
    const codeError = (code: string, agencyCodes?: ReadonlySet<string>) => {
      const row = [...GOOD];
      row[1] = code;
      const result = parseImportRow(row, 6, { ...context(), ...(agencyCodes && { agencyCodes }) });
      return result.ok === false ? result.errors.map((e) => [e.field, e.message]) : [];
    };
    // Another ward's agency code, dated inside the file's dates: the numbers its desk will issue.
    expect(codeError("000.02.22.H99-260302-0001")).toEqual([
      [
        "code",
        "Dòng 6, cột “Mã hồ sơ”: mã hồ sơ “000.02.22.H99-260302-0001” không thuộc dải mã của đơn vị: mã hồ sơ phải có dạng 000.01.22.H99-YYMMDD-NNNN (mã cơ quan của đơn vị, ngày tiếp nhận, số thứ tự); không nhập mã của cơ quan khác.",
      ],
    ]);
    for (const outside of [
      "000.01.22.h99-260302-0001", // another spelling of the agency code
      "000.01.22.H99-260230-0001", // no such day
      "000.01.22.H99-260302-00001",
      "000.01.22.H99-260302-0000",
      "000.01.22.H99",
      "000.01.22.H99X-260302-0001",
      "HS-2026-0001",
    ])
      expect(
        codeError(outside).map(([field]) => field),
        outside,
      ).toEqual(["code"]);
    expect(codeError("000.01.22.H99-260302-9999")).toEqual([]);
    // A unit merged into this one brings its own agency code into the code space.
    const merged = new Set(["000.01.22.H99", "000.05.22.H99"]);
    expect(codeError("000.05.22.H99-240115-0042", merged)).toEqual([]);
    expect(codeError("000.06.22.H99-240115-0042", merged)[0]![1]).toContain(
      "000.01.22.H99-YYMMDD-NNNN hoặc 000.05.22.H99-YYMMDD-NNNN",
    );
  });

  it("skips empty rows and reports a code given twice with its first row", () => {
    expect(parseImportRow(["", null, "  "], 9, context())).toEqual({ ok: "empty" });
    const seen = new DuplicateCodes();
    expect(seen.firstRowOf("A-1", 2)).toBeNull();
    expect(seen.firstRowOf("a-1", 5)).toBe(2);
    expect(duplicateCodeError(5, "Mã hồ sơ", "a-1", 2).message).toBe(
      "Dòng 5, cột “Mã hồ sơ”: mã hồ sơ “a-1” bị lặp (đã có ở dòng 2).",
    );
  });
});

describe("properties", () => {
  const day = fc
    .date({
      min: new Date(Date.UTC(1990, 0, 1)),
      max: new Date(Date.UTC(2100, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it("every real day reads back the same in dd/mm/yyyy, yyyy-mm-dd and as an Excel serial", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 86_399 }), (iso, seconds) => {
        const [y, m, d] = iso.split("-");
        const h = String(Math.floor(seconds / 3600)).padStart(2, "0");
        const mi = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
        const s = String(seconds % 60).padStart(2, "0");
        expect(parseLocalMoment(`${d}/${m}/${y}`)).toEqual({ date: iso, seconds: null });
        expect(parseLocalMoment(`${iso} ${h}:${mi}:${s}`)).toEqual({ date: iso, seconds });
        const serial =
          (Date.UTC(Number(y), Number(m) - 1, Number(d)) - Date.UTC(1899, 11, 30)) / 86_400_000;
        expect(parseLocalMoment(serial)?.date).toBe(iso);
      }),
    );
  });

  it("never throws on arbitrary cells, and every error names its row", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double({ noNaN: false }),
      fc.constant(null),
      fc.date({ noInvalidDate: false }),
    );
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 14 }),
        fc.integer({ min: 2, max: 10_000_000 }),
        (cells, row) => {
          const result = parseImportRow(cells, row, context());
          if (result.ok === false) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors)
              expect(error.message.startsWith(`Dòng ${row}`)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
