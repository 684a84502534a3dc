import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRunner } from "../../src/server/jobs/job-runner.ts";
import { claimNextJob } from "../../src/server/jobs/job.repository.ts";
import { dossierImportJob } from "../../src/server/services/dossier-import.job.ts";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/server/db/database.ts";
import { PGLITE_IMPORT_BATCH } from "../../src/server/db/statement-budget.ts";
import { dossierGinIndexes } from "../../src/server/db/repositories/dossier-import.repository.ts";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let admin: ApiClient;
let clerk: ApiClient;
const unitIds: Record<string, string> = {};
let world: WardWorld;

const HEADER =
  "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Kênh nộp;Ngày tiếp nhận;Hạn xử lý;Ngày có kết quả;Ngày trả kết quả;Trạng thái;Số hóa";

function line(n: number, overrides: Partial<Record<number, string>> = {}) {
  const day = String((n % 20) + 1).padStart(2, "0");
  const cells = [
    `000.01.22.H99-2603${day}-${String(5000 + n).padStart(4, "0")}`,
    "1.004873",
    `Người nộp ${n}`,
    "0911 222 333",
    n % 3 === 0 ? "Trực tuyến" : "Trực tiếp",
    `${day}/03/2026 08:30`,
    `${String(Number(day) + 5).padStart(2, "0")}/03/2026`,
    n % 2 === 0 ? `${String(Number(day) + 2).padStart(2, "0")}/03/2026 10:00` : "",
    "",
    n % 2 === 0 ? "Đã có kết quả" : "Đang giải quyết",
    n % 4 === 0 ? "x" : "",
  ];
  for (const [index, value] of Object.entries(overrides)) cells[Number(index)] = value!;
  return cells.join(";");
}

const code = (n: number) =>
  `000.01.22.H99-2603${String((n % 20) + 1).padStart(2, "0")}-${String(5000 + n).padStart(4, "0")}`;

function csv(lines: string[]) {
  return Buffer.from([HEADER, ...lines].join("\r\n") + "\r\n", "utf8");
}

function form(file: Buffer, fields: Record<string, string>, name = "mot-cua.csv") {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append("file", new Blob([new Uint8Array(file)]), name);
  return body;
}

async function startImport(
  client: ApiClient,
  file: Buffer,
  fields: Record<string, string> = {},
  name?: string,
) {
  return client.request("POST", "/api/dossier-imports", {
    body: form(file, { unitId: unitIds.ward!, ...fields }, name),
  });
}

async function finished(client: ApiClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const run = (await client.get(`/api/dossier-imports/${id}`)).body.data;
    if (run.state !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("import did not finish");
}

async function importAndWait(
  client: ApiClient,
  file: Buffer,
  fields: Record<string, string> = {},
  name?: string,
) {
  const started = await startImport(client, file, fields, name);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return finished(client, started.body.data.id);
}

async function countDossiers() {
  return (await admin.get("/api/dossiers?limit=1")).body.total as number;
}

/** Read by the ward's own desk, which sees the applicants' data unmasked. */
async function dossierByCode(code: string) {
  const list = (await clerk.get(`/api/dossiers?q=${encodeURIComponent(code)}`)).body.data;
  return list.find((d: any) => d.code === code);
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { agencyCode: "000.01.22.H99" });
  await makeProcedure(db, world.ward, { code: "1.004873", processingDays: 3 });
  const otherWard = await makeUnit(db, { parent: world.province, validFrom: "2025-07-01" });
  await makeDesk(db, otherWard, { agencyCode: "000.02.22.H99" });
  await makeProcedure(db, otherWard, { code: "1.004873", processingDays: 3 });
  unitIds.ward = world.ward.id;
  unitIds.otherWard = otherWard.id;
  admin = await signIn(t, world.users.admin);
  clerk = await signIn(t, world.users.clerk);
});
afterAll(() => t.close());

describe(`dossier import on ${testDatabaseKind}`, () => {
  it("previews: recognises the Vietnamese headers, parses the first rows, lists row errors", async () => {
    const file = csv([line(1), line(2), line(3, { 5: "31/02/2026" }), line(4, { 0: "" })]);
    const response = await clerk.request("POST", "/api/dossier-imports/preview", {
      body: form(file, { unitId: unitIds.ward! }),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const preview = response.body.data;
    expect(preview.kind).toBe("csv");
    expect(preview.problems).toEqual([]);
    expect(preview.mapping).toMatchObject({
      code: "Mã hồ sơ",
      procedureCode: "Mã TTHC",
      receivedAt: "Ngày tiếp nhận",
      dueDate: "Hạn xử lý",
      state: "Trạng thái",
    });
    expect(preview.rows).toHaveLength(4);
    expect(preview.rows[0].dossier).toMatchObject({
      state: "in_progress",
      receivedAt: "2026-03-02T08:30:00+07:00",
    });
    expect(preview.rows[1].dossier).toMatchObject({ state: "resolved", channel: "in_person" });
    expect(preview.errors.map((e: any) => e.message)).toEqual([
      "Dòng 4, cột “Ngày tiếp nhận”: “31/02/2026” không phải ngày hợp lệ (dd/mm/yyyy, dd/mm/yyyy HH:mm hoặc yyyy-mm-dd).",
      "Dòng 5, cột “Mã hồ sơ”: thiếu mã hồ sơ.",
    ]);
    expect(preview.invalidRows).toBe(2);
    // The same upload previewed again with another choice of columns, without re-sending the file.
    const again = await clerk.post("/api/dossier-imports/preview", {
      uploadId: preview.uploadId,
      unitId: unitIds.ward,
      mapping: { digitised: "" },
    });
    expect(again.status).toBe(200);
    expect(again.body.data.mapping.digitised).toBeUndefined();
  });

  it("writes cell values that a spreadsheet would run as formulas as plain text in errors.csv", async () => {
    const rows = [line(61, { 6: "=1+2" }), line(62, { 6: "@SUM(A1)" }), line(63, { 5: "-3+3" })];
    const run = await importAndWait(clerk, csv(rows));
    expect(run.errorCount).toBe(3);
    const text = String((await clerk.get(`/api/dossier-imports/${run.id}/errors.csv`)).body);
    expect(text).toContain(`"'=1+2"`);
    expect(text).toContain(`"'@SUM(A1)"`);
    expect(text).toContain(`"'-3+3"`);
    expect(text).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it("imports, is idempotent by code, updates a changed row, and offers the errors as CSV", async () => {
    const before = await countDossiers();
    const rows = Array.from({ length: 30 }, (_, i) => line(i + 1));
    rows.push(line(40, { 6: "01/01/2026" })); // due before receipt
    rows.push(line(1, { 2: "Người nộp trùng" })); // duplicate code in the file
    const first = await importAndWait(clerk, csv(rows));
    expect(first).toMatchObject({
      state: "done",
      processed: 32,
      total: 32,
      inserted: 30,
      updated: 0,
      unchanged: 0,
      errorCount: 2,
      progress: 1,
    });
    expect(await countDossiers()).toBe(before + 30);
    const imported = await dossierByCode("000.01.22.H99-260302-5001");
    expect(imported).toMatchObject({
      applicantName: "Người nộp 1",
      state: "in_progress",
      dueDate: "2026-03-07",
      ruleSet: "2025",
    });

    const errors = await clerk.get(`/api/dossier-imports/${first.id}/errors.csv`);
    expect(errors.status).toBe(200);
    expect(errors.headers.get("content-type")).toContain("text/csv");
    const text = String(errors.body);
    expect(text).toContain("Dòng,Cột,Giá trị,Lỗi");
    expect(text).toContain("hạn xử lý 01/01/2026 trước ngày tiếp nhận");
    expect(text).toContain("bị lặp (đã có ở dòng 2)");

    const again = await importAndWait(clerk, csv(rows));
    expect(again).toMatchObject({
      state: "done",
      inserted: 0,
      updated: 0,
      unchanged: 30,
      errorCount: 2,
    });
    expect(await countDossiers()).toBe(before + 30);
    expect((await dossierByCode("000.01.22.H99-260302-5001")).applicantName).toBe("Người nộp 1");

    rows[0] = line(1, {
      2: "Nguyễn Văn Sửa",
      8: "05/03/2026 09:00",
      9: "Đã trả kết quả",
      7: "04/03/2026",
    });
    const changed = await importAndWait(clerk, csv(rows));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 29 });
    expect(await dossierByCode("000.01.22.H99-260302-5001")).toMatchObject({
      applicantName: "Nguyễn Văn Sửa",
      state: "returned",
    });
    const runs = (await clerk.get(`/api/dossier-imports?unitId=${unitIds.ward}`)).body.data;
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const audit = (await admin.get("/api/audit?limit=200")).body.data ?? [];
    if (Array.isArray(audit) && audit.length > 0)
      expect(audit.some((e: any) => e.action === "dossier.import")).toBe(true);
  });

  it("keeps backslashes, tabs and line breaks exactly, and mixes known and new codes in a batch", async () => {
    const odd = ["Lê \\N Văn\\", "Trần\tThị Tab", '"Phạm\nXuống dòng"'];
    const known = odd.map((name, i) => line(300 + i, { 2: name }));
    const first = await importAndWait(clerk, csv(known));
    expect(first).toMatchObject({ state: "done", inserted: 3, errorCount: 0 });
    const stored = await Promise.all([300, 301, 302].map((n) => dossierByCode(code(n))));
    expect(stored.map((d) => d.applicantName)).toEqual([
      "Lê \\N Văn\\",
      "Trần\tThị Tab",
      "Phạm\nXuống dòng",
    ]);
    const mixed = await importAndWait(clerk, csv([...known, line(303), line(304)]));
    expect(mixed).toMatchObject({ state: "done", inserted: 2, updated: 0, unchanged: 3 });
    expect((await dossierByCode(code(304))).applicantName).toBe("Người nộp 304");
  });

  it("imports an Excel export with real dates, and saves the mapping of a source", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hồ sơ");
    sheet.addRow(["Số biên nhận", "Thủ tục", "Chủ hồ sơ", "Nhận lúc", "Hẹn trả", "Tình trạng"]);
    sheet.addRow([
      "000.01.22.H99-260310-7001",
      "1.004873",
      "Trần Văn Excel",
      new Date(Date.UTC(2026, 2, 10, 9, 15)),
      new Date(Date.UTC(2026, 2, 13)),
      "Đã tiếp nhận",
    ]);
    sheet.addRow([
      "000.01.22.H99-260310-7002",
      "1.004873",
      "Lê Thị Excel",
      "10/03/2026 14:00",
      "13/03/2026",
      "Rút hồ sơ",
    ]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const source = "Phần mềm Một cửa cũ";
    const missing = await startImport(clerk, file, { source }, "ho-so.xlsx");
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("DOSSIER_IMPORT_COLUMNS_INVALID");
    expect(missing.body.error.details.map((d: any) => d.path)).toEqual([
      "procedureCode",
      "receivedAt",
    ]);
    const mapping = JSON.stringify({ procedureCode: "Thủ tục", receivedAt: "Nhận lúc" });
    const run = await importAndWait(clerk, file, { source, mapping }, "ho-so.xlsx");
    // The run's message says why when it failed (once in a fresh clone, 05/12/2026, not since).
    expect(run, run.message).toMatchObject({ state: "done", inserted: 2, errorCount: 0, total: 2 });
    const excel = await dossierByCode("000.01.22.H99-260310-7001");
    expect(excel.receivedAt).toBe("2026-03-10T02:15:00.000Z");
    expect((await dossierByCode("000.01.22.H99-260310-7002")).state).toBe("withdrawn");
    // The saved mapping is used next time without being sent.
    const preview = await clerk.request("POST", "/api/dossier-imports/preview", {
      body: form(file, { unitId: unitIds.ward!, source }, "ho-so.xlsx"),
    });
    expect(preview.body.data).toMatchObject({ savedMapping: true, problems: [] });
    const saved = (await clerk.get(`/api/dossier-imports/mappings?unitId=${unitIds.ward}`)).body
      .data;
    expect(saved.find((m: any) => m.source === source).mapping.receivedAt).toBe("Nhận lúc");
  });

  it("refuses bad files with a clear error and writes nothing", async () => {
    const before = await countDossiers();
    const wrong = await startImport(clerk, Buffer.from("Họ tên,Địa chỉ\nA,B\n", "utf8"));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("DOSSIER_IMPORT_COLUMNS_INVALID");
    expect(wrong.body.error.details[0].message).toContain("Thiếu cột “Mã hồ sơ”");

    const binary = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < binary.length; i += 4) binary.writeUInt32LE((i * 2654435761) >>> 0, i);
    const garbage = await startImport(clerk, binary, {}, "rac.csv");
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe("FILE_UNSUPPORTED");

    const longText = Buffer.from(`${HEADER}\n${"x".repeat(200_000)}\n`, "utf8");
    const noRows = await startImport(clerk, longText);
    expect(noRows.status).toBe(400);
    expect(noRows.body.error).toMatchObject({ code: "DOSSIER_IMPORT_UNREADABLE" });
    expect(noRows.body.error.message).toContain("dòng 2 quá dài");

    // A broken line deep in the file stops the run with its reason (read while importing).
    const lateGarbage = Array.from({ length: 40 }, (_, i) => line(400 + i));
    lateGarbage[30] = "x".repeat(200_000);
    const late = await importAndWait(clerk, csv(lateGarbage));
    expect(late).toMatchObject({ state: "failed" });
    expect(late.message).toContain("dòng 32 quá dài");

    // Fifty rows: the first batch on either database (PGlite's first is 50 rows).
    const bad = Array.from({ length: PGLITE_IMPORT_BATCH.first }, (_, i) =>
      line(100 + i, { 5: i % 5 === 0 ? "02/03/2026" : "hôm qua" }),
    );
    const mostlyBad = await importAndWait(clerk, csv(bad));
    expect(mostlyBad).toMatchObject({ state: "failed", inserted: 0 });
    expect(mostlyBad.message).toContain("40 trong 50 dòng đầu có lỗi");
    expect(await countDossiers()).toBe(before);

    const notXlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1000, 7)]);
    const broken = await startImport(clerk, notXlsx, {}, "hong.xlsx");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("DOSSIER_IMPORT_UNREADABLE");
    expect(await countDossiers()).toBe(before);
  });

  it("lets only the unit's clerk or an admin import, and never overwrites another unit's dossier", async () => {
    const viewer = await signIn(t, world.users.viewer);
    const denied = await startImport(viewer, csv([line(200)]));
    expect(denied.status).toBe(403);
    const otherUnit = await clerk.request("POST", "/api/dossier-imports", {
      body: form(csv([line(201)]), { unitId: unitIds.otherWard! }),
    });
    expect([403, 404]).toContain(otherUnit.status);
    const existing = "000.01.22.H99-260302-5001";
    const stolen = line(1, { 2: "Không được ghi đè" });
    const started = await admin.request("POST", "/api/dossier-imports", {
      body: form(csv([stolen, line(202, { 0: "000.02.22.H99-260303-0001", 1: "1.004873" })]), {
        unitId: unitIds.otherWard!,
      }),
    });
    expect(started.status).toBe(202);
    const run = await finished(admin, started.body.data.id);
    expect(run.errorCount).toBe(1);
    expect((await dossierByCode(existing)).applicantName).toBe("Nguyễn Văn Sửa");
    const csvErrors = String((await admin.get(`/api/dossier-imports/${run.id}/errors.csv`)).body);
    // Another ward's code is outside this unit's code space (dossier-codes.test.ts goes further).
    expect(csvErrors).toContain("không thuộc dải mã của đơn vị");
  });

  it("runs as a job: a run its crashed server left is taken over at restart; its job is shown", async () => {
    const db = t.db.database.db;
    await t.app.jobs.stop(); // the server stops running jobs (it is about to crash)
    try {
      const started = await startImport(clerk, csv([line(701), line(702), line(703)]));
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const id = started.body.data.id;
      expect(started.body.data).toMatchObject({
        state: "running",
        job: { state: "queued", attempt: 0, maxAttempts: 3, nextAttemptAt: null },
      });
      // The process claimed the job, then died without a word.
      const claimed = await claimNextJob(db, ["dossier-import"], "crashed-process", 3_600_000);
      expect(claimed?.subject).toBe(`dossier-import:${id}`);
      const listed = (await admin.get("/api/jobs?kind=dossier-import&state=running")).body.data;
      expect(listed).toEqual([
        expect.objectContaining({
          id: claimed!.id,
          kindLabel: "Nhập hồ sơ từ hệ thống Một cửa tỉnh",
          stateLabel: "Đang chạy",
          attempts: 1,
        }),
      ]);
      expect((await clerk.get("/api/jobs")).status).toBe(403);
      // The restarted server (the only process on its data) takes the run over and finishes it.
      const restarted = new JobRunner(db, { ownsAllJobs: true, pollMs: 20 });
      restarted.register("dossier-import", dossierImportJob(db, t.dataDir));
      await restarted.start();
      try {
        await finished(clerk, id);
        await restarted.idle(); // the job ends just after its run
        const run = (await clerk.get(`/api/dossier-imports/${id}`)).body.data;
        expect(run).toMatchObject({
          state: "done",
          inserted: 3,
          errorCount: 0,
          job: { state: "done", attempt: 2, lastError: null },
        });
      } finally {
        await restarted.stop();
      }
      expect(await dossierByCode(code(702))).toBeTruthy();
    } finally {
      await t.app.jobs.start();
    }
  });

  // PGlite holds one connection for a batch's whole transaction: its batches are sized to a time
  // budget (statement-budget.ts), the first one before any was measured; PostgreSQL's stay fixed.
  it.skipIf(testDatabaseKind !== "pglite")(
    "cuts its batches on PGlite to the budget's first size, then never over its maximum",
    async () => {
      const rows = Array.from({ length: 700 }, (_, i) => line(3000 + i));
      const run = await importAndWait(admin, csv(rows));
      expect(run.state).toBe("done");
      expect(run.inserted).toBe(700);
      const batches = await queryRows<{ summary: string }>(
        t.db.database.db,
        sql`select summary from audit_events where action = 'dossier.import' and entity_id = ${run.id}
            order by id`,
      );
      const sizes = batches.map((b) => Number(/: (\d+) mới/.exec(b.summary)![1]));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(700);
      expect(sizes[0]).toBe(PGLITE_IMPORT_BATCH.first);
      expect(sizes.length).toBeGreaterThan(1);
      for (const size of sizes) expect(size).toBeLessThanOrEqual(PGLITE_IMPORT_BATCH.max);
    },
  );

  // Each batch's entries leave the GIN indexes' pending lists in turns of their own
  // (flushPendingLists), so no batch's COPY overflows a list and moves it whole in its turn.
  it.skipIf(testDatabaseKind !== "pglite")(
    "leaves nothing in the dossiers' GIN pending lists on PGlite once its batches are written",
    async () => {
      const db = t.db.database.db;
      const indexes = await dossierGinIndexes(db);
      expect(indexes).toEqual(["dossiers_applicant_weekly_suffix_idx", "dossiers_code_trgm_idx"]);
      /** Pages each list held, emptied by the asking. */
      const pendingPages = async () => {
        const pages: number[] = [];
        for (const index of indexes) {
          const [row] = await queryRows<{ pages: number }>(
            db,
            sql`select gin_clean_pending_list(${index}::regclass)::int as pages`,
          );
          pages.push(row!.pages);
        }
        return pages;
      };
      await pendingPages();
      const run = await importAndWait(
        admin,
        csv(Array.from({ length: 120 }, (_, i) => line(4000 + i))),
      );
      expect(run.inserted).toBe(120);
      expect(await pendingPages()).toEqual([0, 0]);
      // Written otherwise, a dossier's new entries do wait in both lists.
      await db.execute(
        sql`update dossiers set applicant_name = applicant_name || ' Thủy' where code = ${code(4000)}`,
      );
      for (const pages of await pendingPages()) expect(pages).toBeGreaterThan(0);
    },
  );
});
