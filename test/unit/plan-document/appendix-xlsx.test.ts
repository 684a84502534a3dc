import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportAppendixXlsx } from "../../../src/server/documents/plan-document/appendix-xlsx.ts";
import { makePlanDocumentInput } from "./plan-document-factory.ts";

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe("exportAppendixXlsx", () => {
  it("writes the appendix task table with a bold, frozen header row and wrapped text", async () => {
    const input = makePlanDocumentInput({ taskCount: 60 });
    const workbook = await openWorkbook(await exportAppendixXlsx(input));
    const sheet = workbook.getWorksheet("Phụ lục I");
    expect(sheet).toBeDefined();
    if (!sheet) return;

    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual([
      "TT",
      "Nội dung",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian thực hiện",
      "Sản phẩm",
    ]);
    expect(header.getCell(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);

    const sections = input.appendices[0]?.sections ?? [];
    const tasks = sections.flatMap((section) => section.tasks);
    const subtasks = tasks.flatMap((task) => task.subtasks ?? []);
    expect(sheet.rowCount).toBe(1 + sections.length + tasks.length + subtasks.length);

    const firstSection = sheet.getRow(2);
    expect(firstSection.getCell(1).value).toBe("I");
    expect(firstSection.getCell(2).value).toBe(sections[0]?.title);
    expect(firstSection.getCell(2).font?.bold).toBe(true);

    const firstTask = sheet.getRow(3);
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
