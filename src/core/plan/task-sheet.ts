/**
 * The task sheet: a plan's task list as a spreadsheet people edit and send back. The same
 * columns go out (export) and come in (import); only status, progress, completion date, reason
 * and note are read back. Parsing and diffing are pure: the caller passes the current tasks.
 */
import { toneInsensitiveKey } from "../text/vietnamese-text.ts";
import type { IsoDate } from "./iso-date.ts";
import { checkTaskStatusChange, TASK_STATUS_LABELS, type StoredTaskStatus } from "./task-status.ts";

export const TASK_SHEET_COLUMNS = [
  { key: "id", header: "Mã nhiệm vụ (không sửa)", width: 38 },
  { key: "ref", header: "TT", width: 6 },
  { key: "text", header: "Nội dung nhiệm vụ", width: 60 },
  { key: "lead", header: "Cơ quan chủ trì", width: 26 },
  { key: "timeline", header: "Thời gian thực hiện", width: 22 },
  { key: "dueDate", header: "Hạn", width: 12 },
  { key: "status", header: "Trạng thái", width: 20 },
  { key: "progress", header: "Tiến độ (%)", width: 11 },
  { key: "completedOn", header: "Ngày hoàn thành", width: 15 },
  { key: "reason", header: "Lý do (tạm dừng, hủy)", width: 28 },
  { key: "note", header: "Ghi chú", width: 36 },
] as const;

export type TaskSheetColumn = (typeof TASK_SHEET_COLUMNS)[number]["key"];

export const TASK_SHEET_NAME = "Nhiệm vụ";

/** The labels the status dropdown offers: what people record. */
export const TASK_SHEET_STATUS_LABELS: string[] = (
  ["not_started", "in_progress", "completed", "paused", "cancelled"] as const
).map((status) => TASK_STATUS_LABELS[status]);

const STATUS_BY_KEY = new Map<string, StoredTaskStatus | "keep">([
  [toneInsensitiveKey(TASK_STATUS_LABELS.not_started), "not_started"],
  [toneInsensitiveKey(TASK_STATUS_LABELS.in_progress), "in_progress"],
  [toneInsensitiveKey(TASK_STATUS_LABELS.completed), "completed"],
  [toneInsensitiveKey(TASK_STATUS_LABELS.completed_late), "completed"],
  [toneInsensitiveKey(TASK_STATUS_LABELS.paused), "paused"],
  [toneInsensitiveKey(TASK_STATUS_LABELS.cancelled), "cancelled"],
  [toneInsensitiveKey("Tạm dừng/hủy"), "paused"],
  // "Quá hạn" follows from the dates; reading it back leaves the recorded status as it is.
  [toneInsensitiveKey(TASK_STATUS_LABELS.overdue), "keep"],
]);

export type SheetCell = string | number | Date | null;

/** One task as it stands, for the diff. */
export interface CurrentTask {
  id: string;
  ref: string | null;
  text: string;
  status: StoredTaskStatus;
  progress: number;
  completedOn: IsoDate | null;
  reason: string | null;
  canUpdate: boolean;
}

export interface SheetProblem {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  /** Vietnamese column header, or null for the whole row/file. */
  column: string | null;
  message: string;
}

export interface SheetRowChange {
  field: "status" | "progress" | "completedOn" | "reason" | "note";
  column: string;
  from: string | number | null;
  to: string | number | null;
}

export interface SheetRowDiff {
  row: number;
  taskId: string | null;
  ref: string | null;
  text: string;
  changes: SheetRowChange[];
  problems: SheetProblem[];
  /** The values to record when the row is applied (null when nothing changes or on problems). */
  update: {
    status: StoredTaskStatus;
    progress: number;
    completedOn: IsoDate | null;
    reason: string | null;
    note: string | null;
  } | null;
}

export interface SheetDiff {
  rows: SheetRowDiff[];
  /** Problems of the file as a whole (wrong columns). */
  fileProblems: SheetProblem[];
  changed: number;
  unchanged: number;
  problemCount: number;
}

const header = (key: TaskSheetColumn) => TASK_SHEET_COLUMNS.find((c) => c.key === key)!.header;

function text(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** "15/3/2026", "2026-03-15" or an Excel date → ISO date; undefined when unreadable. */
export function sheetDate(cell: SheetCell | undefined): IsoDate | null | undefined {
  if (cell === null || cell === undefined || text(cell) === "") return null;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  }
  const value = text(cell);
  let year: number, month: number, day: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (ymd) [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return date.toISOString().slice(0, 10);
}

function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * Checks the header row: the same columns in the same order as the export (tone placement and
 * case do not matter). Returns the problems; empty when the columns are right.
 */
export function checkSheetHeaders(headers: SheetCell[]): SheetProblem[] {
  const found = headers.map(text);
  while (found.length > 0 && found[found.length - 1] === "") found.pop();
  const expected = TASK_SHEET_COLUMNS.map((c) => c.header);
  const same =
    found.length === expected.length &&
    expected.every((h, i) => toneInsensitiveKey(h) === toneInsensitiveKey(found[i] ?? ""));
  if (same) return [];
  const missing = expected.filter(
    (h) => !found.some((f) => toneInsensitiveKey(f) === toneInsensitiveKey(h)),
  );
  const extra = found.filter(
    (f) => f !== "" && !expected.some((h) => toneInsensitiveKey(f) === toneInsensitiveKey(h)),
  );
  const parts = [
    "Các cột của tệp không đúng mẫu xuất từ CCHC",
    missing.length > 0 ? `thiếu cột: ${missing.map((m) => `“${m}”`).join(", ")}` : null,
    extra.length > 0 ? `cột lạ: ${extra.map((m) => `“${m}”`).join(", ")}` : null,
    missing.length === 0 && extra.length === 0 ? "thứ tự cột đã bị thay đổi" : null,
  ].filter(Boolean);
  return [
    {
      row: 1,
      column: null,
      message: `${parts.join("; ")}. Hãy tải lại mẫu (“Xuất Excel”) và chỉ sửa các cột trạng thái, tiến độ, ngày hoàn thành, lý do, ghi chú.`,
    },
  ];
}

/**
 * Compares the sheet with the tasks as they stand and checks each changed row by the same rules
 * as a progress update. `rows` are the data rows (spreadsheet row 2 onwards).
 */
export function diffTaskSheet(
  headers: SheetCell[],
  rows: SheetCell[][],
  tasks: readonly CurrentTask[],
  today: IsoDate,
): SheetDiff {
  const fileProblems = checkSheetHeaders(headers);
  if (fileProblems.length > 0) {
    return { rows: [], fileProblems, changed: 0, unchanged: 0, problemCount: fileProblems.length };
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const seen = new Map<string, number>();
  const index = Object.fromEntries(TASK_SHEET_COLUMNS.map((c, i) => [c.key, i])) as Record<
    TaskSheetColumn,
    number
  >;
  const result: SheetRowDiff[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((cell) => text(cell) === "")) return;
    const problems: SheetProblem[] = [];
    const problem = (column: TaskSheetColumn | null, message: string) =>
      problems.push({ row, column: column ? header(column) : null, message });
    const id = text(cells[index.id]);
    const task = byId.get(id);
    const base = { row, taskId: task?.id ?? null, ref: text(cells[index.ref]) || null };
    if (!task) {
      problem(
        "id",
        id === ""
          ? `Dòng ${row}: thiếu mã nhiệm vụ ở cột “${header("id")}”; không thêm được nhiệm vụ mới qua Excel.`
          : `Dòng ${row}: mã nhiệm vụ “${id}” không thuộc kế hoạch này.`,
      );
      result.push({ ...base, text: text(cells[index.text]), changes: [], problems, update: null });
      return;
    }
    const previousRow = seen.get(task.id);
    seen.set(task.id, row);

    // Status.
    const statusText = text(cells[index.status]);
    let status: StoredTaskStatus = task.status;
    if (statusText !== "") {
      const found = STATUS_BY_KEY.get(toneInsensitiveKey(statusText));
      if (found === undefined) {
        problem(
          "status",
          `Dòng ${row}, cột “${header("status")}”: “${statusText}” không phải trạng thái hợp lệ (${TASK_SHEET_STATUS_LABELS.join(", ")}).`,
        );
      } else if (found !== "keep") {
        status = found;
      }
    }
    // Progress.
    const progressCell = cells[index.progress];
    let progress = task.progress;
    if (text(progressCell) !== "") {
      const value =
        typeof progressCell === "number"
          ? progressCell
          : Number(text(progressCell).replace("%", "").replace(",", ".").trim());
      if (!Number.isFinite(value) || value < 0 || value > 100) {
        problem(
          "progress",
          `Dòng ${row}, cột “${header("progress")}”: tiến độ phải là số từ 0 đến 100 (đang là “${text(progressCell)}”).`,
        );
      } else {
        progress = Math.round(value);
      }
    }
    // Completion date.
    const completedCell = cells[index.completedOn];
    const completedParsed = sheetDate(completedCell);
    if (completedParsed === undefined) {
      problem(
        "completedOn",
        `Dòng ${row}, cột “${header("completedOn")}”: “${text(completedCell)}” không phải ngày hợp lệ (dd/mm/yyyy).`,
      );
    }
    const reasonText = text(cells[index.reason]) || null;
    const note = text(cells[index.note]) || null;

    if (problems.length > 0) {
      result.push({ ...base, text: task.text, changes: [], problems, update: null });
      return;
    }
    // The same rules as a progress update from the task page.
    const completedOn =
      status === "completed"
        ? (completedParsed ?? task.completedOn ?? today)
        : (completedParsed ?? null);
    const reason = status === "paused" || status === "cancelled" ? reasonText : null;
    for (const p of checkTaskStatusChange({ status, reason, completedOn, today })) {
      const column: TaskSheetColumn =
        p.code === "TASK_REASON_REQUIRED"
          ? "reason"
          : p.code.startsWith("TASK_COMPLETION")
            ? "completedOn"
            : "status";
      problem(column, `Dòng ${row}, cột “${header(column)}”: ${p.message}`);
    }
    const finalProgress = status === "completed" ? 100 : progress;
    const changes: SheetRowChange[] = [];
    if (status !== task.status)
      changes.push({
        field: "status",
        column: header("status"),
        from: TASK_STATUS_LABELS[task.status],
        to: TASK_STATUS_LABELS[status],
      });
    if (finalProgress !== task.progress)
      changes.push({
        field: "progress",
        column: header("progress"),
        from: task.progress,
        to: finalProgress,
      });
    if (completedOn !== task.completedOn)
      changes.push({
        field: "completedOn",
        column: header("completedOn"),
        from: formatDate(task.completedOn),
        to: formatDate(completedOn),
      });
    if (reason !== null && reason !== (task.reason ?? null))
      changes.push({ field: "reason", column: header("reason"), from: task.reason, to: reason });
    if (note !== null)
      changes.push({ field: "note", column: header("note"), from: null, to: note });
    if (previousRow !== undefined) {
      problem("id", `Dòng ${row}: nhiệm vụ này đã có ở dòng ${previousRow}.`);
    }
    if (changes.length > 0 && !task.canUpdate) {
      problem(null, `Dòng ${row}: bạn không có quyền cập nhật nhiệm vụ này.`);
    }
    result.push({
      ...base,
      text: task.text,
      changes,
      problems,
      update:
        problems.length === 0 && changes.length > 0
          ? { status, progress: finalProgress, completedOn, reason, note }
          : null,
    });
  });
  const problemCount = result.reduce((n, r) => n + r.problems.length, 0);
  return {
    rows: result,
    fileProblems: [],
    changed: result.filter((r) => r.changes.length > 0).length,
    unchanged: result.filter((r) => r.changes.length === 0 && r.problems.length === 0).length,
    problemCount,
  };
}

/** The values the export writes for one task. */
export function taskSheetRow(task: {
  id: string;
  ref: string | null;
  text: string;
  leadAgencyName: string | null;
  timelineRaw: string | null;
  dueDate: string | null;
  status: StoredTaskStatus;
  progress: number;
  completedOn: string | null;
  reason: string | null;
}): SheetCell[] {
  const date = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
  return [
    task.id,
    task.ref,
    task.text,
    task.leadAgencyName,
    task.timelineRaw,
    date(task.dueDate),
    TASK_STATUS_LABELS[task.status],
    task.progress,
    date(task.completedOn),
    task.reason,
    null,
  ];
}
