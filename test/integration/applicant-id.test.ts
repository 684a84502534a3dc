import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { purgePersonalData } from "../../src/server/operations/personal-data/retention.service.ts";
import { SYSTEM_ACTOR } from "../../src/server/services/actor.ts";
import { openDocx, texts } from "../support/docx-xml.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * The applicant's ID number taken at the desk (issue 13): stored normalised with the dossier,
 * answered masked to every reader (the desk's own clerk included), found and shown in full only
 * by the administrators' personal-data lookup and export, cleared by anonymisation; a wrong one
 * is refused with its code and nothing is written. Dates are explicit.
 */

let t: TestApp;
let clerk: ApiClient;
let reviewer: ApiClient;
let admin: ApiClient;
let procedureId: string;
let ward: { id: string };

const ID = "001203004567";
const MASKED = "*********567";

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  ward = await makeUnit(db, { parent: province });
  await makeDesk(db, ward);
  procedureId = (await makeProcedure(db, ward)).id;
  const users = {
    clerk: await makeUser(db, { unit: ward, role: "clerk" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    admin: await makeUser(db, { unit: province, role: "admin" }),
  };
  clerk = await t.signedIn(users.clerk.username, users.clerk.password);
  reviewer = await t.signedIn(users.reviewer.username, users.reviewer.password);
  admin = await t.signedIn(users.admin.username, users.admin.password);
});
afterAll(() => t.close());

function receive(overrides: Record<string, unknown> = {}) {
  return clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Trịnh Văn Định",
    applicantPhone: "0977 111 222",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
    ...overrides,
  });
}

async function stored(id: string) {
  const [row] = await queryRows<{ applicantIdNumber: string | null }>(
    t.db.database.db,
    sql`select applicant_id_number as "applicantIdNumber" from dossiers where id = ${id}::uuid`,
  );
  return row!.applicantIdNumber;
}

async function dossierCount() {
  const [row] = await queryRows<{ n: number }>(
    t.db.database.db,
    sql`select count(*)::int as n from dossiers`,
  );
  return row!.n;
}

/** Received, handed over, resolved and returned on the given day (a closed dossier). */
async function closedDossier(idNumber: string, day: string) {
  const received = await receive({ applicantIdNumber: idNumber, receivedAt: `${day} 08:00` });
  expect(received.status, JSON.stringify(received.body)).toBe(201);
  const id: string = received.body.data.id;
  for (const [action, at] of [
    ["hand_over", `${day} 09:00`],
    ["resolve", `${day} 10:00`],
    ["return_result", `${day} 11:00`],
  ] as const) {
    const step = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
  }
  return id;
}

describe(`the applicant's ID number on ${testDatabaseKind}`, () => {
  let id: string;

  it("is stored normalised at reception and answered masked", async () => {
    const response = await receive({ applicantIdNumber: " 001.203 004.567 " });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    id = response.body.data.id;
    expect(response.body.data.applicantIdNumber).toBe(MASKED);
    expect(await stored(id)).toBe(ID);
  });

  it("is masked in every read: the desk's detail and register, the upper level's too", async () => {
    for (const reader of [clerk, reviewer]) {
      const detail = await reader.get(`/api/dossiers/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.data.applicantIdNumber).toBe(MASKED);
      const list = await reader.get(`/api/dossiers?unitId=${ward.id}`);
      expect(list.status).toBe(200);
      const row = list.body.data.find((d: { id: string }) => d.id === id);
      expect(row.applicantIdNumber).toBe(MASKED);
      expect(JSON.stringify(detail.body)).not.toContain(ID);
      expect(JSON.stringify(list.body)).not.toContain(ID);
    }
    // The clerk reads the rest of the applicant in full: only the ID number is masked.
    expect((await clerk.get(`/api/dossiers/${id}`)).body.data.personalData).toBe("full");
  });

  it("is not printed on the receipt (Mẫu 01 has no such line)", async () => {
    const response = await fetch(`${t.url}/api/dossiers/${id}/receipt.docx`, {
      headers: { cookie: clerk.cookie! },
    });
    expect(response.status).toBe(200);
    const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
    const all = texts(document).join("\n");
    expect(all).toContain("Trịnh Văn Định");
    expect(all).not.toContain(ID);
    expect(all).not.toContain("567");
  });

  it("is optional: none for an organisation", async () => {
    for (const none of [undefined, null, "", "   "]) {
      const response = await receive(none === undefined ? {} : { applicantIdNumber: none });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.data.applicantIdNumber).toBeNull();
      expect(await stored(response.body.data.id)).toBeNull();
    }
  });

  it("accepts an old identity card and a passport", async () => {
    const card = await receive({ applicantIdNumber: "123 456 789" });
    expect(card.status).toBe(201);
    expect(await stored(card.body.data.id)).toBe("123456789");
    expect(card.body.data.applicantIdNumber).toBe("******789");
    const passport = await receive({ applicantIdNumber: "c1234567" });
    expect(passport.status).toBe(201);
    expect(await stored(passport.body.data.id)).toBe("C1234567");
    expect(passport.body.data.applicantIdNumber).toBe("*****567");
  });

  it("refuses a wrong one with its code at the field, and writes nothing", async () => {
    const before = await dossierCount();
    for (const wrong of ["12345678", "0012030045670", "999203004567", "AB123"]) {
      const response = await receive({ applicantIdNumber: wrong });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("DOSSIER_APPLICANT_ID_INVALID");
      expect(response.body.error.message).toMatch(/không hợp lệ/);
      expect(response.body.error.details[0].path).toBe("applicantIdNumber");
    }
    expect(await dossierCount()).toBe(before);
  });

  it("is corrected through PATCH, checked like at reception", async () => {
    const other = await receive({ applicantIdNumber: "123456789" });
    const otherId: string = other.body.data.id;
    const wrong = await clerk.patch(`/api/dossiers/${otherId}`, { applicantIdNumber: "12345" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("DOSSIER_APPLICANT_ID_INVALID");
    expect(await stored(otherId)).toBe("123456789");
    const right = await clerk.patch(`/api/dossiers/${otherId}`, {
      applicantIdNumber: "036 195 000 111",
    });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.data.applicantIdNumber).toBe("*********111");
    expect(await stored(otherId)).toBe("036195000111");
    // Another correction leaves it as it is; null clears it.
    await clerk.patch(`/api/dossiers/${otherId}`, { applicantAddress: "Số 2, Phường Thử" });
    expect(await stored(otherId)).toBe("036195000111");
    const cleared = await clerk.patch(`/api/dossiers/${otherId}`, { applicantIdNumber: null });
    expect(cleared.status).toBe(200);
    expect(await stored(otherId)).toBeNull();
  });

  it("finds the person's dossier by ID number in any spacing, in full, for an administrator", async () => {
    for (const typed of [ID, "001 203 004 567", "001.203.004.567"]) {
      const response = await admin.post("/api/admin/personal-data/lookup", { idNumber: typed });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const found = response.body.data.dossiers;
      expect(found.map((d: { id: string }) => d.id)).toEqual([id]);
      expect(found[0].applicantIdNumber).toBe(ID);
      expect(found[0].matchedBy).toEqual(["id_number"]);
    }
    const passport = await admin.post("/api/admin/personal-data/lookup", { idNumber: "C 1234567" });
    expect(passport.body.data.dossiers).toHaveLength(1);
    expect(passport.body.data.dossiers[0].applicantIdNumber).toBe("C1234567");
    // Another number finds nothing; the reviewer may not look up.
    const other = await admin.post("/api/admin/personal-data/lookup", { idNumber: "001203004568" });
    expect(other.body.data.dossiers).toEqual([]);
    const refused = await reviewer.post("/api/admin/personal-data/lookup", { idNumber: ID });
    expect(refused.status).toBe(403);
  });

  it("exports it in full in the one-person Excel file", async () => {
    const response = await fetch(`${t.url}/api/admin/personal-data/export.xlsx`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: admin.cookie!,
        "x-csrf-token": admin.csrfToken!,
      },
      body: JSON.stringify({ idNumber: "001 203 004 567" }),
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const cells: string[] = [];
    workbook.getWorksheet("Hồ sơ")!.eachRow((row) => {
      row.eachCell((cell) => cells.push(String(cell.value)));
    });
    expect(cells).toContain("Số định danh / CMND / Hộ chiếu");
    expect(cells).toContain(ID);
  });

  it("is cleared when the person's closed records are anonymised on request", async () => {
    const closed = await closedDossier("079098001234", "2026-03-03");
    expect(await stored(closed)).toBe("079098001234");
    const done = await admin.post("/api/admin/personal-data/anonymise", {
      idNumber: "079 098 001 234",
      reason: "Đơn yêu cầu xoá dữ liệu ngày 10/03/2026",
      dossierIds: [closed],
      feedbackIds: [],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await stored(closed)).toBeNull();
    const after = await admin.post("/api/admin/personal-data/lookup", {
      idNumber: "079098001234",
    });
    expect(after.body.data.dossiers).toEqual([]);
  });

  it("is cleared by the retention run", async () => {
    const old = await closedDossier("038090004321", "2021-03-02");
    expect(await stored(old)).toBe("038090004321");
    await purgePersonalData(
      t.db.database.db,
      SYSTEM_ACTOR,
      { dossierYears: 5, feedbackYears: 3 },
      { asOf: "2026-03-11", trigger: "cli" },
    );
    expect(await stored(old)).toBeNull();
    // The dossier received in 2026 is not past retention: it keeps its number.
    expect(await stored(id)).toBe(ID);
  });
});
