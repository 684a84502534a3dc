import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cells, openDocx, rows, tables, texts } from "../support/docx-xml.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * A procedure's required documents (thành phần hồ sơ): kept by the desk's clerk and the
 * administrators, ticked at the receive form, stored with the dossier in the receipt's
 * transaction and printed on the receipt (Mẫu 01).
 */

let t: TestApp;
let admin: ApiClient;
let clerk: ApiClient;
let otherClerk: ApiClient;
let ward: { id: string };
let birthId: string;

const BIRTH_DOCUMENTS = [
  { name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1, required: true },
  { name: "Giấy chứng sinh", form: "original", copies: 1, required: true },
  { name: "Văn bản ủy quyền", form: "certified_copy", copies: 1, required: false },
];

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province", name: "Tỉnh Kiểm Thử" });
  ward = await makeUnit(db, {
    parent: province,
    name: "Phường Thành Phần",
    validFrom: "2025-07-01",
  });
  const otherWard = await makeUnit(db, { parent: province, name: "Phường Bên Cạnh" });
  await makeDesk(db, ward, { agencyCode: "000.51.22.T99" });
  birthId = (
    await makeProcedure(db, ward, {
      code: "1.001193",
      name: "Thủ tục đăng ký khai sinh",
      processingDays: 1,
    })
  ).id;
  const adminUser = await makeUser(db, { unit: province, role: "admin", global: true });
  const clerkUser = await makeUser(db, { unit: ward, role: "clerk", fullName: "Nguyễn Văn Tiếp" });
  const otherUser = await makeUser(db, { unit: otherWard, role: "clerk" });
  admin = await t.signedIn(adminUser.username, adminUser.password);
  clerk = await t.signedIn(clerkUser.username, clerkUser.password);
  otherClerk = await t.signedIn(otherUser.username, otherUser.password);
});
afterAll(() => t.close());

function receive(overrides: Record<string, unknown> = {}) {
  return clerk.post("/api/dossiers", {
    procedureId: birthId,
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
    ...overrides,
  });
}

async function receiptTexts(id: string) {
  const response = await fetch(`${t.url}/api/dossiers/${id}/receipt.docx`, {
    headers: { cookie: clerk.cookie! },
  });
  expect(response.status).toBe(200);
  const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
  return { document, all: texts(document).join("\n") };
}

/** The rows of the receipt's "Thành phần hồ sơ" table (Mẫu 01), each as its cells' texts. */
function documentRows(document: string): string[][] {
  const table = tables(document).find((xml) => texts(xml).includes("Tên giấy tờ")) ?? "";
  return rows(table).map(cells);
}

async function supplementRequestText(reader: ApiClient, id: string) {
  const response = await fetch(`${t.url}/api/dossiers/${id}/supplement-request.docx`, {
    headers: { cookie: reader.cookie! },
  });
  expect(response.status).toBe(200);
  const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
  return texts(document).join("\n");
}

describe(`required documents on ${testDatabaseKind}`, () => {
  it("an administrator sets the procedure's list; it reads back in order everywhere", async () => {
    const saved = await admin.patch(`/api/procedures/${birthId}`, { documents: BIRTH_DOCUMENTS });
    expect(saved.status).toBe(200);
    expect(saved.body.data.documents).toEqual(BIRTH_DOCUMENTS);
    // A PATCH of the list alone leaves the other fields as they were (no defaults applied).
    expect(saved.body.data).toMatchObject({
      onlineLevel: "full",
      level: "commune",
      processingDays: 1,
    });
    const read = await clerk.get(`/api/procedures/${birthId}`);
    expect(read.body.data.documents).toEqual(BIRTH_DOCUMENTS);
    const listed = (await clerk.get(`/api/procedures?unitId=${ward.id}`)).body.data;
    expect(listed.find((p: any) => p.id === birthId).documents).toEqual(BIRTH_DOCUMENTS);
    // Other fields left out of the PATCH keep the list as it is.
    const renamed = await admin.patch(`/api/procedures/${birthId}`, { processingDays: 1 });
    expect(renamed.body.data.documents).toEqual(BIRTH_DOCUMENTS);
  });

  it("refuses a bad list with a Vietnamese message at the line, and keeps the stored one", async () => {
    const bad = await clerk.patch(`/api/procedures/${birthId}`, {
      documents: [
        { name: "Giấy chứng sinh", form: "original", copies: 1 },
        { name: "giay chung sinh", form: "original", copies: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("DOSSIER_DOCUMENTS_INVALID");
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({
        path: "documents.1.name",
        message: expect.stringContaining("trùng"),
      }),
    ]);
    const unknownForm = await clerk.patch(`/api/procedures/${birthId}`, {
      documents: [{ name: "Giấy chứng sinh", form: "scan", copies: 1 }],
    });
    expect(unknownForm.status).toBe(400);
    expect(unknownForm.body.error.code).toBe("VALIDATION_FAILED");
    expect((await clerk.get(`/api/procedures/${birthId}`)).body.data.documents).toEqual(
      BIRTH_DOCUMENTS,
    );
  });

  it("a clerk of another unit can neither read nor edit the list", async () => {
    const edit = await otherClerk.patch(`/api/procedures/${birthId}`, { documents: [] });
    expect(edit.status).toBe(404);
    expect(edit.body.error.code).toBe("PROCEDURE_NOT_FOUND");
    expect((await clerk.get(`/api/procedures/${birthId}`)).body.data.documents).toHaveLength(3);
  });

  it("receiving without a required document asks for the clerk's confirmation, and stores nothing before it", async () => {
    const before = (await clerk.get("/api/dossiers?limit=1")).body.total;
    const refused = await receive({
      documents: [{ name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1 }],
      documentSets: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("DOSSIER_DOCUMENTS_INCOMPLETE");
    expect(refused.body.error.message).toContain("Hồ sơ chưa đủ thành phần bắt buộc");
    expect(refused.body.error.message).toContain("Giấy chứng sinh");
    expect((await clerk.get("/api/dossiers?limit=1")).body.total).toBe(before);

    const confirmed = await receive({
      documents: [{ name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1 }],
      documentSets: 1,
      confirmIncomplete: true,
    });
    expect(confirmed.status).toBe(201);
    const receipt = confirmed.body.data.events.find((e: any) => e.action === "receive");
    expect(receipt.note).toContain("chưa đủ thành phần bắt buộc: Giấy chứng sinh");
  });

  it("stores what was checked with the dossier and prints it on the receipt with form and copies", async () => {
    const received = await receive({
      documents: [
        { name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1 },
        { name: "Giấy chứng sinh", form: "original", copies: 2 },
        { name: "Bản sao CCCD của người đi đăng ký", form: "copy", copies: 1 },
      ],
      documentSets: 2,
    });
    expect(received.status).toBe(201);
    expect(received.body.data.documents).toEqual([
      { name: "Tờ khai đăng ký khai sinh", form: "original", formLabel: "Bản chính", copies: 1 },
      { name: "Giấy chứng sinh", form: "original", formLabel: "Bản chính", copies: 2 },
      { name: "Bản sao CCCD của người đi đăng ký", form: "copy", formLabel: "Bản sao", copies: 1 },
    ]);
    expect(received.body.data.documentSets).toBe(2);
    const detail = (await clerk.get(`/api/dossiers/${received.body.data.id}`)).body.data;
    expect(detail.documents.map((d: any) => d.name)).toEqual([
      "Tờ khai đăng ký khai sinh",
      "Giấy chứng sinh",
      "Bản sao CCCD của người đi đăng ký",
    ]);

    const { all, document } = await receiptTexts(received.body.data.id);
    expect(documentRows(document)).toEqual([
      ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
      ["1", "Tờ khai đăng ký khai sinh", "Bản chính", "01"],
      ["2", "Giấy chứng sinh", "Bản chính", "02"],
      ["3", "Bản sao CCCD của người đi đăng ký", "Bản sao", "01"],
    ]);
    expect(all).toMatch(/số lượng hồ sơ: \n?02 bộ/);
  });

  it("a dossier received without a list keeps the receipt's blank lines", async () => {
    const received = await receive();
    expect(received.status).toBe(201);
    expect(received.body.data.documents).toEqual([]);
    expect(received.body.data.documentSets).toBeNull();
    const { all, document } = await receiptTexts(received.body.data.id);
    expect(documentRows(document).slice(1)).toEqual([
      ["1", "", "", ""],
      ["2", "", "", ""],
      ["3", "", "", ""],
    ]);
    expect(all).toContain("số lượng hồ sơ: ……… bộ");
  });

  it("the receipt keeps what was received when the procedure's list changes later", async () => {
    const received = await receive({
      documents: BIRTH_DOCUMENTS.slice(0, 2).map(({ name, form, copies }) => ({
        name,
        form,
        copies,
      })),
    });
    expect(received.body.data.documentSets).toBe(1);
    await clerk.patch(`/api/procedures/${birthId}`, {
      documents: [{ name: "Tờ khai mới", form: "original", copies: 1, required: true }],
    });
    const { all } = await receiptTexts(received.body.data.id);
    expect(all).toMatch(/Giấy chứng sinh\nBản chính/);
    expect(all).not.toContain("Tờ khai mới");
    await clerk.patch(`/api/procedures/${birthId}`, { documents: BIRTH_DOCUMENTS });
  });

  it("the catalogue import reads a documents column and leaves the list alone where a row has none", async () => {
    const upload = (content: string) => {
      const form = new FormData();
      form.append("file", new Blob([content]), "thu-tuc.csv");
      return admin.request("POST", `/api/procedures/import?unitId=${ward.id}`, { body: form });
    };
    const csv =
      "Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn,Thành phần hồ sơ\n" +
      '1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,1,"Tờ khai đăng ký kết hôn (bản chính, 1); Giấy xác nhận tình trạng hôn nhân (bản chính, 2, không bắt buộc)"\n' +
      "1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,trong ngày,\n";
    const done = await upload(csv);
    expect(done.body.data).toEqual({ created: 1, updated: 1, total: 2 });
    const list = (await admin.get(`/api/procedures?unitId=${ward.id}`)).body.data;
    expect(list.find((p: any) => p.code === "1.000894").documents).toEqual([
      { name: "Tờ khai đăng ký kết hôn", form: "original", copies: 1, required: true },
      { name: "Giấy xác nhận tình trạng hôn nhân", form: "original", copies: 2, required: false },
    ]);
    expect(list.find((p: any) => p.code === "1.001193").documents).toEqual(BIRTH_DOCUMENTS);
    const bad = await upload(
      "Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn,Thành phần hồ sơ\n1.000895,Thử,Hộ tịch,1,Tờ khai (bản chụp)\n",
    );
    expect(bad.body.error.code).toBe("PROCEDURE_IMPORT_INVALID");
    expect(bad.body.error.details[0]).toMatchObject({ row: 2, path: "documents" });
  });

  it("the supplement request (Mẫu 02) lists the required documents not received, then the clerk's note", async () => {
    const requestSupplement = async (id: string) => {
      for (const [action, at, note] of [
        ["hand_over", "2026-03-02 10:00", undefined],
        ["request_supplement", "2026-03-02 11:00", "Bổ sung chữ ký của người đi đăng ký"],
      ] as const) {
        const r = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, note });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      expect((await clerk.get(`/api/dossiers/${id}`)).body.data.can.supplementRequest).toBe(true);
      return supplementRequestText(admin, id);
    };
    await admin.patch(`/api/procedures/${birthId}`, { documents: BIRTH_DOCUMENTS });
    const incomplete = await receive({
      documents: [{ name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1 }],
      documentSets: 1,
      confirmIncomplete: true,
    });
    const missingText = await requestSupplement(incomplete.body.data.id);
    expect(missingText).toContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
    expect(missingText).toContain("Giấy chứng sinh (bản chính): 01 bản");
    expect(missingText).not.toContain("Tờ khai đăng ký khai sinh (bản chính)");
    expect(missingText).not.toContain("Văn bản ủy quyền");
    expect(missingText).toContain("Bổ sung chữ ký của người đi đăng ký");

    const complete = await receive({
      documents: BIRTH_DOCUMENTS.slice(0, 2).map(({ name, form, copies }) => ({
        name,
        form,
        copies,
      })),
    });
    const completeText = await requestSupplement(complete.body.data.id);
    expect(completeText).not.toContain("Giấy chứng sinh");
    expect(completeText).not.toContain("Nội dung khác");
    expect(completeText).toContain("Bổ sung chữ ký của người đi đăng ký");

    const withoutList = await receive();
    const withoutListText = await requestSupplement(withoutList.body.data.id);
    expect(withoutListText).not.toContain("Giấy chứng sinh");
    expect(withoutListText).toContain("Bổ sung chữ ký của người đi đăng ký");

    const notRequested = await receive();
    // A masked reader (an administrator) gets the applicant masked; the unit's clerk in full.
    expect(missingText).not.toContain("Hoàng Thị Mai");
    expect(missingText).toContain("Hoàng T. M.");
    expect(await supplementRequestText(clerk, incomplete.body.data.id)).toContain("Hoàng Thị Mai");

    const notRequestedId = notRequested.body.data.id;
    expect(
      (await clerk.get(`/api/dossiers/${notRequestedId}`)).body.data.can.supplementRequest,
    ).toBe(false);
    const refused = await fetch(`${t.url}/api/dossiers/${notRequestedId}/supplement-request.docx`, {
      headers: { cookie: clerk.cookie! },
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "DOSSIER_NO_SUPPLEMENT_REQUEST",
    );
  });
});
