import { describe, expect, it } from "vitest";
import {
  calendarDateProblem,
  instantProblem,
  isCalendarDate,
  localDateTimeProblem,
} from "./date-text.ts";

describe("calendar dates as text", () => {
  it("accepts days that exist, leap days of leap years included", () => {
    for (const day of [
      "2024-02-29",
      "2000-02-29",
      "2026-12-31",
      "2026-01-01",
      "1900-03-01",
      "2100-12-31",
    ]) {
      expect(calendarDateProblem(day), day).toBeNull();
    }
  });
  it("refuses days the calendar does not have", () => {
    for (const day of [
      "2026-02-31",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
    expect(calendarDateProblem("2026-02-31")).toBe("Ngày 31/02/2026 không có trên lịch.");
  });
  it("refuses other shapes and years out of range", () => {
    for (const text of [
      "2026-2-3",
      "02/03/2026",
      "2026-02-03T00:00",
      " 2026-02-03",
      "2026-02-03\u0000",
      "0000-01-01",
      "9999-12-31",
      "",
    ]) {
      expect(isCalendarDate(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("date-times as text", () => {
  it("reads a wall-clock time in Vietnam with a space or a T", () => {
    expect(localDateTimeProblem("2026-03-02 08:30")).toBeNull();
    expect(localDateTimeProblem("2026-03-02T23:59:59")).toBeNull();
    expect(localDateTimeProblem("2024-02-29 10:00")).toBeNull();
  });
  it("refuses impossible days and times", () => {
    for (const text of [
      "2026-02-31 10:00",
      "2025-02-29 10:00",
      "2026-03-02 24:00",
      "2026-03-02 10:60",
      "2026-03-02",
    ]) {
      expect(localDateTimeProblem(text), text).not.toBeNull();
    }
  });
  it("reads instants with their offset", () => {
    expect(instantProblem("2026-03-02T08:30:00+07:00")).toBeNull();
    expect(instantProblem("2026-03-02T01:30:00.123Z")).toBeNull();
    expect(instantProblem("2026-02-31T08:30:00Z")).not.toBeNull();
    expect(instantProblem("2026-03-02T08:30:00")).not.toBeNull();
    expect(instantProblem("2026-03-02T08:30:00+25:00")).not.toBeNull();
  });
});
