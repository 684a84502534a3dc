import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDesk, makeProcedure, makeUnit } from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/**
 * The routes the dashboards added: the due-soon list (its date is a parameter), the 766 index
 * of each unit under an upper level, and the Excel export of a table. Every date is explicit.
 */
let t: TestApp;
let clerk: ApiClient;
let reviewer: ApiClient;
let wardId: string;
let provinceId: string;
let shortProcedure: { id: string; processingDays: number };
let longProcedure: { id: string; processingDays: number };

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const team = await makeWardTeam(db, ["clerk", "reviewer"]);
  // A second ward under the province, so the per-unit index has more than one row to compare.
  await makeUnit(db, { parent: team.province, validFrom: "2025-07-01" });
  await makeDesk(db, team.ward);
  for (const processingDays of [1, 3, 15]) {
    await makeProcedure(db, team.ward, { processingDays });
  }
  clerk = await t.signedIn(team.users.clerk.username, team.users.clerk.password);
  reviewer = await t.signedIn(team.users.reviewer.username, team.users.reviewer.password);
  wardId = team.ward.id;
  provinceId = team.province.id;
  const procedures = (await clerk.get(`/api/procedures?unitId=${wardId}`)).body.data as {
    id: string;
    processingDays: number;
  }[];
  const byDays = [...procedures].sort((a, b) => a.processingDays - b.processingDays);
  shortProcedure = byDays.find((p) => p.processingDays >= 3)!;
  longProcedure = byDays.at(-1)!;
  expect(longProcedure.processingDays).toBeGreaterThan(shortProcedure.processingDays + 4);
});

afterAll(async () => {
  await t?.close();
});

async function receive(procedureId: string, at: string) {
  const r = await clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Đinh Thị Lan",
    applicantPhone: "0913 444 555",
    channel: "in_person",
    receivedAt: at,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { id: string; dueDate: string };
}

async function act(id: string, action: string, at: string) {
  const r = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, note: "Ghi chú" });
  expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
}

async function dueSoon(date: string, days: number) {
  const r = await clerk.get(
    `/api/kpi/due-soon?unitId=${wardId}&date=${date}&days=${days}&limit=500`,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { data: { id: string; dueDate: string }[]; total: number; until: string };
}

describe(`the due-soon list (${testDatabaseKind})`, () => {
  it("lists open dossiers in hand due from the date to N working days after it", async () => {
    // Monday 06/04/2026 (no holiday that week).
    const open = await receive(shortProcedure.id, "2026-04-06 08:00");
    const waiting = await receive(shortProcedure.id, "2026-04-06 08:05");
    await act(waiting.id, "hand_over", "2026-04-06 09:00");
    await act(waiting.id, "request_supplement", "2026-04-06 10:00");
    const finished = await receive(shortProcedure.id, "2026-04-06 08:10");
    await act(finished.id, "hand_over", "2026-04-06 09:00");
    await act(finished.id, "resolve", "2026-04-06 11:00");
    const later = await receive(longProcedure.id, "2026-04-06 08:15");

    // Tuesday + 2 working days = Thursday.
    const list = await dueSoon("2026-04-07", 2);
    expect(list.until).toBe("2026-04-09");
    const ids = list.data.map((d) => d.id);
    expect(open.dueDate >= "2026-04-07" && open.dueDate <= "2026-04-09").toBe(true);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(waiting.id);
    expect(ids).not.toContain(finished.id);
    expect(later.dueDate > "2026-04-09").toBe(true);
    expect(ids).not.toContain(later.id);
    for (const d of list.data) {
      expect(d.dueDate >= "2026-04-07" && d.dueDate <= "2026-04-09").toBe(true);
    }
    expect(list.total).toBe(list.data.length);

    // Saturday + 1 working day = Monday; a day before the receipt lists none of them.
    expect((await dueSoon("2026-04-04", 1)).until).toBe("2026-04-06");
    const before = (await dueSoon("2026-04-03", 10)).data.map((d) => d.id);
    expect(before).not.toContain(open.id);
  });

  it("refuses a date that does not exist", async () => {
    const r = await clerk.get(`/api/kpi/due-soon?unitId=${wardId}&date=2026-02-30`);
    expect(r.status).toBe(400);
  });
});

describe(`the 766 index of each unit (${testDatabaseKind})`, () => {
  it("scores each unit under the province as its own 766 route does", async () => {
    const period = "period=year&year=2026";
    const r = await reviewer.get(`/api/kpi/service-index-766/units?unitId=${provinceId}&${period}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const whole = await reviewer.get(`/api/kpi/service-index-766?unitId=${provinceId}&${period}`);
    expect(r.body.data.total.total).toBe(whole.body.data.score.total);
    expect(r.body.data.total.band).toEqual(whole.body.data.score.band);
    const children = r.body.data.rows.filter((row: any) => row.key !== provinceId);
    expect(children.length).toBeGreaterThan(0);
    for (const row of children) {
      const own = await reviewer.get(`/api/kpi/service-index-766?unitId=${row.key}&${period}`);
      expect(own.status).toBe(200);
      expect(row.total, row.name).toBe(own.body.data.score.total);
      expect(row.groups.map((g: any) => g.points)).toEqual(
        own.body.data.score.nodes.map((n: any) => n.points),
      );
    }
  });
});

describe(`the Excel export of a table (${testDatabaseKind})`, () => {
  async function exportTable(json: unknown) {
    return fetch(`${t.url}/api/exports/table.xlsx`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: clerk.cookie!,
        "x-csrf-token": clerk.csrfToken!,
      },
      body: JSON.stringify(json),
    });
  }

  it("keeps numbers as numbers and text as text", async () => {
    const response = await exportTable({
      title: "Tỷ lệ đúng hạn",
      subtitle: ["Phường Thử", "Quý I/2026"],
      fileName: "ty-le-dung-han",
      columns: [
        { header: "Đơn vị" },
        { header: "Số hồ sơ", format: "integer" },
        { header: "Tỷ lệ", format: "percent" },
      ],
      rows: [
        ['=HYPERLINK("x")', 1234, 0.9975],
        ["Xã Thử", 0, null],
      ],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("ty-le-dung-han.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Tỷ lệ đúng hạn");
    expect(sheet.getCell("A5").value).toBe("Đơn vị");
    expect(sheet.getCell("A6").value).toBe('=HYPERLINK("x")');
    expect(sheet.getCell("A6").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("B6").value).toBe(1234);
    expect(sheet.getCell("C6").value).toBe(0.9975);
    expect(sheet.getCell("C6").numFmt).toBe("0.00%");
    expect(sheet.getCell("C7").value).toBeNull();
  });

  it("refuses a file name outside its alphabet", async () => {
    const response = await exportTable({
      title: "Bảng",
      fileName: "../bảng",
      columns: [{ header: "Cột" }],
      rows: [],
    });
    expect(response.status).toBe(400);
  });
});
