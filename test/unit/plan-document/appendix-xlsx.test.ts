import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  exportAppendixXlsx,
  wrappedLineCount,
} from "../../../src/server/documents/plan-document/appendix-xlsx.ts";
import { makePlanDocumentInput } from "./plan-document-factory.ts";

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe("exportAppendixXlsx", () => {
  it("opens with the ND 30 title block and prints on A4 landscape, one page wide", async () => {
    const input = makePlanDocumentInput({ taskCount: 3 });
    const sheet = (await openWorkbook(await exportAppendixXlsx(input))).getWorksheet("Phụ lục I");
    if (!sheet) throw new Error("no sheet");
    expect([1, 2, 3].map((row) => sheet.getRow(row).getCell(1).value)).toEqual([
      "Phụ lục I",
      "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH XÃ HÒA PHONG NĂM 2026",
      "(Kèm theo Quyết định số 28/QĐ-UBND ngày 02 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân xã Hòa Phong)",
    ]);
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getRow(3).getCell(1).font?.italic).toBe(true);
    expect(sheet.getRow(1).getCell(1).alignment?.horizontal).toBe("center");
    // Each title line spans the table's six columns.
    expect((sheet.model as { merges?: string[] }).merges).toEqual(
      expect.arrayContaining(["A1:F1", "A2:F2", "A3:F3"]),
    );
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "5:5",
    });
  });

  it("makes each row tall enough for its longest wrapped cell", async () => {
    const input = makePlanDocumentInput({ taskCount: 3 });
    const first = input.appendices[0]?.sections[0]?.tasks[0];
    if (!first) throw new Error("no task");
    first.content = "Rà soát, đánh giá thủ tục hành chính ".repeat(12).trim();
    const sheet = (await openWorkbook(await exportAppendixXlsx(input))).getWorksheet("Phụ lục I");
    if (!sheet) throw new Error("no sheet");
    const longRow = sheet.getRow(7);
    const shortRow = sheet.getRow(8);
    expect(longRow.getCell(2).value).toBe(first.content);
    const lines = wrappedLineCount(first.content, 60);
    expect(lines).toBeGreaterThanOrEqual(7);
    expect(longRow.height).toBeGreaterThanOrEqual(lines * 15);
    expect(longRow.height).toBeGreaterThan((shortRow.height ?? 0) * 2);
  });

  it("writes the appendix task table with a bold, frozen header row and wrapped text", async () => {
    const input = makePlanDocumentInput({ taskCount: 60 });
    const workbook = await openWorkbook(await exportAppendixXlsx(input));
    const sheet = workbook.getWorksheet("Phụ lục I");
    expect(sheet).toBeDefined();
    if (!sheet) return;

    const header = sheet.getRow(5);
    expect((header.values as unknown[]).slice(1)).toEqual([
      "TT",
      "Nội dung",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian thực hiện",
      "Sản phẩm",
    ]);
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);

    const sections = input.appendices[0]?.sections ?? [];
    const tasks = sections.flatMap((section) => section.tasks);
    const subtasks = tasks.flatMap((task) => task.subtasks ?? []);
    expect(sheet.rowCount).toBe(5 + sections.length + tasks.length + subtasks.length);

    const firstSection = sheet.getRow(6);
    expect(firstSection.getCell(1).value).toBe("I");
    expect(firstSection.getCell(2).value).toBe(sections[0]?.title);
    expect(firstSection.getCell(2).font?.bold).toBe(true);

    const firstTask = sheet.getRow(7);
    const task = tasks[0];
    expect((firstTask.values as unknown[]).slice(1)).toEqual([
      "1",
      task?.content,
      task?.lead,
      task?.supporting.join("; "),
      task?.timeline,
      task?.deliverable,
    ]);
    expect(firstTask.getCell(2).alignment?.wrapText).toBe(true);
    expect(firstTask.getCell(2).font?.bold).toBeFalsy();

    const lastNumbered = [...Array(sheet.rowCount).keys()]
      .map((index) => sheet.getRow(index + 1).getCell(1).value)
      .filter((value) => typeof value === "string" && /^\d+$/.test(value));
    expect(lastNumbered.at(-1)).toBe("60");
  });

  it("adds one sheet per appendix", async () => {
    const input = makePlanDocumentInput({ taskCount: 3 });
    const second = {
      title: "Danh mục nhiệm vụ bổ sung",
      sections: input.appendices[0]?.sections ?? [],
    };
    input.appendices.push(second);
    const workbook = await openWorkbook(await exportAppendixXlsx(input));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Phụ lục I", "Phụ lục II"]);
  });
});
