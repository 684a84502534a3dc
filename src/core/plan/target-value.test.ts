import { describe, expect, it } from "vitest";
import { targetValueProblem } from "./target-value.ts";

describe("target figures that make sense for their unit", () => {
  it("keeps percentages in 0–100", () => {
    expect(targetValueProblem("percent", 99.7)).toBeNull();
    expect(targetValueProblem("percent", 0)).toBeNull();
    expect(targetValueProblem("percent", 100)).toBeNull();
    expect(targetValueProblem("percent", -1)).toBe("Tỷ lệ phải từ 0 đến 100%.");
    expect(targetValueProblem("percent", 100.5)).toBe("Tỷ lệ phải từ 0 đến 100%.");
  });
  it("wants whole ranks from 1 and whole non-negative counts", () => {
    expect(targetValueProblem("rank", 3)).toBeNull();
    expect(targetValueProblem("rank", 0)).not.toBeNull();
    expect(targetValueProblem("rank", 2.5)).not.toBeNull();
    expect(targetValueProblem("count", 0)).toBeNull();
    expect(targetValueProblem("count", -2)).not.toBeNull();
  });
  it("refuses negative points and accepts an empty value", () => {
    expect(targetValueProblem("points", -0.5)).toBe("Giá trị không được âm.");
    expect(targetValueProblem("points", null)).toBeNull();
  });
});
