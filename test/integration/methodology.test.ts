/**
 * Methodology drafts over real HTTP: the criteria table of a real sample's self-scoring appendix,
 * read by the plan import, saved as a methodology and read back as a tree; access; invalid tables
 * write nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import type { MadeUser } from "../support/factories.ts";
import { makeWardTeam, type WardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

const SAMPLES = join(import.meta.dirname, "../../../shared/samples");
/** The shared samples are an extra: the tests that read them run only where they are present. */
const hasSamples = existsSync(SAMPLES);
const SAMPLE = "plan-hoa-phong-2026-synthetic.docx";

let t: TestApp;
let focal: ApiClient;
let communeId: string;
let provinceId: string;
let team: WardTeam<"admin" | "reviewer" | "focal" | "officer" | "clerk" | "viewer">;

const signedIn = (user: MadeUser) => t.signedIn(user.username, user.password);

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  team = await makeWardTeam(
    t.db.database.db,
    ["admin", "reviewer", "focal", "officer", "clerk", "viewer"],
    { wardName: "Phường Cao Xanh" },
  );
  focal = await signedIn(team.users.focal);
  communeId = team.ward.id;
  provinceId = team.province.id;
});
afterAll(() => t.close());

async function importSample(client: ApiClient, name = SAMPLE) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(readFileSync(join(SAMPLES, name)))]), name);
  const response = await client.request("POST", "/api/plan-imports", { body: form });
  expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
  return response.body;
}

/** What the review screen sends: the imported rows, evidence as the hint, self scores left out. */
function criteriaRows(extracted: any) {
  return extracted.criteria.map((c: any) => ({
    ref: c.ref,
    parentRef: c.parentRef,
    text: c.text,
    maxPoints: c.maxPoints,
    evidenceHint: c.evidence,
  }));
}

async function tableCounts() {
  const [row] = await queryRows<{ methodologies: number; criteria: number }>(
    t.db.database.db,
    sql`select (select count(*)::int from methodologies) as methodologies,
               (select count(*)::int from methodology_criteria) as criteria`,
  );
  return row!;
}

describe.skipIf(!hasSamples)("saving an imported criteria table as a methodology draft", () => {
  let methodologyId: string;

  it("offers the save on the import preview and saves every row in one go", async () => {
    const preview = await importSample(focal);
    expect(preview.can).toEqual({ createPlan: true, createMethodology: true });
    const rows = criteriaRows(preview.data.extracted);
    expect(rows.map((r: any) => r.ref)).toEqual([
      "1",
      "1.1",
      "1.1.1",
      "1.1.2",
      "1.2",
      "1.3",
      "3",
      "3.3",
      "3.3.1",
      "3.3.2",
    ]);
    const saved = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Chỉ số CCHC phường Cao Xanh năm 2026",
      year: 2026,
      sourceFilename: SAMPLE,
      criteria: rows,
    });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 800)).toBe(201);
    methodologyId = saved.body.data.id;
    expect(saved.body.data).toMatchObject({ criteriaCount: 10, totalMaxPoints: 23 });
    // The appendix prints areas 1 and 3 in part: their points are more than their rows' sum.
    expect(saved.body.data.warnings.map((w: any) => [w.code, w.ref])).toEqual([
      ["CRITERION_POINTS_MISMATCH", "1"],
      ["CRITERION_POINTS_MISMATCH", "3"],
      ["METHODOLOGY_TOTAL_NOT_SCALE", null],
    ]);
    expect(saved.body.data.warnings[0].message).toBe(
      "Dòng 1 (TT 1): điểm tối đa 13 khác tổng điểm tối đa các mục con (5,5).",
    );
  });

  it("reads it back as a tree with maximum points, depths and the total", async () => {
    const response = await focal.get(`/api/methodologies/${methodologyId}`);
    expect(response.status).toBe(200);
    const methodology = response.body.data;
    expect(methodology).toMatchObject({
      name: "Chỉ số CCHC phường Cao Xanh năm 2026",
      year: 2026,
      unitId: communeId,
      unitName: "Phường Cao Xanh",
      level: "commune",
      kind: "par_index",
      status: "draft",
      statusLabel: "Dự thảo",
      sourceFilename: SAMPLE,
      criteriaCount: 10,
      totalMaxPoints: 23,
    });
    const byRef = Object.fromEntries(methodology.criteria.map((c: any) => [c.ref, c]));
    expect(byRef["1"]).toMatchObject({ parentId: null, depth: 1, levelLabel: "Lĩnh vực" });
    expect(byRef["1.1"]).toMatchObject({ parentId: byRef["1"].id, depth: 2, maxPoints: 2 });
    expect(byRef["1.1.2"]).toMatchObject({
      parentId: byRef["1.1"].id,
      depth: 3,
      levelLabel: "Tiêu chí thành phần",
      text: "Mức độ thực hiện kế hoạch",
    });
    expect(byRef["1.3"].maxPoints).toBe(1.5);
    expect(byRef["1"]).toMatchObject({ maxPoints: 13, childrenMaxPoints: 5.5 });
    expect(byRef["1.1.1"].evidenceHint).toBe("Quyết định số 15/QĐ-UBND ngày 08/01/2026");
    expect(methodology.warnings.map((w: any) => w.code)).toContain("CRITERION_POINTS_MISMATCH");
  });

  it("lists it for the unit's readers and the reviewer above, with its total", async () => {
    const own = await focal.get("/api/methodologies");
    expect(own.status).toBe(200);
    expect(own.body.can).toEqual({ create: true });
    expect(own.body.data).toEqual([
      expect.objectContaining({ id: methodologyId, criteriaCount: 10, totalMaxPoints: 23 }),
    ]);
    const viewer = await signedIn(team.users.viewer);
    const seen = await viewer.get("/api/methodologies");
    expect(seen.body.data.map((m: any) => m.id)).toEqual([methodologyId]);
    expect(seen.body.can).toEqual({ create: false });
    expect((await viewer.get(`/api/methodologies/${methodologyId}`)).status).toBe(200);
    const reviewer = await signedIn(team.users.reviewer);
    const above = await reviewer.get(`/api/methodologies?unitId=${communeId}`);
    expect(above.body.data.map((m: any) => m.id)).toEqual([methodologyId]);
  });

  it("records who saved it in the audit log", async () => {
    const admin = await signedIn(team.users.admin);
    const events = (await admin.get("/api/audit?action=methodology.create")).body.data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityId: methodologyId, entityType: "methodology" });
    expect(events[0].summary).toContain("10 dòng, tổng điểm tối đa 23");
  });

  it("lets the reviewer draft criteria at the province, not at a commune below", async () => {
    const reviewer = await signedIn(team.users.reviewer);
    const rows = [
      { ref: "1", text: "Công tác chỉ đạo, điều hành cải cách hành chính", maxPoints: 100 },
    ];
    const below = await reviewer.post("/api/methodologies", {
      unitId: communeId,
      name: "Bộ tiêu chí cấp xã năm 2026",
      year: 2026,
      criteria: rows,
    });
    expect(below.status).toBe(403);
    expect(below.body.error.code).toBe("FORBIDDEN");
    const own = await reviewer.post("/api/methodologies", {
      unitId: provinceId,
      name: "Bộ tiêu chí cấp xã năm 2026",
      year: 2026,
      level: "commune",
      criteria: rows,
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.data.warnings).toEqual([]);
    const created = (await reviewer.get(`/api/methodologies/${own.body.data.id}`)).body.data;
    expect(created).toMatchObject({ unitId: provinceId, level: "commune", sourceFilename: null });
    // The commune's staff do not see the province's drafts.
    const focalList = (await focal.get("/api/methodologies")).body.data;
    expect(focalList.map((m: any) => m.id)).not.toContain(own.body.data.id);
    expect((await focal.get(`/api/methodologies/${own.body.data.id}`)).status).toBe(404);
  });
});

describe("refusals write nothing", () => {
  const valid = [
    { ref: "1", text: "Lĩnh vực", maxPoints: 10 },
    { ref: "1.1", text: "Tiêu chí", maxPoints: 10 },
  ];

  it("refuses a viewer and a one-stop clerk", async () => {
    const before = await tableCounts();
    for (const member of ["viewer", "clerk", "officer"] as const) {
      const client = await signedIn(team.users[member]);
      const response = await client.post("/api/methodologies", {
        unitId: communeId,
        name: "Không được lưu",
        year: 2026,
        criteria: valid,
      });
      expect(response.status, member).toBe(403);
      expect(response.body.error).toMatchObject({
        code: "FORBIDDEN",
        message: "Bạn không có quyền thực hiện thao tác này.",
      });
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses duplicate and orphan rows with the rows in Vietnamese", async () => {
    const before = await tableCounts();
    const response = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Bảng lỗi",
      year: 2026,
      criteria: [
        { ref: "1", text: "Lĩnh vực", maxPoints: 10 },
        { ref: "1.1", text: "Tiêu chí", maxPoints: 5 },
        { ref: "1.1", text: "Tiêu chí lặp", maxPoints: 5 },
        { ref: "2.1", text: "Tiêu chí mồ côi", maxPoints: 5 },
        { ref: "3", text: "", maxPoints: 5 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("METHODOLOGY_CRITERIA_INVALID");
    expect(response.body.error.message).toBe("Bảng tiêu chí có lỗi; chưa có dữ liệu nào được lưu.");
    expect(response.body.error.details).toEqual([
      {
        row: 3,
        path: "criteria.2",
        message: "Dòng 3 (TT 1.1): số thứ tự “1.1” trùng với dòng 2.",
      },
      {
        row: 4,
        path: "criteria.3",
        message: "Dòng 4 (TT 2.1): không tìm thấy mục cha “2” ở các dòng phía trên.",
      },
      { row: 5, path: "criteria.4", message: "Dòng 5 (TT 3): thiếu nội dung tiêu chí." },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses malformed bodies and unknown units", async () => {
    const before = await tableCounts();
    const notANumber = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Sai kiểu",
      year: 2026,
      criteria: [{ ref: "1", text: "A", maxPoints: "mười" }],
    });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.error.code).toBe("VALIDATION_FAILED");
    const empty = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Rỗng",
      year: 2026,
      criteria: [],
    });
    expect(empty.status).toBe(400);
    const unknown = await focal.post("/api/methodologies", {
      unitId: "00000000-0000-4000-8000-000000000000",
      name: "Không có đơn vị",
      year: 2026,
      criteria: valid,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("UNIT_NOT_FOUND");
    const missing = await focal.get("/api/methodologies/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("METHODOLOGY_NOT_FOUND");
    expect(await tableCounts()).toEqual(before);
  });

  it("rolls the methodology back when writing its criteria fails", async () => {
    const before = await tableCounts();
    // The criteria insert fails after the methodology's (a trigger stands in for any failure).
    const db = t.db.database.db;
    await db.execute(sql`
      create function test_refuse_criterion() returns trigger language plpgsql as $$
      begin
        if new.text = 'Tiêu chí hỏng' then raise exception 'refused criterion'; end if;
        return new;
      end $$`);
    await db.execute(sql`
      create trigger test_refuse_criterion before insert on methodology_criteria
      for each row execute function test_refuse_criterion()`);
    try {
      const response = await focal.post("/api/methodologies", {
        unitId: communeId,
        name: "Ghi lỗi giữa chừng",
        year: 2026,
        criteria: [
          { ref: "1", text: "Lĩnh vực", maxPoints: 10 },
          { ref: "1.1", text: "Tiêu chí hỏng", maxPoints: 10 },
        ],
      });
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe("INTERNAL_ERROR");
      expect(await tableCounts()).toEqual(before);
    } finally {
      await db.execute(sql`drop trigger test_refuse_criterion on methodology_criteria`);
      await db.execute(sql`drop function test_refuse_criterion()`);
    }
  });

  it("refuses a NUL byte in a criterion before writing anything", async () => {
    const before = await tableCounts();
    const response = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Ký tự lạ",
      year: 2026,
      criteria: [
        { ref: "1", text: "Lĩnh vực", maxPoints: 10 },
        { ref: "1.1", text: "Tiêu chí \u0000 hỏng", maxPoints: 10 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect(response.body.error.details).toEqual([
      { path: "criteria.1.text", message: "Không được chứa ký tự điều khiển (U+0000)." },
    ]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("API description", () => {
  it("documents the methodology endpoints in OpenAPI", async () => {
    const spec = (await t.client().get("/api/docs/json")).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/methodologies", "/api/methodologies/{id}"]),
    );
    expect(spec.paths["/api/methodologies"].post.requestBody).toBeDefined();
  });
});
