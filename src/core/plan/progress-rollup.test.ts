import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  PROGRESS_RULE,
  formatProgressPercent,
  rollUpPlanProgress,
  rollUpProgress,
} from "./progress-rollup.ts";
import { TASK_STATUSES, type TaskStatus } from "./task-status.ts";

function repeat(status: TaskStatus, times: number): TaskStatus[] {
  return Array.from({ length: times }, () => status);
}

describe("rollUpProgress", () => {
  it("counts completed and late-completed tasks, leaves cancelled ones out", () => {
    const statuses = [
      ...repeat("completed", 6),
      ...repeat("completed_late", 1),
      ...repeat("overdue", 2),
      ...repeat("in_progress", 2),
      ...repeat("not_started", 1),
      ...repeat("cancelled", 3),
    ];
    const progress = rollUpProgress(statuses);
    expect(progress).toMatchObject({
      total: 12,
      completed: 7,
      completedLate: 1,
      overdue: 2,
      inProgress: 2,
      notStarted: 1,
      paused: 0,
      cancelled: 3,
      summary: "7/12 nhiệm vụ hoàn thành (1 trễ hạn), 2 quá hạn",
      rule: PROGRESS_RULE,
    });
    expect(progress.percent).toBeCloseTo((7 / 12) * 100, 10);
    expect(formatProgressPercent(progress)).toBe("58,33%");
  });

  it("leaves out the parts of the sentence that are zero", () => {
    expect(rollUpProgress(["completed", "in_progress"]).summary).toBe("1/2 nhiệm vụ hoàn thành");
  });

  it("has no percentage without counted tasks", () => {
    expect(rollUpProgress([])).toMatchObject({
      total: 0,
      percent: null,
      summary: "Chưa có nhiệm vụ",
    });
    const onlyCancelled = rollUpProgress(["cancelled"]);
    expect(onlyCancelled.summary).toBe("Không có nhiệm vụ cần thực hiện (1 nhiệm vụ đã hủy)");
    expect(formatProgressPercent(onlyCancelled)).toBe("—");
  });

  it("accounts for every task exactly once (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TASK_STATUSES)), (statuses) => {
        const progress = rollUpProgress(statuses);
        expect(
          progress.completed +
            progress.overdue +
            progress.inProgress +
            progress.notStarted +
            progress.paused +
            progress.cancelled,
        ).toBe(statuses.length);
        expect(progress.total).toBe(statuses.length - progress.cancelled);
        if (progress.percent !== null) {
          expect(progress.percent).toBeGreaterThanOrEqual(0);
          expect(progress.percent).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe("rollUpPlanProgress", () => {
  it("rolls up per area in order of appearance and for the plan", () => {
    const result = rollUpPlanProgress([
      { areaKey: "procedures", status: "completed" },
      { areaKey: "direction", status: "overdue" },
      { areaKey: "procedures", status: "in_progress" },
      { areaKey: "direction", status: "completed" },
      { areaKey: "direction", status: "cancelled" },
    ]);
    expect(result.areas.map((area) => [area.areaKey, area.progress.summary])).toEqual([
      ["procedures", "1/2 nhiệm vụ hoàn thành"],
      ["direction", "1/2 nhiệm vụ hoàn thành, 1 quá hạn"],
    ]);
    expect(result.plan.summary).toBe("2/4 nhiệm vụ hoàn thành, 1 quá hạn");
  });
});
