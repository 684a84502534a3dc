import { describe, expect, it } from "vitest";
import {
  PLAN_STATUSES,
  canAmendPlan,
  canTransitionPlan,
  isPlanEditable,
  planEditProblem,
  planTransitionProblem,
} from "./plan-status.ts";

describe("plan statuses", () => {
  it("allows draft → issued → superseded and nothing else", () => {
    const allowed = PLAN_STATUSES.flatMap((from) =>
      PLAN_STATUSES.filter((to) => canTransitionPlan(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(["draft→issued", "issued→superseded"]);
  });

  it("makes an issued plan read-only, changed only through an amending version", () => {
    expect(isPlanEditable("draft")).toBe(true);
    expect(isPlanEditable("issued")).toBe(false);
    expect(canAmendPlan("issued")).toBe(true);
    expect(canAmendPlan("draft")).toBe(false);
    expect(planEditProblem("issued")?.code).toBe("PLAN_NOT_EDITABLE");
    expect(planEditProblem("draft")).toBeNull();
  });

  it("explains a refused transition in Vietnamese", () => {
    expect(planTransitionProblem("issued", "draft")).toEqual({
      code: "PLAN_TRANSITION_NOT_ALLOWED",
      message: "Không thể chuyển kế hoạch từ trạng thái “Đã ban hành” sang “Dự thảo”.",
    });
    expect(planTransitionProblem("draft", "issued")).toBeNull();
  });
});
