import { describe, expect, it } from "vitest";
import { outsideValidity } from "./unit-validity.ts";

const ward = { name: "Phường Bãi Cháy", validFrom: "2025-07-01", validTo: null };
const merged = { name: "Phường Hùng Thắng", validFrom: null, validTo: "2025-06-30" };

describe("a unit receives records only while it exists", () => {
  it("accepts the days of its validity, both ends included", () => {
    expect(outsideValidity(ward, "2025-07-01")).toBeNull();
    expect(outsideValidity(ward, "2030-01-01")).toBeNull();
    expect(outsideValidity(merged, "2025-06-30")).toBeNull();
    expect(outsideValidity({ name: "X", validFrom: null, validTo: null }, "1990-01-01")).toBeNull();
  });

  it("refuses a day before the unit existed, naming the day it began", () => {
    expect(outsideValidity(ward, "2025-06-30")).toBe(
      "Phường Bãi Cháy chỉ hoạt động từ ngày 01/07/2025; không thể ghi nhận hồ sơ, phản ánh ngày 30/06/2025 cho đơn vị này (hồ sơ trước ngày đó thuộc đơn vị cũ).",
    );
  });

  it("refuses a day after the unit was merged away", () => {
    expect(outsideValidity(merged, "2025-07-01")).toContain(
      "Phường Hùng Thắng đã kết thúc hoạt động ngày 30/06/2025",
    );
  });
});
