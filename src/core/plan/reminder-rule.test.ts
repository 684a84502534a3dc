import { describe, expect, it } from "vitest";
import { dueReminders, type ReminderCandidate } from "./reminder-rule.ts";

function candidate(patch: Partial<ReminderCandidate>): ReminderCandidate {
  return {
    taskId: "t1",
    occurrenceId: null,
    occurrenceLabel: null,
    planId: "p1",
    planTitle: "Kế hoạch CCHC năm 2026",
    unitId: "u1",
    leadAgencyId: "a1",
    text: "Ban hành kế hoạch tuyên truyền",
    dueDate: "2026-03-31",
    status: "not_started",
    ...patch,
  };
}

const run = (c: ReminderCandidate, today: string, daysBefore = 3) =>
  dueReminders([c], { today, daysBefore });

describe("dueReminders", () => {
  it("reminds N days before the due date, on it, and after it", () => {
    expect(run(candidate({}), "2026-03-27")).toEqual([]);
    const soon = run(candidate({}), "2026-03-28");
    expect(soon).toHaveLength(1);
    expect(soon[0]).toMatchObject({
      kind: "task_due_soon",
      dedupeKey: "t1:-:2026-03-31:task_due_soon",
      title: "Nhiệm vụ sắp đến hạn: còn 3 ngày (hạn 31/03/2026)",
      link: "/ke-hoach/p1",
    });
    expect(run(candidate({}), "2026-03-31")[0]!.title).toBe(
      "Nhiệm vụ đến hạn hôm nay (31/03/2026)",
    );
    const overdue = run(candidate({}), "2026-04-01");
    expect(overdue[0]).toMatchObject({
      kind: "task_overdue",
      dedupeKey: "t1:-:2026-03-31:task_overdue",
      title: "Nhiệm vụ quá hạn (hạn 31/03/2026)",
    });
  });

  it("gives the same key on every run of the same day and window, a new one for a new due date", () => {
    const a = run(candidate({}), "2026-03-29")[0]!.dedupeKey;
    const b = run(candidate({}), "2026-03-30")[0]!.dedupeKey;
    expect(a).toBe(b);
    const moved = run(candidate({ dueDate: "2026-04-02" }), "2026-03-30")[0]!.dedupeKey;
    expect(moved).not.toBe(a);
  });

  it("leaves finished, paused, cancelled and undated tasks alone", () => {
    for (const status of ["completed", "paused", "cancelled"]) {
      expect(run(candidate({ status }), "2026-04-10")).toEqual([]);
    }
    expect(run(candidate({ dueDate: null }), "2026-04-10")).toEqual([]);
    expect(run(candidate({ status: "in_progress" }), "2026-04-10")).toHaveLength(1);
  });

  it("reminds each occurrence of a recurring task on its own", () => {
    const reminders = dueReminders(
      [
        candidate({ occurrenceId: "o1", occurrenceLabel: "Quý I/2026", dueDate: "2026-03-31" }),
        candidate({ occurrenceId: "o2", occurrenceLabel: "Quý II/2026", dueDate: "2026-06-30" }),
      ],
      { today: "2026-04-02", daysBefore: 3 },
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.dedupeKey).toBe("t1:o1:2026-03-31:task_overdue");
    expect(reminders[0]!.body).toContain("(Quý I/2026)");
  });

  it("with zero days before, reminds only on the day and after", () => {
    expect(run(candidate({}), "2026-03-30", 0)).toEqual([]);
    expect(run(candidate({}), "2026-03-31", 0)).toHaveLength(1);
  });
});
