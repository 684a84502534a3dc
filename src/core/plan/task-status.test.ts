import { describe, expect, it } from "vitest";
import {
  TASK_STATUSES,
  TASK_STATUS_LABELS,
  checkTaskStatusChange,
  deriveTaskStatus,
  type TaskStatusFacts,
} from "./task-status.ts";

const base: TaskStatusFacts = {
  storedStatus: "in_progress",
  dueDate: "2026-03-31",
  completedOn: null,
  today: "2026-03-31",
};

describe("deriveTaskStatus", () => {
  it("is on time through the due day and overdue the day after", () => {
    expect(deriveTaskStatus(base)).toBe("in_progress");
    expect(deriveTaskStatus({ ...base, today: "2026-04-01" })).toBe("overdue");
    expect(deriveTaskStatus({ ...base, storedStatus: "not_started", today: "2026-04-01" })).toBe(
      "overdue",
    );
    expect(deriveTaskStatus({ ...base, storedStatus: "not_started" })).toBe("not_started");
  });

  it("tells late completion from completion on time", () => {
    const completed = { ...base, storedStatus: "completed" as const, today: "2026-06-01" };
    expect(deriveTaskStatus({ ...completed, completedOn: "2026-03-31" })).toBe("completed");
    expect(deriveTaskStatus({ ...completed, completedOn: "2026-04-02" })).toBe("completed_late");
  });

  it("never makes a task without a due date overdue", () => {
    expect(deriveTaskStatus({ ...base, dueDate: null, today: "2030-01-01" })).toBe("in_progress");
  });

  it("keeps paused and cancelled tasks as they are", () => {
    expect(deriveTaskStatus({ ...base, storedStatus: "paused", today: "2026-12-31" })).toBe(
      "paused",
    );
    expect(deriveTaskStatus({ ...base, storedStatus: "cancelled", today: "2026-12-31" })).toBe(
      "cancelled",
    );
  });

  it("has a Vietnamese label for every status", () => {
    expect(TASK_STATUSES.map((status) => TASK_STATUS_LABELS[status])).toEqual([
      "Chưa thực hiện",
      "Đang thực hiện",
      "Hoàn thành",
      "Hoàn thành trễ hạn",
      "Quá hạn",
      "Tạm dừng",
      "Hủy",
    ]);
  });
});

describe("checkTaskStatusChange", () => {
  const today = "2026-05-10";

  it("requires a reason to pause or cancel", () => {
    expect(
      checkTaskStatusChange({ status: "paused", reason: "  ", completedOn: null, today }),
    ).toEqual([{ code: "TASK_REASON_REQUIRED", message: "Vui lòng nêu lý do tạm dừng nhiệm vụ." }]);
    expect(
      checkTaskStatusChange({ status: "cancelled", reason: null, completedOn: null, today })[0]
        ?.code,
    ).toBe("TASK_REASON_REQUIRED");
    expect(
      checkTaskStatusChange({
        status: "cancelled",
        reason: "Cấp trên điều chỉnh kế hoạch",
        completedOn: null,
        today,
      }),
    ).toEqual([]);
  });

  it("requires a completion date not in the future", () => {
    expect(
      checkTaskStatusChange({ status: "completed", reason: null, completedOn: null, today })[0]
        ?.code,
    ).toBe("TASK_COMPLETION_DATE_REQUIRED");
    expect(
      checkTaskStatusChange({
        status: "completed",
        reason: null,
        completedOn: "2026-05-11",
        today,
      })[0]?.code,
    ).toBe("TASK_COMPLETION_DATE_IN_FUTURE");
    expect(
      checkTaskStatusChange({ status: "completed", reason: null, completedOn: today, today }),
    ).toEqual([]);
  });

  it("refuses a completion date on an unfinished task", () => {
    expect(
      checkTaskStatusChange({
        status: "in_progress",
        reason: null,
        completedOn: "2026-05-01",
        today,
      })[0]?.code,
    ).toBe("TASK_COMPLETION_DATE_NOT_ALLOWED");
  });
});
