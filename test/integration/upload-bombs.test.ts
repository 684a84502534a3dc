/**
 * Uploads: crafted archive bombs are refused fast with FILE_TOO_COMPLEX while the server keeps
 * answering; refused uploads are never read or stored (permission before the body); uploads not
 * imported are swept. The bombs are generated here (test/support/zip-bombs.ts), never stored.
 */
import { existsSync, readdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  undeclaredWriteRoutes,
  WRITE_ROUTES_WITHOUT_ACCESS,
} from "../../src/server/http/route-access.ts";
import { parseInWorker } from "../../src/server/documents/parse-in-worker.ts";
import { LIST_LIMITS } from "../../src/server/documents/spreadsheet.ts";
import { AppError } from "../../src/server/errors.ts";
import { removeStaleUploads } from "../../src/server/services/dossier-import.service.ts";
import {
  startTestApp,
  type ApiClient,
  type ApiResponse,
  type TestApp,
} from "../support/test-app.ts";
import { makeWardWorld, signIn } from "../support/desk-fixtures.ts";
import { makeUnit } from "../support/factories.ts";
import { docxBomb, manyPartsXlsx, xlsxBomb } from "../support/zip-bombs.ts";

let t: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let clerk: ApiClient;
let focal: ApiClient;
let unitId: string;
let otherUnitId: string;
let planId: string;
let taskId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const world = await makeWardWorld(db);
  const otherWard = await makeUnit(db, { parent: world.province });
  admin = await signIn(t, world.users.admin);
  viewer = await signIn(t, world.users.viewer);
  clerk = await signIn(t, world.users.clerk);
  focal = await signIn(t, world.users.focal);
  unitId = world.ward.id;
  otherUnitId = otherWard.id;
  const created = await focal.post("/api/plans", {
    unitId,
    title: "Kế hoạch cải cách hành chính năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [{ areaKey: "direction", ref: "1", text: "Ban hành kế hoạch", timeline: "Quý I/2026" }],
  });
  expect(created.status).toBe(201);
  planId = created.body.data.id;
  taskId = (await focal.get(`/api/plans/${planId}`)).body.data.tasks[0].id;
}, 120_000);
afterAll(() => t.close());

function upload(
  client: ApiClient,
  path: string,
  file: Buffer,
  name: string,
  fields: Record<string, string> = {},
): Promise<ApiResponse> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append("file", new Blob([new Uint8Array(file)]), name);
  return client.request("POST", path, { body });
}

/** Runs the request while polling /api/health: every poll must be answered (generous bound). */
async function whileServing(request: Promise<ApiResponse>): Promise<ApiResponse> {
  let done = false;
  const polls: number[] = [];
  const poller = (async () => {
    while (!done) {
      const response = await fetch(`${t.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      polls.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    return await request;
  } finally {
    done = true;
    await poller;
    expect(polls.every((status) => status === 200)).toBe(true);
  }
}

const DOSSIER_HEADERS = ["Mã hồ sơ", "Mã thủ tục", "Người nộp", "Ngày tiếp nhận", "Hạn xử lý"];
const uploadsDir = () => join(t.dataDir, "dossier-imports", "uploads");
const storedUploads = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);

function expectTooComplex(response: ApiResponse) {
  expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(422);
  expect(response.body.error.code).toBe("FILE_TOO_COMPLEX");
  expect(response.body.error.message).toMatch(/quá lớn hoặc quá phức tạp/);
}

describe("archive bombs are refused with FILE_TOO_COMPLEX, the server still answering", () => {
  it("unit import: a sheet of endless rows, a cell whose size is a lie, thousands of parts", async () => {
    expectTooComplex(
      await whileServing(upload(admin, "/api/units/import", xlsxBomb("rows", 64), "dv.xlsx")),
    );
    expectTooComplex(
      await whileServing(upload(admin, "/api/units/import", xlsxBomb("cell", 40, true), "dv.xlsx")),
    );
    expectTooComplex(
      await whileServing(upload(admin, "/api/units/import", manyPartsXlsx(5_000), "dv.xlsx")),
    );
  }, 120_000);

  it("procedure import: a huge shared-strings table", async () => {
    const response = await whileServing(
      upload(
        clerk,
        `/api/procedures/import?unitId=${unitId}`,
        xlsxBomb("sharedStrings", 64),
        "tt.xlsx",
      ),
    );
    expectTooComplex(response);
  }, 120_000);

  it("task sheet preview and import", async () => {
    for (const route of ["import-preview", "import"]) {
      const response = await whileServing(
        upload(focal, `/api/plans/${planId}/tasks/${route}`, xlsxBomb("rows", 64), "nv.xlsx"),
      );
      expectTooComplex(response);
    }
  }, 120_000);

  it("plan import: a Word file whose document.xml inflates far beyond its declared size", async () => {
    const response = await whileServing(
      upload(focal, `/api/plan-imports?unitId=${unitId}`, docxBomb(48, true), "kh.docx"),
    );
    expectTooComplex(response);
  }, 120_000);

  it("dossier import preview: shared strings and a giant cell; the refused upload is removed", async () => {
    for (const bomb of [xlsxBomb("sharedStrings", 160), xlsxBomb("cell", 100, true)]) {
      const response = await whileServing(
        upload(clerk, "/api/dossier-imports/preview", bomb, "hs.xlsx", { unitId }),
      );
      expectTooComplex(response);
    }
    expect(storedUploads()).toEqual([]);
    const started = await whileServing(
      upload(clerk, "/api/dossier-imports", xlsxBomb("sharedStrings", 160), "hs.xlsx", { unitId }),
    );
    expectTooComplex(started);
    expect(storedUploads()).toEqual([]);
  }, 180_000);

  it("dossier import: a giant cell below the header fails the run with a clear message", async () => {
    const started = await whileServing(
      upload(
        clerk,
        "/api/dossier-imports",
        xlsxBomb("cell", 100, true, DOSSIER_HEADERS),
        "hs.xlsx",
        {
          unitId,
        },
      ),
    );
    expect(started.status, JSON.stringify(started.body).slice(0, 300)).toBe(202);
    let run = started.body.data;
    for (let i = 0; i < 600 && run.state === "running"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = (await clerk.get(`/api/dossier-imports/${run.id}`)).body.data;
    }
    expect(run.state).toBe("failed");
    expect(run.message).toMatch(/quá lớn hoặc quá phức tạp/);
  }, 180_000);
});

describe("permission before the body", () => {
  it("every write route declares the action it needs, but the few open on purpose", () => {
    expect([...undeclaredWriteRoutes].sort()).toEqual([...WRITE_ROUTES_WITHOUT_ACCESS].sort());
  });

  const csv = Buffer.from("code,name,level,parent_code\n,,nowhere,\n".repeat(2_000));

  it("a viewer's upload to each import route is refused with 403 and nothing is stored", async () => {
    const routes: [string, Record<string, string>?][] = [
      ["/api/units/import"],
      [`/api/procedures/import?unitId=${unitId}`],
      [`/api/plans/${planId}/tasks/import-preview`],
      [`/api/plans/${planId}/tasks/import`],
      [`/api/plan-imports?unitId=${unitId}`],
      [`/api/tasks/${taskId}/evidence`],
      ["/api/dossier-imports/preview", { unitId }],
      ["/api/dossier-imports", { unitId }],
    ];
    for (const [route, fields] of routes) {
      const response = await upload(viewer, route, csv, "tep.csv", fields);
      expect([route, response.status, response.body.error.code]).toEqual([route, 403, "FORBIDDEN"]);
      expect(JSON.stringify(response.body).length).toBeLessThan(1_000);
    }
    expect(storedUploads()).toEqual([]);
  });

  it("a viewer's invalid body to a write route gets 403, not validation errors", async () => {
    for (const [path, body] of [
      ["/api/units", {}],
      ["/api/procedures", { unitId: "not-a-uuid" }],
      ["/api/plans", { title: 1 }],
      ["/api/dossiers", {}],
    ] as const) {
      const response = await viewer.post(path, body);
      expect([path, response.status, response.body.error.code]).toEqual([path, 403, "FORBIDDEN"]);
    }
  });

  it("a clerk's dossier upload for another unit is refused before it is stored", async () => {
    const response = await upload(clerk, "/api/dossier-imports/preview", csv, "hs.csv", {
      unitId: otherUnitId,
    });
    expect([403, 404]).toContain(response.status);
    expect(storedUploads()).toEqual([]);
  });

  it("a dossier upload whose unit comes after the file is refused before it is stored", async () => {
    const body = new FormData();
    body.append("file", new Blob([new Uint8Array(csv)]), "hs.csv");
    body.append("unitId", unitId);
    const response = await clerk.request("POST", "/api/dossier-imports/preview", { body });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe("unitId");
    expect(storedUploads()).toEqual([]);
  });
});

describe("parsing off the request thread", () => {
  it("a parse that runs out of time is stopped with FILE_PARSE_TIMEOUT; the next one works", async () => {
    const rows = "code,name,level,parent_code\n" + "X1,Phường,commune,\n".repeat(19_000);
    const late = await parseInWorker(
      "spreadsheet",
      { bytes: Buffer.from(rows), limits: LIST_LIMITS },
      { timeoutMs: 1 },
    ).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(AppError);
    expect((late as AppError).code).toBe("FILE_PARSE_TIMEOUT");
    const sheet = await parseInWorker("spreadsheet", {
      bytes: Buffer.from("code,name\nA,B\n"),
      limits: LIST_LIMITS,
    });
    expect(sheet).toEqual({ headers: ["code", "name"], rows: [["A", "B"]] });
  }, 120_000);
});

describe("stored uploads", () => {
  it("uploads not imported are removed after the set time", async () => {
    const file = Buffer.from("Mã hồ sơ,Ngày tiếp nhận\nHS-1,01/07/2025\n");
    const old = await upload(clerk, "/api/dossier-imports/preview", file, "hs.csv", { unitId });
    const fresh = await upload(clerk, "/api/dossier-imports/preview", file, "hs.csv", { unitId });
    expect(old.status, JSON.stringify(old.body).slice(0, 300)).toBe(200);
    const oldId = old.body.data.uploadId as string;
    const freshId = fresh.body.data.uploadId as string;
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const name of [oldId, `${oldId}.json`])
      utimesSync(join(uploadsDir(), name), twoHoursAgo, twoHoursAgo);
    expect(await removeStaleUploads(t.dataDir, 3_600_000)).toBe(1);
    expect(storedUploads().sort()).toEqual([freshId, `${freshId}.json`].sort());
    const again = await clerk.post("/api/dossier-imports/preview", { uploadId: oldId, unitId });
    expect(again.body.error.code).toBe("DOSSIER_IMPORT_UPLOAD_NOT_FOUND");
  });
});
