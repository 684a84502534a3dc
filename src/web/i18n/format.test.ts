import { describe, expect, it } from "vitest";
import { formatDate, formatDecimal, formatNumber, parseDateInput } from "./format.ts";

describe("Vietnamese display formats", () => {
  it("shows dates as dd/mm/yyyy", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate(null)).toBe("—");
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
