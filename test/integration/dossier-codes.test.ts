import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDossiers } from "../../src/server/db/repositories/dossier-metrics.repository.ts";
import { dossierImports } from "../../src/server/db/schema-dossier-import.ts";
import { dossiers } from "../../src/server/db/schema-one-stop.ts";
import { makeWardWorld, signIn } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * Issue 9, High 1: a ward's bulk import took another ward's dossier codes, the other ward's desk
 * then failed every receipt (duplicate key → 500), and nothing could remove the rows.
 * Ward A = Phường Cẩm Thành (agency code 000.01.22.H99), ward B = Phường Cao Xanh (agency code
 * 000.02.22.H99), both made with the factories. Fixed days in March 2026.
 */

const A_AGENCY = "000.01.22.H99";
const B_AGENCY = "000.02.22.H99";
const HEADER = "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Ngày tiếp nhận;Hạn xử lý;Trạng thái";

let t: TestApp;
let admin: ApiClient;
let clerkA: ApiClient;
let clerkB: ApiClient;
let adminA: ApiClient;
let adminB: ApiClient;
let viewerA: ApiClient;
const unitIds: Record<string, string> = {};
const procedureA: Record<string, string> = {};
const procedureB: Record<string, string> = {};

/** One export row: `code` received on `day` (dd/mm/2026) at 08:00. */
function row(code: string, day: string, name = "Người nộp") {
  return [
    code,
    "1.004873",
    name,
    "0911 222 333",
    `${day}/03/2026 08:00`,
    `${day}/04/2026`,
    "Đã tiếp nhận",
  ].join(";");
}
const seq = (n: number) => String(n).padStart(4, "0");

function csv(lines: string[]) {
  return Buffer.from([HEADER, ...lines].join("\r\n") + "\r\n", "utf8");
}

function form(file: Buffer, unitId: string) {
  const body = new FormData();
  body.append("unitId", unitId);
  body.append("file", new Blob([new Uint8Array(file)]), "mot-cua.csv");
  return body;
}

async function importAndWait(client: ApiClient, file: Buffer, unitId: string) {
  const started = await client.request("POST", "/api/dossier-imports", {
    body: form(file, unitId),
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  for (let i = 0; i < 1200; i++) {
    const run = (await client.get(`/api/dossier-imports/${started.body.data.id}`)).body.data;
    if (run.state !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("import did not finish");
}

async function dossierByCode(code: string, voided = false, as = admin) {
  const list = (
    await as.get(`/api/dossiers?q=${encodeURIComponent(code)}${voided ? "&voided=true" : ""}`)
  ).body.data;
  return list.find((d: any) => d.code === code) ?? null;
}

function receiveB(receivedAt: string) {
  return clerkB.post("/api/dossiers", {
    procedureId: procedureB["1.004873"],
    applicantName: "Trần Thị Hà",
    applicantPhone: "0912 345 678",
    channel: "in_person",
    receivedAt,
  });
}

/** Rows imported before the fix: A's dossiers carrying B's codes (written as the old COPY did). */
async function squat(day: string, sequences: number[]) {
  await t.db.database.db.insert(dossiers).values(
    sequences.map((n) => ({
      code: `${B_AGENCY}-2603${day}-${seq(n)}`,
      unitId: unitIds.wardA!,
      procedureId: procedureA["1.004873"]!,
      applicantName: `Chiếm mã ${n}`,
      applicantPhone: "0900 000 000",
      channel: "in_person" as const,
      receivedAt: new Date(`2026-03-${day}T01:00:00Z`),
      countedFrom: `2026-03-${day}`,
      dueDate: `2026-04-${day}`,
      originalDueDate: `2026-04-${day}`,
      state: "received" as const,
      ruleSet: "2025" as const,
    })),
  );
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const world = await makeWardWorld(db, { wardName: "Phường Cẩm Thành", agencyCode: A_AGENCY });
  const { province, ward: wardA } = world;
  const wardB = await makeUnit(db, {
    parent: province,
    name: "Phường Cao Xanh",
    validFrom: "2025-07-01",
  });
  await makeDesk(db, wardB, { agencyCode: B_AGENCY });
  const mergedAway = await makeUnit(db, {
    parent: province,
    name: "Phường Hồng Hải (trước sáp nhập)",
    validTo: "2025-06-30",
    mergedInto: wardA,
  });
  const commune = await makeUnit(db, {
    parent: province,
    kind: "xa",
    name: "Xã Thử Nghiệm",
    validFrom: "2025-07-01",
  });
  unitIds.wardA = wardA.id;
  unitIds.wardB = wardB.id;
  unitIds.mergedAway = mergedAway.id;
  unitIds.commune = commune.id;
  procedureA["1.004873"] = (await makeProcedure(db, wardA, { code: "1.004873" })).id;
  procedureB["1.004873"] = (await makeProcedure(db, wardB, { code: "1.004873" })).id;
  admin = await signIn(t, world.users.admin);
  clerkA = await signIn(t, world.users.clerk);
  viewerA = await signIn(t, world.users.viewer);
  clerkB = await signIn(t, await makeUser(db, { unit: wardB, role: "clerk" }));
  adminA = await signIn(
    t,
    await makeUser(db, { unit: wardA, role: "admin", fullName: "Quản trị Phường Cẩm Thành" }),
  );
  adminB = await signIn(t, await makeUser(db, { unit: wardB, role: "admin" }));
});
afterAll(() => t.close());

describe(`dossier codes on ${testDatabaseKind}`, () => {
  it("refuses another ward's codes in an import, in the preview and in the run, with a row error", async () => {
    const stolen = Array.from({ length: 30 }, (_, i) =>
      row(`${B_AGENCY}-260316-${seq(i + 1)}`, "16"),
    );
    const preview = await clerkA.request("POST", "/api/dossier-imports/preview", {
      body: form(csv(stolen), unitIds.wardA!),
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data.invalidRows).toBe(30);
    expect(preview.body.data.errors[0]).toMatchObject({
      row: 2,
      field: "code",
      message: `Dòng 2, cột “Mã hồ sơ”: mã hồ sơ “${B_AGENCY}-260316-0001” không thuộc dải mã của đơn vị: mã hồ sơ phải có dạng ${A_AGENCY}-YYMMDD-NNNN (mã cơ quan của đơn vị, ngày tiếp nhận, số thứ tự); không nhập mã của cơ quan khác.`,
    });
    expect(preview.body.data.rows[0].ok).toBe(false);

    const run = await importAndWait(clerkA, csv(stolen), unitIds.wardA!);
    expect(run).toMatchObject({ inserted: 0, updated: 0 });
    // Mixed with good rows, the good ones go in and the stolen ones are listed as errors.
    const mixed = [
      ...Array.from({ length: 4 }, (_, i) => row(`${A_AGENCY}-260316-${seq(8001 + i)}`, "16")),
      row(`${B_AGENCY}-260316-0031`, "16"),
      row(`HS-260316-0001`, "16"),
    ];
    const mixedRun = await importAndWait(clerkA, csv(mixed), unitIds.wardA!);
    expect(mixedRun).toMatchObject({ state: "done", inserted: 4, errorCount: 2 });
    const errors = String(
      (await clerkA.get(`/api/dossier-imports/${mixedRun.id}/errors.csv`)).body,
    );
    expect(errors).toContain(`mã hồ sơ “${B_AGENCY}-260316-0031” không thuộc dải mã của đơn vị`);
    expect(errors).toContain("mã hồ sơ “HS-260316-0001” không thuộc dải mã của đơn vị");
    for (let n = 1; n <= 31; n++)
      expect(await dossierByCode(`${B_AGENCY}-260316-${seq(n)}`)).toBeNull();

    // Ward B's desk still issues its own first number of that day.
    const receipt = await receiveB("2026-03-16 09:00");
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(receipt.body.data.code).toBe(`${B_AGENCY}-260316-0001`);
  });

  it("takes the codes of units merged into the importing unit, and refuses an import with no agency code", async () => {
    // Phường Hồng Hải was merged into ward A: its desk's codes are ward A's history now.
    const merged = await admin.request("PUT", `/api/one-stop/desk-settings/${unitIds.mergedAway}`, {
      json: { cutoff: "15:00", agencyCode: "000.05.22.H99" },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const history = await importAndWait(
      clerkA,
      csv([row("000.05.22.H99-260305-0001", "05")]),
      unitIds.wardA!,
    );
    expect(history).toMatchObject({ inserted: 1, errorCount: 0 });

    const cleared = await admin.request("PUT", `/api/one-stop/desk-settings/${unitIds.commune}`, {
      json: { cutoff: "15:00", agencyCode: null },
    });
    expect(cleared.status).toBe(200);
    const file = csv([row("000.03.22.H99-260316-0001", "16")]);
    for (const path of ["/api/dossier-imports/preview", "/api/dossier-imports"]) {
      const refused = await admin.request("POST", path, { body: form(file, unitIds.commune!) });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("DESK_AGENCY_CODE_MISSING");
      expect(refused.body.error.message).toContain("Xã Thử Nghiệm chưa khai báo mã cơ quan");
    }
  });

  it("issues the next free number when earlier imports squat ward B's numbers, also for parallel receipts", async () => {
    // 0001–0060 and 0062 taken by ward A's rows (more than one look-up window), 0061 free.
    await squat("17", [...Array.from({ length: 60 }, (_, i) => i + 1), 62]);
    const first = await receiveB("2026-03-17 09:00");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data.code).toBe(`${B_AGENCY}-260317-0061`);

    const parallel = await Promise.all(
      Array.from({ length: 6 }, (_, i) => receiveB(`2026-03-17 10:0${i}`)),
    );
    expect(parallel.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const codes = parallel.map((r) => r.body.data.code as string).sort();
    expect(codes).toEqual([63, 64, 65, 66, 67, 68].map((n) => `${B_AGENCY}-260317-${seq(n)}`));

    // Parallel receipts on a day with nothing squatted still number 0001, 0002, …
    const fresh = await Promise.all(
      Array.from({ length: 4 }, (_, i) => receiveB(`2026-03-18 10:0${i}`)),
    );
    expect(fresh.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(fresh.map((r) => r.body.data.code as string).sort()).toEqual(
      [1, 2, 3, 4].map((n) => `${B_AGENCY}-260318-${seq(n)}`),
    );
  });

  it("lets only an administrator of the dossier's unit void a wrongly imported dossier, audited", async () => {
    const code = `${B_AGENCY}-260317-0005`;
    const squatter = await dossierByCode(code);
    expect(squatter).toMatchObject({ unitName: "Phường Cẩm Thành", imported: true, voided: null });
    // Ward B cannot bring in its own dossier with that code while the squatting row holds it.
    const blocked = await importAndWait(
      clerkB,
      csv([row(code, "17", "Hồ sơ thật")]),
      unitIds.wardB!,
    );
    expect(blocked).toMatchObject({ inserted: 0, errorCount: 1 });

    const reason = "Nhập nhầm tệp của Phường Cao Xanh";
    const path = `/api/dossiers/${squatter.id}/void`;
    expect((await clerkA.post(path, { reason })).status).toBe(403);
    expect((await viewerA.post(path, { reason })).status).toBe(403);
    // A clerk can never void: refused before the record is looked at, whatever the id (403).
    // Ward B's admin may void, but not this record it cannot see (404).
    expect((await clerkB.post(path, { reason })).status).toBe(403);
    expect((await adminB.post(path, { reason })).status).toBe(404);
    const noReason = await adminA.post(path, { reason: "  " });
    expect(noReason.status).toBe(400);
    expect((await clerkA.get(`/api/dossiers/${squatter.id}`)).body.data.can.void).toBe(false);
    expect((await adminA.get(`/api/dossiers/${squatter.id}`)).body.data.can.void).toBe(true);

    const voided = await adminA.post(path, { reason });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.data).toMatchObject({
      code,
      voided: { byName: "Quản trị Phường Cẩm Thành", reason },
      can: { void: false, write: false },
      allowedActions: [],
    });
    // Kept, out of the register's default view and the public lookup, shown when asked for.
    expect(await dossierByCode(code)).toBeNull();
    expect((await dossierByCode(code, true)).voided.reason).toBe(reason);
    const lookup = await t.client().get(`/api/public/dossiers/${code}?phoneLast4=0000`);
    expect(lookup.status).toBe(404);
    const again = await adminA.post(path, { reason });
    expect(again.body.error.code).toBe("DOSSIER_VOIDED");
    const step = await clerkA.post(`/api/dossiers/${squatter.id}/transitions`, {
      action: "withdraw",
      note: "x",
    });
    expect(step.status).toBe(409);
    expect(step.body.error.code).toBe("DOSSIER_VOIDED");
    const audit = (await admin.get("/api/audit?action=dossier.void")).body.data;
    expect(audit[0]).toMatchObject({
      entityId: squatter.id,
      summary: `Hủy hồ sơ nhập sai ${code}: ${reason}`,
    });

    // The code is free again: ward B's import of its own dossier goes in.
    const own = await importAndWait(clerkB, csv([row(code, "17", "Hồ sơ thật")]), unitIds.wardB!);
    expect(own).toMatchObject({ inserted: 1, errorCount: 0 });
    // The ward's own desk sees the applicant's name; the province's administrator sees it masked.
    expect(await dossierByCode(code, false, clerkB)).toMatchObject({
      unitName: "Phường Cao Xanh",
      applicantName: "Hồ sơ thật",
    });

    // A dossier received at the desk is ended by its own steps, never voided.
    const received = (await receiveB("2026-03-19 09:00")).body.data;
    expect(received.can.void).toBe(false);
    const desk = await adminB.post(`/api/dossiers/${received.id}/void`, { reason });
    expect(desk.status).toBe(409);
    expect(desk.body.error.code).toBe("DOSSIER_VOID_NOT_IMPORTED");
  });

  it("voids every dossier of a wrong import run; they leave the metrics and free their codes", async () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      row(`${A_AGENCY}-260320-${seq(9001 + i)}`, "20"),
    );
    const run = await importAndWait(clerkA, csv(lines), unitIds.wardA!);
    expect(run).toMatchObject({ inserted: 12, voided: null, can: { void: false } });
    const db = t.db.database.db;
    const counted = () =>
      countDossiers(db, [unitIds.wardA!], "2026-03-20", "2026-03-20", "2026-03-31");
    expect((await counted()).received).toBe(12);

    const path = `/api/dossier-imports/${run.id}/void`;
    const reason = "Tệp xuất sai kỳ";
    expect((await clerkA.post(path, { reason })).status).toBe(403);
    expect((await adminB.post(path, { reason })).status).toBe(404);
    expect((await adminA.get(`/api/dossier-imports/${run.id}`)).body.data.can.void).toBe(true);
    const voided = await adminA.post(path, { reason });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.data).toEqual({ voidedCount: 12 });
    expect((await adminA.get(`/api/dossier-imports/${run.id}`)).body.data).toMatchObject({
      voided: { reason, count: 12 },
      can: { void: false },
    });
    expect((await counted()).received).toBe(0);
    expect(await dossierByCode(`${A_AGENCY}-260320-9001`)).toBeNull();
    expect((await adminA.post(path, { reason })).body.error.code).toBe(
      "DOSSIER_IMPORT_ALREADY_VOIDED",
    );
    const audit = (await admin.get("/api/audit?action=dossier.import_void")).body.data;
    expect(audit[0]).toMatchObject({ entityId: run.id });
    expect(audit[0].summary).toContain(`Hủy 12 hồ sơ của lượt nhập`);
    expect(audit[0].summary).toContain(reason);

    // The corrected file goes in afresh.
    const corrected = await importAndWait(clerkA, csv(lines), unitIds.wardA!);
    expect(corrected).toMatchObject({ inserted: 12, errorCount: 0 });
    expect((await counted()).received).toBe(12);
  });

  it("voids a run made before dossiers recorded their run: the rows it wrote while it ran", async () => {
    const db = t.db.database.db;
    const startedAt = new Date(Date.now() - 1000);
    await squat("23", [1, 2, 3, 4, 5]);
    const [legacy] = await db
      .insert(dossierImports)
      .values({
        unitId: unitIds.wardA!,
        source: "Hệ thống Một cửa tỉnh",
        fileName: "truoc-khi-sua.csv",
        fileBytes: 1000,
        state: "done",
        processed: 5,
        inserted: 5,
        startedAt,
        finishedAt: new Date(Date.now() + 1000),
      })
      .returning();
    // A dossier ward A's desk received meanwhile is not part of the run.
    const desk = await clerkA.post("/api/dossiers", {
      procedureId: procedureA["1.004873"],
      applicantName: "Tiếp nhận tại quầy",
      applicantPhone: "0912 000 111",
      channel: "in_person",
      receivedAt: "2026-03-23 09:00",
    });
    expect(desk.status).toBe(201);
    const voided = await adminA.post(`/api/dossier-imports/${legacy!.id}/void`, {
      reason: "Lượt nhập cũ chiếm mã của Phường Cao Xanh",
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.data).toEqual({ voidedCount: 5 });
    expect((await dossierByCode(desk.body.data.code))?.voided).toBeNull();
    const receipt = await receiveB("2026-03-23 09:00");
    expect(receipt.body.data.code).toBe(`${B_AGENCY}-260323-0001`);
  });
});
