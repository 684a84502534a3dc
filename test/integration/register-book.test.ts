import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseDailyCounters } from "../../src/server/db/schema-case-register.ts";
import { dossierRegisterBooks, dossiers } from "../../src/server/db/schema-one-stop.ts";
import { openDocx, texts } from "../support/docx-xml.ts";
import { makeWardWorld, signIn } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * The desk's register book (Sổ theo dõi hồ sơ): every dossier received at the desk is entered in
 * its unit's book of the year (Vietnam time), lines numbered without gaps or repeats even when
 * receipts run at once; the receipt (Mẫu 01), the dossier's read and the register print it.
 * Imported dossiers are not entered. The supplement request (Mẫu 02) lists the required
 * documents as they were when the dossier was received. Fixed days, 2025–2026.
 */

const AGENCY = "000.31.22.H99";
const OTHER_AGENCY = "000.32.22.H99";
const DOCUMENTS = [
  { name: "Tờ khai đăng ký kết hôn", form: "original", copies: 1, required: true },
  { name: "Giấy xác nhận tình trạng hôn nhân", form: "original", copies: 1, required: true },
  { name: "Văn bản ủy quyền", form: "certified_copy", copies: 1, required: false },
] as const;

let t: TestApp;
let clerk: ApiClient;
let otherClerk: ApiClient;
let admin: ApiClient;
let wardId: string;
let procedureId: string;
let otherProcedureId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const world = await makeWardWorld(db, { wardName: "Phường Sổ Sách", agencyCode: AGENCY });
  wardId = world.ward.id;
  procedureId = (
    await makeProcedure(db, world.ward, {
      code: "1.000894",
      name: "Thủ tục đăng ký kết hôn",
      processingDays: 3,
    })
  ).id;
  const otherWard = await makeUnit(db, {
    parent: world.province,
    name: "Phường Bên Sông",
    validFrom: "2025-07-01",
  });
  await makeDesk(db, otherWard, { agencyCode: OTHER_AGENCY });
  otherProcedureId = (await makeProcedure(db, otherWard, { code: "1.000894" })).id;
  clerk = await signIn(t, world.users.clerk);
  admin = await signIn(t, world.users.admin);
  otherClerk = await signIn(t, await makeUser(db, { unit: otherWard, role: "clerk" }));
});
afterAll(() => t.close());

function receive(receivedAt: string, overrides: Record<string, unknown> = {}, as = clerk) {
  return as.post("/api/dossiers", {
    procedureId: as === clerk ? procedureId : otherProcedureId,
    applicantName: "Lê Văn Sổ",
    applicantPhone: "0912 000 111",
    channel: "in_person",
    receivedAt,
    ...overrides,
  });
}

async function received(receivedAt: string, overrides: Record<string, unknown> = {}, as = clerk) {
  const response = await receive(receivedAt, overrides, as);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function documentText(path: string) {
  const response = await fetch(`${t.url}${path}`, { headers: { cookie: clerk.cookie! } });
  expect(response.status).toBe(200);
  const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
  return texts(document).join("");
}

/** The lines of a unit's book of a year, as stored. */
async function linesOf(unitId: string, year: number) {
  const rows = await t.db.database.db
    .select({ entry: dossiers.registerEntry, book: dossiers.registerBook })
    .from(dossiers)
    .where(and(eq(dossiers.unitId, unitId), eq(dossiers.registerYear, year)));
  return rows.map((r) => r.entry!).sort((a, b) => a - b);
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(`register book on ${testDatabaseKind}`, () => {
  it("enters each receipt in the unit's book of the year, from line 1, and shows it everywhere", async () => {
    const lastOf2025 = await received("2025-12-31 16:00");
    expect(lastOf2025.registerEntry).toEqual({
      year: 2025,
      book: 1,
      entry: 1,
      bookNumber: "01/2025",
      entryNumber: "000001",
      label: "quyển 01/2025, số 000001",
    });
    // 00:30 on New Year's Day in Vietnam (17:30 UTC the day before) opens the 2026 book.
    const first = await received("2026-01-01 00:30");
    expect(first.registerEntry.label).toBe("quyển 01/2026, số 000001");
    const second = await received("2026-01-05 09:00");
    expect(second.registerEntry.label).toBe("quyển 01/2026, số 000002");
    // Another ward keeps its own book.
    const elsewhere = await received("2026-01-05 09:00", {}, otherClerk);
    expect(elsewhere.registerEntry.label).toBe("quyển 01/2026, số 000001");

    const read = (await clerk.get(`/api/dossiers/${second.id}`)).body.data;
    expect(read.registerEntry).toMatchObject({ year: 2026, book: 1, entry: 2 });
    const listed = (await clerk.get(`/api/dossiers?unitId=${wardId}`)).body.data;
    expect(listed.find((d: any) => d.id === second.id).registerEntry.entryNumber).toBe("000002");

    const receipt = await documentText(`/api/dossiers/${second.id}/receipt.docx`);
    expect(receipt).toContain("Vào Sổ theo dõi hồ sơ: Quyển số 01/2026, số thứ tự 000002");
    expect(receipt).not.toContain("Quyển số ………");
  });

  it("numbers receipts made at once without a gap or a repeat, and a failed receipt gives its line back", async () => {
    const before = await linesOf(wardId, 2026);
    const parallel = await Promise.all(
      Array.from({ length: 8 }, (_, i) => receive(`2026-02-0${(i % 4) + 2} 09:0${i}`)),
    );
    expect(parallel.map((r) => r.status)).toEqual(Array(8).fill(201));
    const entries = parallel.map((r) => r.body.data.registerEntry.entry as number);
    expect(new Set(entries).size).toBe(8);
    const lines = await linesOf(wardId, 2026);
    expect(lines).toEqual(upTo(before.length + 8));

    // A receipt that fails after taking its line (the day's codes are used up) is rolled back
    // whole: the next receipt takes that same line.
    await t.db.database.db
      .insert(caseDailyCounters)
      .values({ register: "dossier", unitId: wardId, day: "2026-02-10", lastValue: 9999 });
    const exhausted = await receive("2026-02-10 09:00");
    expect(exhausted.status).toBe(409);
    expect(exhausted.body.error.code).toBe("DOSSIER_SEQUENCE_EXHAUSTED");
    const next = await received("2026-02-11 09:00");
    expect(next.registerEntry.entry).toBe(lines.length + 1);
    expect(await linesOf(wardId, 2026)).toEqual(upTo(lines.length + 1));
    const [counter] = await t.db.database.db
      .select()
      .from(dossierRegisterBooks)
      .where(and(eq(dossierRegisterBooks.unitId, wardId), eq(dossierRegisterBooks.year, 2026)));
    expect(counter?.lastEntry).toBe(lines.length + 1);
  });

  it("does not enter an imported dossier: its read answers none and its receipt leaves the line blank", async () => {
    const csv = [
      "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Ngày tiếp nhận;Hạn xử lý;Trạng thái",
      `${AGENCY}-260303-0901;1.000894;Người nhập;0911 222 333;03/03/2026 08:00;06/03/2026;Đã tiếp nhận`,
    ].join("\r\n");
    const file = Buffer.from(csv + "\r\n", "utf8");
    const body = new FormData();
    body.append("unitId", wardId);
    body.append("file", new Blob([new Uint8Array(file)]), "mot-cua.csv");
    const started = await clerk.request("POST", "/api/dossier-imports", { body });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run: any;
    for (let i = 0; i < 1200; i++) {
      run = (await clerk.get(`/api/dossier-imports/${started.body.data.id}`)).body.data;
      if (run.state !== "running") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run).toMatchObject({ state: "done", inserted: 1 });
    const list = (await clerk.get(`/api/dossiers?q=${AGENCY}-260303-0901`)).body.data;
    const imported = list.find((d: any) => d.code === `${AGENCY}-260303-0901`);
    expect(imported).toMatchObject({ imported: true, registerEntry: null });
    const receipt = await documentText(`/api/dossiers/${imported.id}/receipt.docx`);
    expect(receipt).toContain("Vào Sổ theo dõi hồ sơ: Quyển số ………, số thứ tự ………");
  });

  it("keeps the required documents as they were at receipt for the supplement request", async () => {
    const saved = await admin.patch(`/api/procedures/${procedureId}`, { documents: DOCUMENTS });
    expect(saved.status).toBe(200);
    const dossier = await received("2026-03-02 09:00", {
      documents: [{ name: "Tờ khai đăng ký kết hôn", form: "original", copies: 1 }],
      documentSets: 1,
      confirmIncomplete: true,
    });
    for (const [action, at, note] of [
      ["hand_over", "2026-03-02 10:00", undefined],
      ["request_supplement", "2026-03-02 11:00", "Bổ sung ảnh chân dung"],
    ] as const) {
      const r = await clerk.post(`/api/dossiers/${dossier.id}/transitions`, { action, at, note });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const path = `/api/dossiers/${dossier.id}/supplement-request.docx`;
    const before = await documentText(path);
    expect(before).toContain("Giấy xác nhận tình trạng hôn nhân (bản chính): 01 bản");

    // The catalogue changes afterwards: the missing document is dropped, another one required.
    const edited = await admin.patch(`/api/procedures/${procedureId}`, {
      documents: [
        DOCUMENTS[0],
        { name: "Trích lục ghi chú ly hôn", form: "copy", copies: 2, required: true },
      ],
    });
    expect(edited.status).toBe(200);
    const after = await documentText(path);
    expect(after).toContain("Giấy xác nhận tình trạng hôn nhân (bản chính): 01 bản");
    expect(after).not.toContain("Trích lục ghi chú ly hôn");
    expect(after).toContain("Bổ sung ảnh chân dung");

    // A dossier received after the edit is asked for the new list.
    const later = await received("2026-03-03 09:00", {
      documents: [{ name: "Tờ khai đăng ký kết hôn", form: "original", copies: 1 }],
      documentSets: 1,
      confirmIncomplete: true,
    });
    for (const [action, at, note] of [
      ["hand_over", "2026-03-03 10:00", undefined],
      ["request_supplement", "2026-03-03 11:00", "Bổ sung theo danh mục"],
    ] as const) {
      const r = await clerk.post(`/api/dossiers/${later.id}/transitions`, { action, at, note });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const laterText = await documentText(`/api/dossiers/${later.id}/supplement-request.docx`);
    expect(laterText).toContain("Trích lục ghi chú ly hôn (bản sao): 02 bản");
    expect(laterText).not.toContain("Giấy xác nhận tình trạng hôn nhân");
  });
});
