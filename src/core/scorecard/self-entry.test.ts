import { describe, expect, it } from "vitest";
import { selfEntryProblem } from "./self-entry.ts";

const manual = { maxPoints: 2, auto: false, bonus: false };
const entry = { selfPoints: 1, notApplicable: false, overrideReason: null, explanation: null };

describe("selfEntryProblem", () => {
  it("takes points within 0 and the leaf's maximum", () => {
    expect(selfEntryProblem(manual, entry)).toBeNull();
    expect(selfEntryProblem(manual, { ...entry, selfPoints: 2 })).toBeNull();
    expect(selfEntryProblem(manual, { ...entry, selfPoints: null })).toBeNull();
    expect(selfEntryProblem(manual, { ...entry, selfPoints: -1 })).toBe(
      "Điểm tự chấm không được âm.",
    );
    expect(selfEntryProblem(manual, { ...entry, selfPoints: 2.5 })).toBe(
      "Điểm tự chấm vượt điểm tối đa của tiêu chí (2).",
    );
  });

  it("changes a leaf scored from data only with a reason", () => {
    const auto = { ...manual, auto: true };
    expect(selfEntryProblem(auto, entry)).toMatch(/phải ghi lý do/);
    expect(selfEntryProblem(auto, { ...entry, overrideReason: "  " })).toMatch(/phải ghi lý do/);
    expect(selfEntryProblem(auto, { ...entry, overrideReason: "Lỗi hệ thống tỉnh" })).toBeNull();
  });

  it("needs an explanation for “không phát sinh”, except on a bonus leaf; its points are ignored", () => {
    const none = { ...entry, selfPoints: 9, notApplicable: true };
    expect(selfEntryProblem(manual, none)).toBe("Tiêu chí “không phát sinh” cần ghi giải trình.");
    expect(selfEntryProblem(manual, { ...none, explanation: "Năm nay không có" })).toBeNull();
    expect(selfEntryProblem({ ...manual, bonus: true }, none)).toBeNull();
  });
});
