import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadUnitTree } from "../../src/server/db/repositories/unit.repository.ts";
import {
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
} from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * A unit receives records only while it exists: a dossier received, or feedback dated, before a
 * ward began or after it was merged away is refused (UNIT_NOT_VALID_ON_DATE), at the desk and in
 * a bulk import (the row is reported). The merged-away ward keeps what it received, and that
 * counts for the ward it was merged into.
 */
let t: TestApp;
let newWard: MadeUnit;
let oldWard: MadeUnit;
let clerk: ApiClient;
let admin: ApiClient;
const procedures: Record<string, string> = {};
let newWardAgencyCode: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province", name: "Tỉnh Kiểm Thử" });
  newWard = await makeUnit(db, { parent: province, name: "Phường Mới", validFrom: "2025-07-01" });
  oldWard = await makeUnit(db, {
    parent: province,
    name: "Phường Cũ",
    validTo: "2025-06-30",
    mergedInto: newWard,
  });
  newWardAgencyCode = (await makeDesk(db, newWard, { agencyCode: "000.41.22.T99" })).agencyCode;
  await makeDesk(db, oldWard, { agencyCode: "000.42.22.T99" });
  procedures.new = (await makeProcedure(db, newWard, { code: "1.000001" })).id;
  procedures.old = (await makeProcedure(db, oldWard, { code: "1.000001" })).id;
  const clerkUser = await makeUser(db, { unit: newWard, role: "clerk" });
  const adminUser = await makeUser(db, { unit: province, role: "admin", global: true });
  clerk = await t.signedIn(clerkUser.username, clerkUser.password);
  admin = await t.signedIn(adminUser.username, adminUser.password);
});
afterAll(() => t.close());

const receive = (client: ApiClient, procedureId: string, receivedAt: string) =>
  client.post("/api/dossiers", {
    procedureId,
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    channel: "in_person",
    receivedAt,
  });

describe(`records dated outside a unit's validity, on ${testDatabaseKind}`, () => {
  it("refuses a dossier received before the ward existed, and takes one from its first day", async () => {
    const early = await receive(clerk, procedures.new!, "2025-06-30 09:00");
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: "UNIT_NOT_VALID_ON_DATE",
      message:
        "Phường Mới chỉ hoạt động từ ngày 01/07/2025; không thể ghi nhận hồ sơ, phản ánh ngày 30/06/2025 cho đơn vị này (hồ sơ trước ngày đó thuộc đơn vị cũ).",
      details: [expect.objectContaining({ path: "receivedAt" })],
    });
    const first = await receive(clerk, procedures.new!, "2025-07-01 08:00");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
  });

  it("refuses a dossier dated after a ward was merged away; its history stays with it", async () => {
    const late = await receive(admin, procedures.old!, "2025-07-02 08:00");
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("UNIT_NOT_VALID_ON_DATE");
    expect(late.body.error.message).toContain(
      "Phường Cũ đã kết thúc hoạt động ngày 30/06/2025 (sáp nhập hoặc giải thể)",
    );
    const history = await receive(admin, procedures.old!, "2025-06-20 08:00");
    expect(history.status, JSON.stringify(history.body)).toBe(201);
    expect(history.body.data.unitId).toBe(oldWard.id);
    // It counts for the ward it was merged into over a period reaching back before the merger.
    const tree = await loadUnitTree(t.db.database.db);
    expect(tree.unitsCountingFor(newWard.id, { from: "2025-01-01", to: "2025-12-31" })).toEqual(
      expect.arrayContaining([newWard.id, oldWard.id]),
    );
    expect(tree.unitsCountingFor(newWard.id, { from: "2026-01-01", to: "2026-12-31" })).toEqual([
      newWard.id,
    ]);
  });

  it("refuses feedback dated before the ward existed", async () => {
    const feedback = (receivedAt: string) =>
      clerk.post("/api/feedback", {
        unitId: newWard.id,
        channel: "phone",
        senderName: "Trần Văn Bình",
        senderPhone: "0987 654 321",
        title: "Thời gian chứng thực bản sao quá lâu",
        content: "Tôi chờ hơn 2 giờ để chứng thực bản sao giấy khai sinh.",
        receivedAt,
      });
    const early = await feedback("2025-06-15 09:00");
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("UNIT_NOT_VALID_ON_DATE");
    expect((await feedback("2025-07-15 09:00")).status).toBe(201);
  });

  it("reports the rows of a bulk import received before the ward existed, and imports the rest", async () => {
    const header =
      "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Ngày tiếp nhận;Hạn xử lý;Trạng thái";
    const rows = [
      `${newWardAgencyCode}-250630-0001;1.000001;Người nộp 1;0911 222 333;30/06/2025 08:30;07/07/2025;Đang giải quyết`,
      `${newWardAgencyCode}-250701-0501;1.000001;Người nộp 2;0911 222 333;01/07/2025 08:30;08/07/2025;Đang giải quyết`,
    ];
    const file = Buffer.from([header, ...rows].join("\r\n") + "\r\n", "utf8");
    const form = () => {
      const body = new FormData();
      body.append("unitId", newWard.id);
      body.append("file", new Blob([new Uint8Array(file)]), "mot-cua.csv");
      return body;
    };
    const preview = await clerk.request("POST", "/api/dossier-imports/preview", { body: form() });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: "receivedAt",
        message: expect.stringContaining("Phường Mới chỉ hoạt động từ ngày 01/07/2025"),
      }),
    ]);
    const started = await clerk.request("POST", "/api/dossier-imports", { body: form() });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run = started.body.data;
    for (let i = 0; i < 1200 && run.state === "running"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await clerk.get(`/api/dossier-imports/${run.id}`)).body.data;
    }
    expect(run).toMatchObject({ state: "done", inserted: 1, errorCount: 1 });
    const errors = String((await clerk.get(`/api/dossier-imports/${run.id}/errors.csv`)).body);
    expect(errors).toContain("chỉ hoạt động từ ngày 01/07/2025");
  });
});
