import { describe, expect, it } from "vitest";
import { planTitleWithoutKind } from "./plan-title.ts";

describe("planTitleWithoutKind", () => {
  it("removes the kind typed before the title, in any case", () => {
    expect(planTitleWithoutKind("Kế hoạch cải cách hành chính năm 2026")).toBe(
      "Cải cách hành chính năm 2026",
    );
    expect(planTitleWithoutKind("KẾ HOẠCH Cải cách hành chính năm 2026")).toBe(
      "Cải cách hành chính năm 2026",
    );
    expect(planTitleWithoutKind("  kế hoạch: kiểm soát thủ tục hành chính")).toBe(
      "Kiểm soát thủ tục hành chính",
    );
  });

  it("removes it as often as it was typed", () => {
    expect(planTitleWithoutKind("Kế hoạch kế hoạch cải cách hành chính")).toBe(
      "Cải cách hành chính",
    );
  });

  it("keeps a title that only mentions a plan later, or is nothing but the kind", () => {
    expect(planTitleWithoutKind("Thực hiện kế hoạch cải cách hành chính")).toBe(
      "Thực hiện kế hoạch cải cách hành chính",
    );
    expect(planTitleWithoutKind("Kế hoạch")).toBe("Kế hoạch");
    expect(planTitleWithoutKind("Kế hoạchhóa gia đình")).toBe("Kế hoạchhóa gia đình");
  });

  it("reads a decomposed spelling as the same word", () => {
    expect(planTitleWithoutKind("Kế hoạch năm 2026".normalize("NFD"))).toBe("Năm 2026");
  });
});
