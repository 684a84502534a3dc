import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatNumber,
  parseDateInput,
} from "./format.ts";

describe("Vietnamese display formats", () => {
  it("shows dates as dd/mm/yyyy", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(null)).toBe("—");
  });

  it("shows instants in Vietnam time whatever the machine's zone", () => {
    expect(formatDateTime("2026-11-23T17:05:00Z")).toBe("24/11/2026 00:05");
    expect(formatDateTime("2025-06-30T23:59:00+07:00")).toBe("30/06/2025 23:59");
  });

  it("uses the decimal comma and dot thousands separator", () => {
    expect(formatDecimal(99.7)).toBe("99,70");
    expect(formatNumber(1234567)).toBe("1.234.567");
  });

  it("parses typed dates day-first", () => {
    expect(parseDateInput("01/07/2025")).toBe("2025-07-01");
    expect(parseDateInput("1/7/2025")).toBe("2025-07-01");
    expect(parseDateInput("2025-07-01")).toBe("2025-07-01");
    expect(parseDateInput("31/02/2025")).toBeNull();
    expect(parseDateInput("07/2025")).toBeNull();
  });
});
