/**
 * Bulk task update through Excel: export a plan's task list, preview what an edited file would
 * change, apply it in one transaction (every row or none) by the rules of a progress update.
 */
import ExcelJS from "exceljs";
import type { TaskChanges } from "../../core/plan/task-change.ts";
import {
  diffTaskSheet,
  TASK_SHEET_COLUMNS,
  TASK_SHEET_NAME,
  TASK_SHEET_STATUS_LABELS,
  taskSheetRow,
  type CurrentTask,
  type SheetCell,
  type SheetDiff,
} from "../../core/plan/task-sheet.ts";
import type { Executor } from "../db/database.ts";
import * as planRepository from "../db/repositories/plan.repository.ts";
import type { PlanRow, TaskRow } from "../db/repositories/plan.repository.ts";
import { parseSpreadsheet, type SpreadsheetLimits } from "../documents/spreadsheet.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { requireReadablePlan, today, updatableTaskIds } from "./plan-view.service.ts";
import { runUseCase } from "./use-case.ts";

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function currentTasks(exec: Executor, actor: Actor, plan: PlanRow) {
  const tasks = await planRepository.listTasksOfPlans(exec, [plan.id]);
  const updatable =
    plan.status === "superseded" ? new Set<string>() : await updatableTaskIds(exec, actor, tasks);
  return { tasks, updatable };
}

function asCurrent(task: TaskRow, canUpdate: boolean): CurrentTask {
  return {
    id: task.id,
    ref: task.ref,
    text: task.text,
    status: task.status,
    progress: task.progress,
    completedOn: task.completedAt,
    reason: task.statusReason,
    canUpdate,
  };
}

/** The task list as an .xlsx: hidden id column, a status dropdown, dates as dates. */
export async function exportTaskSheet(db: Executor, actor: Actor, planId: string) {
  const plan = await requireReadablePlan(db, actor, planId);
  const { tasks } = await currentTasks(db, actor, plan);
  const names = await planRepository.agencyNames(db, [
    ...new Set(tasks.map((t) => t.leadAgencyId).filter((x): x is string => !!x)),
  ]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CCHC";
  const sheet = workbook.addWorksheet(TASK_SHEET_NAME, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 3 }],
  });
  sheet.columns = TASK_SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getColumn(1).hidden = true;
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "middle", wrapText: true };
  for (const task of tasks) {
    sheet.addRow(
      taskSheetRow({
        id: task.id,
        ref: task.ref,
        text: task.text,
        leadAgencyName: task.leadAgencyId ? (names.get(task.leadAgencyId) ?? null) : null,
        timelineRaw: task.timelineRaw,
        dueDate: task.dueDate,
        status: task.status,
        progress: task.progress,
        completedOn: task.completedAt,
        reason: task.statusReason,
      }),
    );
  }
  const statusList = `"${TASK_SHEET_STATUS_LABELS.join(",")}"`;
  for (let row = 2; row <= tasks.length + 1; row++) {
    sheet.getCell(row, 3).alignment = { wrapText: true, vertical: "top" };
    sheet.getCell(row, 6).numFmt = "dd/mm/yyyy";
    sheet.getCell(row, 9).numFmt = "dd/mm/yyyy";
    sheet.getCell(row, 7).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [statusList],
      showErrorMessage: true,
      errorTitle: "Trạng thái không hợp lệ",
      error: `Chọn một trong: ${TASK_SHEET_STATUS_LABELS.join(", ")}.`,
    };
    sheet.getCell(row, 8).dataValidation = {
      type: "whole",
      operator: "between",
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: "Tiến độ không hợp lệ",
      error: "Tiến độ là số nguyên từ 0 đến 100.",
    };
  }
  const guide = workbook.addWorksheet("Hướng dẫn");
  guide.getColumn(1).width = 110;
  [
    `Kế hoạch: ${plan.title} (${plan.periodLabel})`,
    "Chỉ sửa các cột: Trạng thái, Tiến độ (%), Ngày hoàn thành, Lý do (tạm dừng, hủy), Ghi chú.",
    "Không thêm, xóa hay đổi thứ tự cột; không sửa cột mã nhiệm vụ (cột A, đang ẩn).",
    `Trạng thái: ${TASK_SHEET_STATUS_LABELS.join(", ")}. Hoàn thành cần ngày hoàn thành (không sau hôm nay); tạm dừng hoặc hủy cần lý do.`,
    "Tải tệp lên ở trang kế hoạch (“Cập nhật qua Excel”): xem trước các thay đổi rồi xác nhận; tệp có lỗi thì không thay đổi nào được lưu.",
  ].forEach((line) => guide.addRow([line]));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { plan, buffer };
}

const MB = 1024 * 1024;

/** A plan's task sheet: a few hundred tasks; the exported workbook has two sheets. */
export const TASK_SHEET_LIMITS: SpreadsheetLimits = {
  archive: { maxEntries: 200, maxEntryBytes: 32 * MB, maxTotalBytes: 48 * MB, maxRatio: 200 },
  sheet: { maxRows: 10_000, maxColumns: 40, maxCellChars: 10_000 },
  sheetName: TASK_SHEET_NAME,
  accepted: "Excel (.xlsx) xuất từ CCHC",
  csv: false,
};

/** Read in a worker thread (time and memory limited), before any transaction is opened. */
async function readSheet(bytes: Buffer): Promise<{ headers: SheetCell[]; rows: SheetCell[][] }> {
  if (!bytes.subarray(0, 4).equals(XLSX_MAGIC)) {
    throw new AppError("FILE_UNSUPPORTED", { params: { accepted: TASK_SHEET_LIMITS.accepted } });
  }
  const sheet = await parseSpreadsheet(bytes, TASK_SHEET_LIMITS);
  return {
    headers: sheet.headers,
    rows: sheet.rows.map((row) => Array.from(row, (c) => c ?? null)),
  };
}

type ReadSheet = Awaited<ReturnType<typeof readSheet>>;

async function diffFor(exec: Executor, actor: Actor, plan: PlanRow, sheet: ReadSheet) {
  const { tasks, updatable } = await currentTasks(exec, actor, plan);
  const diff = diffTaskSheet(
    sheet.headers,
    sheet.rows,
    tasks.map((t) => asCurrent(t, updatable.has(t.id))),
    today(),
  );
  return { diff, tasks };
}

function problemsOf(diff: SheetDiff) {
  return [...diff.fileProblems, ...diff.rows.flatMap((r) => r.problems)];
}

/** What the file would change, row by row, with every problem; saves nothing. */
export async function previewTaskSheet(db: Executor, actor: Actor, planId: string, bytes: Buffer) {
  const plan = await requireReadablePlan(db, actor, planId);
  const { diff } = await diffFor(db, actor, plan, await readSheet(bytes));
  return {
    data: {
      rows: diff.rows.map(({ update: _update, ...row }) => row),
      problems: problemsOf(diff),
      changed: diff.changed,
      unchanged: diff.unchanged,
      canApply: diff.problemCount === 0 && diff.changed > 0,
    },
  };
}

/** Applies the file: every changed row is recorded, or none when any row has a problem. */
export async function applyTaskSheet(db: Executor, actor: Actor, planId: string, bytes: Buffer) {
  await requireReadablePlan(db, actor, planId);
  const sheet = await readSheet(bytes);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const plan = await requireReadablePlan(tx, actor, planId);
    const { diff, tasks } = await diffFor(tx, actor, plan, sheet);
    const problems = problemsOf(diff);
    if (problems.length > 0) {
      throw new AppError("TASK_IMPORT_INVALID", {
        details: problems.map((p) => ({
          row: p.row,
          ...(p.column ? { path: p.column } : {}),
          message: p.message,
        })),
      });
    }
    const byId = new Map(tasks.map((t) => [t.id, t]));
    let updated = 0;
    for (const row of diff.rows) {
      if (!row.update || !row.taskId) continue;
      const task = byId.get(row.taskId)!;
      const { status, progress, completedOn, reason, note } = row.update;
      const changes: TaskChanges = {};
      if (status !== task.status) changes.status = { from: task.status, to: status };
      if (progress !== task.progress) changes.progress = { from: task.progress, to: progress };
      if (completedOn !== task.completedAt)
        changes.completedAt = { from: task.completedAt, to: completedOn };
      await planRepository.updateTask(tx, task.id, {
        status,
        progress,
        completedAt: completedOn,
        statusReason: status === "paused" || status === "cancelled" ? reason : null,
      });
      await planRepository.insertTaskUpdate(tx, {
        taskId: task.id,
        userId: actor.userId,
        userName: actor.name,
        status,
        progress,
        comment: note ? `${note} (cập nhật qua Excel)` : "Cập nhật qua Excel",
        changes,
      });
      updated++;
    }
    await audit({
      action: "task.import",
      entityId: plan.id,
      unitId: plan.unitId,
      after: diff.rows.filter((r) => r.update).map((r) => ({ taskId: r.taskId, ...r.update })),
      summary: `Cập nhật ${updated} nhiệm vụ qua Excel — ${plan.title.slice(0, 80)}`,
    });
    return { data: { updated, unchanged: diff.unchanged } };
  });
}
