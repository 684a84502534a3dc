import { describe, expect, it } from "vitest";
import {
  checkSheetHeaders,
  diffTaskSheet,
  sheetDate,
  TASK_SHEET_COLUMNS,
  taskSheetRow,
  type CurrentTask,
  type SheetCell,
} from "./task-sheet.ts";

const headers = TASK_SHEET_COLUMNS.map((c) => c.header);
const today = "2026-05-20";
const tasks: CurrentTask[] = [
  {
    id: "t1",
    ref: "1",
    text: "Ban hành kế hoạch",
    status: "not_started",
    progress: 0,
    completedOn: null,
    reason: null,
    canUpdate: true,
  },
  {
    id: "t2",
    ref: "2",
    text: "Rà soát thủ tục",
    status: "in_progress",
    progress: 40,
    completedOn: null,
    reason: null,
    canUpdate: true,
  },
  {
    id: "t3",
    ref: "3",
    text: "Số hóa kết quả",
    status: "completed",
    progress: 100,
    completedOn: "2026-03-01",
    reason: null,
    canUpdate: false,
  },
];

function exported(task: CurrentTask): SheetCell[] {
  return taskSheetRow({
    ...task,
    leadAgencyName: "Tư pháp - Hộ tịch",
    timelineRaw: "Quý I/2026",
    dueDate: "2026-03-31",
  });
}

function withCells(task: CurrentTask, patch: Record<number, SheetCell>): SheetCell[] {
  const row = exported(task);
  for (const [i, v] of Object.entries(patch)) row[Number(i)] = v;
  return row;
}

describe("task sheet", () => {
  it("reads dates as people type them", () => {
    expect(sheetDate("5/3/2026")).toBe("2026-03-05");
    expect(sheetDate("2026-03-05")).toBe("2026-03-05");
    expect(sheetDate(new Date("2026-03-05T00:00:00Z"))).toBe("2026-03-05");
    expect(sheetDate("")).toBeNull();
    expect(sheetDate("31/02/2026")).toBeUndefined();
    expect(sheetDate("hôm qua")).toBeUndefined();
  });

  it("accepts the exported columns, tone placement aside, and rejects others", () => {
    expect(checkSheetHeaders(headers)).toEqual([]);
    expect(checkSheetHeaders([...headers, null, ""])).toEqual([]);
    expect(checkSheetHeaders(headers.map((h) => h.replace("Lý do", "Lí do")))).toHaveLength(1);
    const wrong = checkSheetHeaders(["STT", "Nội dung", "Trạng thái"]);
    expect(wrong[0]!.row).toBe(1);
    expect(wrong[0]!.message).toContain("thiếu cột");
    expect(wrong[0]!.message).toContain("“STT”");
    const swapped = [...headers];
    [swapped[6], swapped[7]] = [swapped[7]!, swapped[6]!];
    expect(checkSheetHeaders(swapped)[0]!.message).toContain("thứ tự cột");
  });

  it("finds no change in an untouched export", () => {
    const diff = diffTaskSheet(headers, tasks.map(exported), tasks, today);
    expect(diff).toMatchObject({ changed: 0, unchanged: 3, problemCount: 0 });
  });

  it("diffs status, progress, completion date and note with the update rules", () => {
    const diff = diffTaskSheet(
      headers,
      [
        withCells(tasks[0]!, { 6: "Hoàn thành", 8: "15/5/2026", 10: "Đã ban hành" }),
        withCells(tasks[1]!, { 7: 75 }),
        exported(tasks[2]!),
      ],
      tasks,
      today,
    );
    expect(diff.problemCount).toBe(0);
    expect(diff.changed).toBe(2);
    expect(diff.rows[0]!.update).toEqual({
      status: "completed",
      progress: 100,
      completedOn: "2026-05-15",
      reason: null,
      note: "Đã ban hành",
    });
    expect(diff.rows[0]!.changes.map((c) => c.field)).toEqual([
      "status",
      "progress",
      "completedOn",
      "note",
    ]);
    expect(diff.rows[1]!.changes).toEqual([
      { field: "progress", column: "Tiến độ (%)", from: 40, to: 75 },
    ]);
  });

  it("names the row and column of every problem", () => {
    const diff = diffTaskSheet(
      headers,
      [
        withCells(tasks[0]!, { 6: "Xong rồi" }),
        withCells(tasks[1]!, { 7: 120 }),
        withCells(tasks[1]!, { 0: "khong-co", 7: 10 }),
        withCells(tasks[0]!, { 6: "Tạm dừng" }),
        withCells(tasks[0]!, { 6: "Hoàn thành", 8: "32/13/2026" }),
        withCells(tasks[0]!, { 6: "Hoàn thành", 8: "01/12/2026" }),
        withCells(tasks[2]!, { 10: "ghi chú" }),
      ],
      tasks,
      today,
    );
    const messages = diff.rows.map((r) =>
      r.problems.map((p) => `${p.row}|${p.column}|${p.message}`),
    );
    expectSome(messages[0]!, /^2\|Trạng thái\|Dòng 2, cột “Trạng thái”: “Xong rồi” không phải/);
    expectSome(messages[1]!, /^3\|Tiến độ \(%\)\|.*từ 0 đến 100/);
    expectSome(messages[2]!, /^4\|Mã nhiệm vụ.*“khong-co” không thuộc kế hoạch này/);
    expectSome(messages[3]!, /^5\|Lý do.*lý do tạm dừng/);
    expectSome(messages[4]!, /^6\|Ngày hoàn thành\|.*không phải ngày hợp lệ/);
    expectSome(messages[5]!, /^7\|Ngày hoàn thành\|.*không được sau ngày hôm nay/);
    expectSome(messages[6]!, /^8\|null\|Dòng 8: bạn không có quyền/);
    expect(diff.rows.every((r) => r.update === null)).toBe(true);

    function expectSome(list: string[], pattern: RegExp) {
      expect(
        list.some((m) => pattern.test(m)),
        list.join("\n"),
      ).toBe(true);
    }
  });

  it("treats “Quá hạn” as the recorded status and flags a task listed twice", () => {
    const diff = diffTaskSheet(
      headers,
      [withCells(tasks[1]!, { 6: "Quá hạn" }), withCells(tasks[1]!, { 7: 50 })],
      tasks,
      today,
    );
    expect(diff.rows[0]!.changes).toEqual([]);
    expect(diff.rows[1]!.problems[0]!.message).toContain("đã có ở dòng 2");
  });

  it("skips blank rows and reports wrong columns only once", () => {
    const diff = diffTaskSheet(headers, [[null, "", null]], tasks, today);
    expect(diff.rows).toEqual([]);
    const wrong = diffTaskSheet(["A", "B"], tasks.map(exported), tasks, today);
    expect(wrong.fileProblems).toHaveLength(1);
    expect(wrong.rows).toEqual([]);
  });
});
