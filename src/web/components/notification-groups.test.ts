import { describe, expect, it } from "vitest";
import { groupNotifications } from "./notification-groups.ts";

describe("the notification bell's groups", () => {
  it("puts what is late first, then what falls due, keeping the order inside each group", () => {
    const items = [
      { id: "1", kind: "task_due_soon" },
      { id: "2", kind: "task_overdue" },
      { id: "3", kind: "report_due_soon" },
      { id: "4", kind: "task_overdue" },
      { id: "5", kind: "something_new" },
      { id: "6", kind: "report_overdue" },
    ];
    expect(groupNotifications(items).map((g) => [g.label, g.items.map((n) => n.id)])).toEqual([
      ["Nhiệm vụ quá hạn", ["2", "4"]],
      ["Báo cáo quá hạn", ["6"]],
      ["Nhiệm vụ sắp đến hạn", ["1"]],
      ["Báo cáo sắp đến hạn", ["3"]],
      ["Thông báo khác", ["5"]],
    ]);
  });

  it("leaves empty groups out", () => {
    expect(groupNotifications([])).toEqual([]);
    expect(groupNotifications([{ kind: "task_overdue" }]).map((g) => g.label)).toEqual([
      "Nhiệm vụ quá hạn",
    ]);
  });
});
