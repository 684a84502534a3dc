import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * One person's data looked up by an administrator: by phone in any format, by ID number in the
 * feedback texts, by full name with or without diacritics; only within the administrator's
 * units; refused to a reviewer before anything; audited without the searched values in clear;
 * and exported to Excel with the same rows.
 */
let t: TestApp;
let provinceAdmin: ApiClient;
let wardAdmin: ApiClient;
let reviewer: ApiClient;
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  const wardA = await makeUnit(db, { parent: province });
  const wardB = await makeUnit(db, { parent: province });
  const clerks: Record<string, ApiClient> = {};
  const procedures: Record<string, string> = {};
  for (const [key, ward] of [
    ["A", wardA],
    ["B", wardB],
  ] as const) {
    await makeDesk(db, ward);
    procedures[key] = (await makeProcedure(db, ward)).id;
    const clerk = await makeUser(db, { unit: ward, role: "clerk" });
    clerks[key] = await t.signedIn(clerk.username, clerk.password);
  }
  const admins = {
    province: await makeUser(db, { unit: province, role: "admin" }),
    ward: await makeUser(db, { unit: wardA, role: "admin" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
  };
  provinceAdmin = await t.signedIn(admins.province.username, admins.province.password);
  wardAdmin = await t.signedIn(admins.ward.username, admins.ward.password);
  reviewer = await t.signedIn(admins.reviewer.username, admins.reviewer.password);

  // The same person in both wards, the phone written two ways; a namesake but for one mark.
  for (const [key, ward, name, phone] of [
    ["anA", "A", "Nguyễn Văn An", "0912 345 678"],
    ["anB", "B", "Nguyễn Văn An", "+84912345678"],
    ["an2", "A", "Nguyễn Vân An", "0987 111 222"],
  ] as const) {
    const response = await clerks[ward]!.post("/api/dossiers", {
      procedureId: procedures[ward],
      applicantName: name,
      applicantPhone: phone,
      applicantAddress: "Số 5 Lê Lợi, Phường Thử",
      channel: "in_person",
      receivedAt: "2025-03-02 09:00",
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    codes[key] = response.body.data.code;
  }
  // A feedback sent by someone else that names the person's phone and CCCD in its content.
  const feedback = await clerks.A!.post("/api/feedback", {
    unitId: wardA.id,
    channel: "in_person",
    senderName: "Trần Thị Thủy",
    senderPhone: "0977000111",
    title: "Phản ánh về hồ sơ đất đai",
    content: "Nhờ liên hệ anh An, số 0912.345.678, CCCD 001203004567.",
    receivedAt: "2025-03-03 09:00",
  });
  expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
  codes.feedback = feedback.body.data.code;
});
afterAll(() => t.close());

const codesOf = (body: any) => ({
  dossiers: body.data.dossiers.map((d: any) => d.code).sort(),
  feedback: body.data.feedback.map((f: any) => f.code).sort(),
});

async function auditSummaries(action: string) {
  return queryRows<{ summary: string }>(
    t.db.database.db,
    sql`select summary from audit_events where action = ${action} order by id`,
  );
}

describe(`looking up one person's data on ${testDatabaseKind}`, () => {
  it("finds the person by phone written in any format, in full", async () => {
    for (const phone of ["0912 345 678", "+84912345678", "84 912.345.678"]) {
      const response = await provinceAdmin.post("/api/admin/personal-data/lookup", { phone });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(codesOf(response.body)).toEqual({
        dossiers: [codes.anA, codes.anB].sort(),
        feedback: [codes.feedback],
      });
      const dossier = response.body.data.dossiers.find((d: any) => d.code === codes.anA);
      expect(dossier).toMatchObject({
        applicantName: "Nguyễn Văn An",
        applicantPhone: "0912 345 678",
        applicantAddress: "Số 5 Lê Lợi, Phường Thử",
        matchedBy: ["phone"],
        anonymised: false,
      });
      expect(response.body.data.feedback[0].content).toContain("0912.345.678");
    }
  });

  it("finds by name with or without diacritics, keeping a different tone apart", async () => {
    const toned = await provinceAdmin.post("/api/admin/personal-data/lookup", {
      name: "nguyễn  văn an",
    });
    expect(codesOf(toned.body).dossiers).toEqual([codes.anA, codes.anB].sort());
    const plain = await provinceAdmin.post("/api/admin/personal-data/lookup", {
      name: "Nguyen Van An",
    });
    expect(codesOf(plain.body).dossiers).toEqual([codes.anA, codes.anB, codes.an2].sort());
    // Old and new tone placement are the same name.
    const sender = await provinceAdmin.post("/api/admin/personal-data/lookup", {
      name: "Trần Thị Thuỷ",
    });
    expect(codesOf(sender.body)).toEqual({ dossiers: [], feedback: [codes.feedback] });
  });

  it("finds an ID number written in a feedback's text", async () => {
    const response = await provinceAdmin.post("/api/admin/personal-data/lookup", {
      idNumber: "001 203 004 567",
    });
    expect(response.status).toBe(200);
    expect(codesOf(response.body)).toEqual({ dossiers: [], feedback: [codes.feedback] });
    expect(response.body.data.feedback[0].matchedBy).toEqual(["id_number"]);
  });

  it("shows a ward's administrator only that ward's records", async () => {
    const response = await wardAdmin.post("/api/admin/personal-data/lookup", {
      phone: "0912345678",
    });
    expect(response.status).toBe(200);
    expect(codesOf(response.body)).toEqual({ dossiers: [codes.anA], feedback: [codes.feedback] });
  });

  it("refuses a reviewer before reading the body, and logs nothing", async () => {
    const before = (await auditSummaries("personal_data.lookup")).length;
    for (const body of [{ phone: "0912345678" }, { phone: 12 }]) {
      const response = await reviewer.post("/api/admin/personal-data/lookup", body);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("FORBIDDEN");
      const xlsx = await reviewer.post("/api/admin/personal-data/export.xlsx", body);
      expect(xlsx.status).toBe(403);
    }
    expect((await auditSummaries("personal_data.lookup")).length).toBe(before);
  });

  it("refuses an empty or malformed query with a Vietnamese message", async () => {
    for (const body of [{}, { phone: "  " }, { phone: "12ab" }, { idNumber: "12345" }]) {
      const response = await provinceAdmin.post("/api/admin/personal-data/lookup", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("PERSONAL_DATA_QUERY_INVALID");
      expect(response.body.error.message).toContain("số điện thoại");
    }
  });

  it("audits every lookup without the searched values in clear", async () => {
    await provinceAdmin.post("/api/admin/personal-data/lookup", {
      phone: "0912 345 678",
      idNumber: "001203004567",
      name: "Nguyễn Văn An",
    });
    const summaries = (await auditSummaries("personal_data.lookup")).map((row) => row.summary);
    expect(summaries.length).toBeGreaterThan(0);
    const last = summaries.at(-1)!;
    expect(last).toContain("09******78");
    expect(last).toContain("*********567");
    expect(last).toContain("Nguyễn V. A.");
    for (const summary of summaries) {
      expect(summary.replace(/\D/g, "")).not.toContain("912345678");
      expect(summary).not.toContain("001203004567");
      expect(summary).not.toContain("Nguyễn Văn An");
    }
  });

  it("exports the same rows to Excel, audited", async () => {
    const response = await fetch(`${t.url}/api/admin/personal-data/export.xlsx`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: provinceAdmin.cookie!,
        "x-csrf-token": provinceAdmin.csrfToken!,
      },
      body: JSON.stringify({ phone: "+84 912 345 678" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const values = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
      return rows;
    };
    const dossiers = values("Hồ sơ");
    const header = dossiers.findIndex((row) => row[0] === "Mã hồ sơ");
    expect(header).toBeGreaterThan(-1);
    const dossierRows = dossiers.slice(header + 1);
    expect(dossierRows.map((row) => row[0]).sort()).toEqual([codes.anA, codes.anB].sort());
    const rowA = dossierRows.find((row) => row[0] === codes.anA)!;
    expect(rowA).toContain("Nguyễn Văn An");
    expect(rowA).toContain("0912 345 678");
    expect(rowA).toContain("02/03/2025");
    const feedback = values("Phản ánh, kiến nghị");
    expect(feedback.some((row) => row[0] === codes.feedback)).toBe(true);
    const exports = await auditSummaries("personal_data.export");
    expect(exports.length).toBe(1);
    expect(exports[0]!.summary).toContain("2 hồ sơ, 1 phản ánh");
    expect(exports[0]!.summary.replace(/\D/g, "")).not.toContain("912345678");
  });
});
