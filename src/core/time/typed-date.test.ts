import { describe, expect, it } from "vitest";
import { looksComplete, readTypedDate } from "./typed-date.ts";

describe("dates typed into a field", () => {
  it("reads dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd into YYYY-MM-DD", () => {
    expect(readTypedDate("05/03/2026")).toEqual({ ok: true, value: "2026-03-05" });
    expect(readTypedDate(" 5/3/2026 ")).toEqual({ ok: true, value: "2026-03-05" });
    expect(readTypedDate("5.3.2026")).toEqual({ ok: true, value: "2026-03-05" });
    expect(readTypedDate("2026-03-05")).toEqual({ ok: true, value: "2026-03-05" });
    expect(readTypedDate("29/02/2024")).toEqual({ ok: true, value: "2024-02-29" });
    expect(readTypedDate("")).toEqual({ ok: true, value: null });
  });

  it("refuses a day the calendar does not have, naming it", () => {
    const result = readTypedDate("31/02/2026");
    expect(result).toMatchObject({ ok: false, problem: "impossible" });
    expect(!result.ok && result.message).toBe("Ngày 31/02/2026 không có trên lịch.");
    expect(readTypedDate("29/02/2025")).toMatchObject({ ok: false, problem: "impossible" });
    expect(readTypedDate("01/13/2026")).toMatchObject({ ok: false, problem: "impossible" });
    expect(readTypedDate("00/01/2026")).toMatchObject({ ok: false, problem: "impossible" });
  });

  it("refuses text that is not a date", () => {
    for (const text of ["31/02", "hôm qua", "2026/03/05", "05/03/26", "05/03/2026 10:00"]) {
      expect(readTypedDate(text), text).toMatchObject({ ok: false, problem: "format" });
    }
    expect(readTypedDate("x")).toMatchObject({ message: "Ngày phải có dạng dd/mm/yyyy." });
  });

  it("states the range rule with the field's name and the bound", () => {
    const rules = { label: "Ngày hoàn thành", max: "2026-03-10", maxLabel: "hôm nay" };
    expect(readTypedDate("10/03/2026", rules)).toEqual({ ok: true, value: "2026-03-10" });
    expect(readTypedDate("11/03/2026", rules)).toEqual({
      ok: false,
      problem: "after_max",
      message: "Ngày hoàn thành không được sau hôm nay.",
    });
    expect(readTypedDate("01/03/2026", { label: "Ngày hẹn trả mới", min: "2026-03-05" })).toEqual({
      ok: false,
      problem: "before_min",
      message: "Ngày hẹn trả mới không được trước 05/03/2026.",
    });
  });

  it("reads dd/mm/yyyy HH:mm when the field has a time", () => {
    expect(readTypedDate("05/03/2026 9:05", { withTime: true })).toEqual({
      ok: true,
      value: "2026-03-05 09:05:00",
    });
    expect(readTypedDate("05/03/2026 24:00", { withTime: true })).toMatchObject({
      problem: "time",
    });
    expect(readTypedDate("05/03/2026", { withTime: true })).toMatchObject({
      message: "Ngày phải có dạng dd/mm/yyyy HH:mm.",
    });
    expect(readTypedDate("31/04/2026 08:00", { withTime: true })).toMatchObject({
      problem: "impossible",
    });
  });

  it("knows when the text has the whole shape of a date", () => {
    expect(looksComplete("31/0")).toBe(false);
    expect(looksComplete("31/02/2026")).toBe(true);
    expect(looksComplete("31/02/2026", true)).toBe(false);
    expect(looksComplete("31/02/2026 08:00", true)).toBe(true);
  });
});
