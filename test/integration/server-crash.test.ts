/**
 * kill -9 of the server in the middle of writes: after a restart on the same data folder each
 * piece of work is complete or absent, never half.
 * - a bulk dossier import (batches sized to 50 ms on the embedded database, each its own
 *   transaction) killed after its first batch: the restarted server's job runner takes the import
 *   over and finishes it; every row is there exactly once, and counted once (batches sized by time
 *   split the file differently on each attempt: the resumed one must start exactly after the rows
 *   committed, or the rows of a batch straddling them were written and counted twice);
 * - issuing an amended plan (the amendment issued, the version it amends superseded, an audit
 *   event — one transaction) killed while the request runs: either all three or none.
 * The server runs as a child process on the embedded database (the crash is the point).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/runtime.ts";
import { startServerProcess, type ServerProcess } from "../support/cli-process.ts";
import {
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "../support/factories.ts";
import { ApiClient } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/**
 * The test's folder, made in the PGlite pass only (in the PostgreSQL pass every test is skipped,
 * and so is afterAll): the data folder, and the server's temporary folder, where a server killed
 * during an import leaves its parse folder (worker-temp-dir.ts).
 */
let testDir = "";
let dataDir = "";
let server: ServerProcess;
let adminUser: MadeUser;
let province: MadeUnit;
let ward: MadeUnit;

/**
 * The data folder the server starts on, made with the factories before the server runs: a
 * province and its administrator, a ward with its one-stop desk and the procedure the import names.
 */
async function prepareDataFolder() {
  const opened = await openDatabase({ dataDir, databaseUrl: null });
  try {
    const db = opened.database.db;
    province = await makeUnit(db, { level: "province" });
    ward = await makeUnit(db, { parent: province });
    await makeDesk(db, ward, { agencyCode: "000.01.22.H99" });
    await makeProcedure(db, ward, { code: "1.004873" });
    adminUser = await makeUser(db, { unit: province, role: "admin" });
  } finally {
    await opened.close();
  }
}

async function signedInAdmin(): Promise<ApiClient> {
  const admin = new ApiClient(server.url);
  await admin.signIn(adminUser.username, adminUser.password);
  return admin;
}

async function start(): Promise<ApiClient> {
  server = await startServerProcess({
    CCHC_DATA_DIR: dataDir,
    DATABASE_URL: "",
    CCHC_DEMO: "false",
    TMPDIR: join(testDir, "tmp"),
  });
  return signedInAdmin();
}

/** An issued plan of the province, with one task, for the amendment to amend. */
async function issuePlan(admin: ApiClient) {
  const created = await admin.post("/api/plans", {
    unitId: province.id,
    title: "Kế hoạch CCHC năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [{ areaKey: "direction", text: "Rà soát thủ tục hành chính" }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const issued = await admin.post(`/api/plans/${created.body.data.id}/issue`, {
    planNumber: "1/KH-UBND",
    issuedDate: "2026-01-08",
    confirmTasksWithoutLead: true,
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
}

/** SIGKILL: no shutdown hook, no flush, the lock file left behind. */
async function crash() {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  if (testDatabaseKind !== "pglite") return;
  testDir = mkdtempSync(join(tmpdir(), "cchc-crash-"));
  dataDir = join(testDir, "data");
  mkdirSync(join(testDir, "tmp"));
  await prepareDataFolder();
  await issuePlan(await start());
}, 180_000);
afterAll(async () => {
  await server?.stop();
  if (testDir) rmSync(testDir, { recursive: true, force: true });
});

const HEADER =
  "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Kênh nộp;Ngày tiếp nhận;Hạn xử lý;Trạng thái";
const ROWS = 25_000;
function exportFile(): Buffer {
  const lines = [HEADER];
  for (let n = 0; n < ROWS; n += 1) {
    const day = String((n % 25) + 1).padStart(2, "0");
    // Numbers 8001–9000: every row is a new dossier.
    const seq = String(8001 + Math.floor(n / 25));
    lines.push(
      `000.01.22.H99-2603${day}-${seq};1.004873;Người nộp ${n};0911 222 333;Trực tiếp;${day}/03/2026 08:30;31/03/2026;Đang giải quyết`,
    );
  }
  return Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
}

/**
 * The dossiers received in March 2026 (every imported row is), counted a day at a time: the
 * register's total is exact only up to 10 000, so each day's count must stay under that cap.
 */
async function dossierTotal(client: ApiClient): Promise<number> {
  let total = 0;
  for (let day = 1; day <= 31; day += 1) {
    const date = `2026-03-${String(day).padStart(2, "0")}`;
    const page = (await client.get(`/api/dossiers?limit=1&from=${date}&to=${date}`)).body;
    expect(page.totalCapped).toBe(false);
    total += page.total as number;
  }
  return total;
}

// The child server always runs on the embedded database: the PostgreSQL tier would only repeat it.
describe.skipIf(testDatabaseKind === "postgresql")("kill -9 of the server", () => {
  it("during a bulk dossier import: the restarted server finishes it, every row once", async () => {
    let admin = await signedInAdmin();
    const unit = (await admin.get("/api/units")).body.data.find(
      (candidate: { code: string }) => candidate.code === ward.code,
    );
    const before = await dossierTotal(admin);
    const body = new FormData();
    body.append("unitId", unit.id);
    body.append("file", new Blob([new Uint8Array(exportFile())]), "mot-cua.csv");
    const started = await admin.request("POST", "/api/dossier-imports", { body });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.data.id as string;

    // Kill once the first batch is committed and the rest is still to come.
    let run = started.body.data;
    for (let i = 0; i < 6000 && run.state === "running" && run.processed === 0; i += 1) {
      await sleep(10);
      run = (await admin.get(`/api/dossier-imports/${id}`)).body.data;
    }
    expect(run.state, "the import ended before it could be interrupted").toBe("running");
    await crash();

    admin = await start();
    const afterCrash = (await admin.get(`/api/dossier-imports/${id}`)).body.data;
    expect(afterCrash.processed).toBeLessThan(ROWS);
    for (let i = 0; i < 3000 && run.state === "running"; i += 1) {
      await sleep(100);
      run = (await admin.get(`/api/dossier-imports/${id}`)).body.data;
    }
    expect(run).toMatchObject({ state: "done", errorCount: 0 });
    expect(run.inserted + run.updated + run.unchanged).toBe(ROWS);
    expect(await dossierTotal(admin)).toBe(before + ROWS);
  }, 600_000);

  it("during a plan issue: the amendment is issued with its audit event, or nothing is", async () => {
    for (const delayMs of [0, 5, 25]) {
      const admin = await signedInAdmin();
      const issued = (await admin.get("/api/plans")).body.data.find(
        (plan: { status: string }) => plan.status === "issued",
      );
      expect(issued, "an issued plan to amend").toBeDefined();
      const amended = await admin.post(`/api/plans/${issued.id}/amend`);
      expect(amended.status, JSON.stringify(amended.body)).toBeLessThan(300);
      const amendmentId = amended.body.data.id as string;
      const auditBefore = (await admin.get("/api/audit?action=plan.issue&limit=500")).body.data
        .length as number;

      const request = admin
        .post(`/api/plans/${amendmentId}/issue`, { confirmTasksWithoutLead: true })
        .catch(() => null);
      await sleep(delayMs);
      await crash();
      await request;

      const after = await start();
      const amendment = (await after.get(`/api/plans/${amendmentId}`)).body.data;
      const original = (await after.get(`/api/plans/${issued.id}`)).body.data;
      const auditAfter = (await after.get("/api/audit?action=plan.issue&limit=500")).body.data
        .length as number;
      if (amendment.status === "issued") {
        expect(original.status).toBe("superseded");
        expect(auditAfter).toBe(auditBefore + 1);
      } else {
        expect(amendment.status).toBe("draft");
        expect(original.status).toBe("issued");
        expect(auditAfter).toBe(auditBefore);
      }
      expect((await after.get("/api/audit/verify")).body.data.ok).toBe(true);
    }
  }, 600_000);
});
