import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MadeUser } from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let planId: string;
let taskIds: string[];
let officerUser: MadeUser;
let justiceName: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const team = await makeWardTeam(t.db.database.db, ["focal", "officer"]);
  officerUser = team.users.officer;
  justiceName = team.agencies.justice.name;
  focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
  const { agencies } = team;
  const created = await focal.post("/api/plans", {
    unitId: team.ward.id,
    title: "Cải cách hành chính phường năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [
      {
        areaKey: "direction",
        ref: "1",
        text: "Ban hành Kế hoạch CCHC năm 2026",
        leadAgencyId: agencies.office.id,
        timeline: "Quý I/2026",
      },
      {
        areaKey: "procedures",
        ref: "2",
        text: "Rà soát, đơn giản hóa thủ tục hành chính",
        leadAgencyId: agencies.justice.id,
        timeline: "30/9/2026",
      },
      {
        areaKey: "digital_government",
        ref: "3",
        text: "Số hóa kết quả giải quyết TTHC",
        leadAgencyId: agencies.oneStop.id,
        timeline: "Cả năm 2026",
      },
    ],
  });
  expect(created.status).toBe(201);
  planId = created.body.data.id;
  taskIds = (await focal.get(`/api/plans/${planId}`)).body.data.tasks.map((x: any) => x.id);
});
afterAll(() => t.close());

async function exportSheet(client: ApiClient = focal) {
  const response = await fetch(`${t.url}/api/plans/${planId}/tasks.xlsx`, {
    headers: { cookie: client.cookie! },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook) {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function send(client: ApiClient, path: string, bytes: Uint8Array, name = "nhiem-vu.xlsx") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return client.request("POST", `/api/plans/${planId}/tasks/${path}`, { body: form });
}

async function taskStates() {
  const tasks = (await focal.get(`/api/plans/${planId}`)).body.data.tasks;
  return tasks.map((x: any) => [x.status, x.progress]);
}

describe("bulk task update through Excel", () => {
  it("exports the task list with a hidden id column, a status dropdown and Vietnamese labels", async () => {
    const sheet = (await exportSheet()).getWorksheet("Nhiệm vụ")!;
    expect(sheet.getColumn(1).hidden).toBe(true);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Mã nhiệm vụ (không sửa)",
      "TT",
      "Nội dung nhiệm vụ",
      "Cơ quan chủ trì",
      "Thời gian thực hiện",
      "Hạn",
      "Trạng thái",
      "Tiến độ (%)",
      "Ngày hoàn thành",
      "Lý do (tạm dừng, hủy)",
      "Ghi chú",
    ]);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell("A2").value).toBe(taskIds[0]);
    expect(sheet.getCell("D3").value).toBe(justiceName);
    expect(sheet.getCell("G2").value).toBe("Chưa thực hiện");
    expect(sheet.getCell("G2").dataValidation).toMatchObject({ type: "list" });
    expect((sheet.getCell("F3").value as Date).toISOString().slice(0, 10)).toBe("2026-09-30");
  });

  it("previews a diff without saving, then applies it in one go", async () => {
    const workbook = await exportSheet();
    const sheet = workbook.getWorksheet("Nhiệm vụ")!;
    sheet.getCell("G2").value = "Hoàn thành";
    sheet.getCell("I2").value = new Date("2026-01-15T00:00:00Z");
    sheet.getCell("K2").value = "Đã ban hành Kế hoạch số 12/KH-UBND";
    sheet.getCell("G3").value = "Đang thực hiện";
    sheet.getCell("H3").value = 40;
    const bytes = await bytesOf(workbook);

    const preview = await send(focal, "import-preview", bytes);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data).toMatchObject({ changed: 2, unchanged: 1, canApply: true });
    expect(preview.body.data.rows[1].changes).toEqual([
      { field: "status", column: "Trạng thái", from: "Chưa thực hiện", to: "Đang thực hiện" },
      { field: "progress", column: "Tiến độ (%)", from: 0, to: 40 },
    ]);
    expect(await taskStates()).toEqual([
      ["not_started", 0],
      ["not_started", 0],
      ["not_started", 0],
    ]);

    const applied = await send(focal, "import", bytes);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.data).toEqual({ updated: 2, unchanged: 1 });
    expect(await taskStates()).toEqual([
      ["completed", 100],
      ["in_progress", 40],
      ["not_started", 0],
    ]);
    const history = (await focal.get(`/api/tasks/${taskIds[0]}/updates`)).body.data.updates;
    expect(history[0].comment).toContain("Đã ban hành Kế hoạch số 12/KH-UBND");

    // The same file again changes nothing but its note.
    const again = await send(focal, "import-preview", bytes);
    expect(again.body.data.rows[1].changes).toEqual([]);
  });

  it("reports per-row errors naming row and column, and saves nothing", async () => {
    const workbook = await exportSheet();
    const sheet = workbook.getWorksheet("Nhiệm vụ")!;
    sheet.getCell("H4").value = 80; // valid on its own
    sheet.getCell("G3").value = "Xong";
    sheet.getCell("H2").value = 150;
    sheet.getCell("G2").value = "Đang thực hiện";
    sheet.getCell("I2").value = null;
    sheet.addRow([
      "00000000-0000-4000-8000-000000000000",
      "9",
      "Nhiệm vụ lạ",
      null,
      null,
      null,
      "Hoàn thành",
    ]);
    sheet.getCell("I4").value = "31/02/2026";
    const bytes = await bytesOf(workbook);
    const before = await taskStates();

    const preview = await send(focal, "import-preview", bytes);
    expect(preview.body.data.canApply).toBe(false);
    const messages = preview.body.data.problems.map((p: any) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Dòng 2, cột “Tiến độ \(%\)”: tiến độ phải là số từ 0 đến 100/),
        expect.stringMatching(/^Dòng 3, cột “Trạng thái”: “Xong” không phải trạng thái hợp lệ/),
        expect.stringMatching(/^Dòng 4, cột “Ngày hoàn thành”: “31\/02\/2026” không phải ngày/),
        expect.stringMatching(/^Dòng 5: mã nhiệm vụ “00000000-.*” không thuộc kế hoạch này/),
      ]),
    );

    const applied = await send(focal, "import", bytes);
    expect(applied.status).toBe(400);
    expect(applied.body.error.code).toBe("TASK_IMPORT_INVALID");
    expect(applied.body.error.message).toBe(
      "Tệp Excel cập nhật nhiệm vụ có lỗi; chưa có thay đổi nào được lưu.",
    );
    expect(applied.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, path: "Trạng thái" })]),
    );
    expect(await taskStates()).toEqual(before);
  });

  it("rejects wrong columns and files that are not Excel", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Nhiệm vụ");
    sheet.addRow(["STT", "Nội dung", "Trạng thái", "Tiến độ"]);
    sheet.addRow([1, "Ban hành Kế hoạch", "Hoàn thành", 100]);
    const before = await taskStates();
    const response = await send(focal, "import", await bytesOf(workbook));
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({ row: 1 });
    expect(response.body.error.details[0].message).toContain("Các cột của tệp không đúng mẫu");
    expect(response.body.error.details[0].message).toContain("thiếu cột");
    expect(await taskStates()).toEqual(before);

    const csv = await send(focal, "import-preview", new TextEncoder().encode("a;b\n1;2"), "x.csv");
    expect(csv.status).toBe(400);
    expect(csv.body.error.code).toBe("FILE_UNSUPPORTED");
  });

  it("lets an agency officer change only their agency's tasks", async () => {
    const officer = await t.signedIn(officerUser.username, officerUser.password);
    const workbook = await exportSheet(officer);
    const sheet = workbook.getWorksheet("Nhiệm vụ")!;
    sheet.getCell("H3").value = 60; // the officer's agency's task
    sheet.getCell("H4").value = 10; // someone else's
    const bytes = await bytesOf(workbook);
    const preview = await send(officer, "import-preview", bytes);
    expect(preview.body.data.problems.map((p: any) => p.message)).toEqual([
      "Dòng 4: bạn không có quyền cập nhật nhiệm vụ này.",
    ]);
    sheet.getCell("H4").value = 0;
    const applied = await send(officer, "import", await bytesOf(workbook));
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect((await taskStates())[1]).toEqual(["in_progress", 60]);
  });
});
