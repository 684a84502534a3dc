/**
 * Methodology documents over real HTTP: the shipped QĐ 766 index imported as a unit's version with
 * effective dates, exported as the same JSON, a second version beside it, scored with explanations;
 * broken documents and figures refused with their paths and nothing written; access.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import serviceIndex766 from "../../src/core/methodology/documents/service-index-766.json" with { type: "json" };
import { queryRows } from "../../src/server/db/database.ts";
import type { MadeUser } from "../support/factories.ts";
import { makeWardTeam, type WardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let communeId: string;
let methodologyId: string;
let team: WardTeam<"admin" | "reviewer" | "focal" | "clerk" | "viewer">;

const signedIn = (user: MadeUser) => t.signedIn(user.username, user.password);

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  team = await makeWardTeam(t.db.database.db, ["admin", "reviewer", "focal", "clerk", "viewer"]);
  focal = await signedIn(team.users.focal);
  communeId = team.ward.id;
});
afterAll(() => t.close());

async function tableCounts() {
  const [row] = await queryRows<{ methodologies: number; criteria: number }>(
    t.db.database.db,
    sql`select (select count(*)::int from methodologies) as methodologies,
               (select count(*)::int from methodology_criteria) as criteria`,
  );
  return row!;
}

const importDocument = (client: ApiClient, document: unknown, unitId = communeId) =>
  client.post("/api/methodologies/import", {
    unitId,
    sourceFilename: "service-index-766.json",
    document,
  });

describe("the QĐ 766 index as a unit's methodology", () => {
  it("imports the shipped document with its version and effective dates", async () => {
    const response = await importDocument(focal, serviceIndex766);
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(201);
    expect(response.body.data).toMatchObject({
      code: "service-index-766",
      version: "2026.1-portal",
      criteriaCount: 25,
      totalMaxPoints: 100,
    });
    methodologyId = response.body.data.id;

    const detail = (await focal.get(`/api/methodologies/${methodologyId}`)).body.data;
    expect(detail).toMatchObject({
      kind: "service_index_766",
      kindLabel: "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
      name: "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)",
      year: 2022,
      level: "commune",
      code: "service-index-766",
      version: "2026.1-portal",
      effectiveFrom: "2022-06-23",
      effectiveTo: null,
      hasDocument: true,
      totalMaxPoints: 100,
      warnings: [],
    });
    expect(detail.criteria.filter((c: any) => c.depth === 1).map((c: any) => c.maxPoints)).toEqual([
      18, 20, 12, 10, 22, 18,
    ]);
    expect(detail.criteria.find((c: any) => c.ref === "2.1")).toMatchObject({
      text: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (đã và đang xử lý)",
      maxPoints: 20,
      depth: 2,
    });
  });

  it("exports the same document, as a file that imports again", async () => {
    const response = await focal.get(`/api/methodologies/${methodologyId}/document`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="service-index-766-2026.1-portal.json"',
    );
    expect(response.body).toEqual(serviceIndex766);
    // Fields in the document's order, not the database's.
    expect(Object.keys(response.body).slice(0, 3)).toEqual(["code", "version", "name"]);
  });

  it("keeps one row per version: the same version again is refused, a new one sits beside it", async () => {
    const before = await tableCounts();
    const again = await importDocument(focal, serviceIndex766);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "METHODOLOGY_VERSION_EXISTS",
      message:
        "Đơn vị đã có phương pháp chấm “service-index-766” phiên bản 2026.1-portal. Quy định thay đổi thì nhập phiên bản mới.",
    });
    expect(await tableCounts()).toEqual(before);

    const next = structuredClone(serviceIndex766) as any;
    next.version = "2027.1";
    next.effectiveFrom = "2027-01-01";
    next.nodes[5].children[2].rule.threshold = 0.95;
    const created = await importDocument(focal, next);
    expect(created.status).toBe(201);
    const list = (await focal.get("/api/methodologies")).body.data;
    expect(
      list
        .filter((m: any) => m.code === "service-index-766")
        .map((m: any) => [m.version, m.effectiveFrom, m.year]),
    ).toEqual([
      ["2027.1", "2027-01-01", 2027],
      ["2026.1-portal", "2022-06-23", 2022],
    ]);
  });

  it("scores figures with an explanation per leaf, the total and the band; writes nothing", async () => {
    const before = await tableCounts();
    const response = await focal.post(`/api/methodologies/${methodologyId}/score`, {
      indicators: {
        ON_TIME: { numerator: 920, denominator: 1000 },
        PUBLISH_ON_TIME: { value: 95, source: "Báo cáo của Sở Tư pháp" },
        DOSSIER_RECEIVING_SATISFACTION: { numerator: 0, denominator: 0 },
      },
    });
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
    const score = response.body.data;
    // 5,7 + 4 + 2 + 0 = 11,7; 18,4; PAKN 6 + 6 + 0 = 12 → 42,1
    expect(score).toMatchObject({ total: 42.1, band: { label: "Yếu" }, scale: 100 });
    const progress = score.nodes[1];
    expect(progress.children[0]).toMatchObject({
      code: "ON_TIME",
      points: 18.4,
      ratio: 0.92,
      basis: "data",
      explanation: "Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn",
    });
    expect(score.nodes[0].children[0]).toMatchObject({
      basis: "manual",
      manual: { value: 95, source: "Báo cáo của Sở Tư pháp" },
    });
    expect(score.nodes[5].children[2]).toMatchObject({
      basis: "policy",
      policy: "none",
      policyReason: "zero_denominator",
      points: 0,
    });
    expect(score.explanation).toBe("Tổng điểm: 42,10/100 — xếp loại Yếu");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses figures it cannot read, with their paths", async () => {
    const response = await focal.post(`/api/methodologies/${methodologyId}/score`, {
      indicators: {
        ON_TIME: { numerator: 1001, denominator: 1000 },
        NO_SUCH: { numerator: 1, denominator: 1 },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("METHODOLOGY_INPUTS_INVALID");
    expect(response.body.error.details).toEqual([
      { path: "indicators.ON_TIME.numerator", message: "Tử số lớn hơn mẫu số." },
      {
        path: "indicators.NO_SUCH",
        message:
          "Không có chỉ tiêu “NO_SUCH” trong Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) (phiên bản 2026.1-portal).",
      },
    ]);
  });

  it("records the import in the audit log", async () => {
    const admin = await signedIn(team.users.admin);
    const events = (await admin.get("/api/audit?action=methodology.import")).body.data;
    expect(events).toHaveLength(2);
    expect(events.map((e: any) => e.entityType)).toEqual(["methodology", "methodology"]);
    expect(events.map((e: any) => e.summary)).toContain(
      "Nhập phương pháp chấm “Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)” phiên bản 2026.1-portal, hiệu lực từ 2022-06-23: 25 mục, thang điểm 100",
    );
  });
});

describe("refusals", () => {
  it("refuses a broken document with each error's path, writing nothing", async () => {
    const before = await tableCounts();
    const broken = structuredClone(serviceIndex766) as any;
    broken.version = "broken";
    broken.nodes[0].children[0].rule = { type: "percent" };
    broken.nodes[1].children[0].maxPoints = 25;
    const shape = await importDocument(focal, broken);
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe("METHODOLOGY_DOCUMENT_INVALID");
    expect(shape.body.error.details).toEqual([
      {
        path: "document.nodes.0.children.0.rule.type",
        message:
          "Loại quy tắc không hợp lệ; chỉ nhận: ratio, threshold, steps, manual, bonus, penalty.",
      },
    ]);
    broken.nodes[0].children[0].rule = { type: "ratio" };
    const sums = await importDocument(focal, broken);
    expect(sums.status).toBe(400);
    expect(sums.body.error.details).toEqual([
      {
        path: "document.nodes.1.maxPoints",
        message: "Điểm tối đa 20 khác tổng điểm tối đa các mục con (25).",
      },
    ]);
    expect((await importDocument(focal, "không phải JSON")).body.error.details[0].path).toBe(
      "document",
    );
    expect(await tableCounts()).toEqual(before);
  });

  it("lets readers export and score, not import; a table draft has nothing to export", async () => {
    const before = await tableCounts();
    for (const member of ["viewer", "clerk"] as const) {
      const client = await signedIn(team.users[member]);
      const refused = await importDocument(client, serviceIndex766);
      expect(refused.status, member).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
    expect(await tableCounts()).toEqual(before);
    const viewer = await signedIn(team.users.viewer);
    expect((await viewer.get(`/api/methodologies/${methodologyId}/document`)).status).toBe(200);
    const scored = await viewer.post(`/api/methodologies/${methodologyId}/score`, {
      indicators: {},
    });
    expect(scored.status).toBe(200);
    // Nothing measured: full for the publication and PAKN indicators, none for the rest.
    expect(scored.body.data.total).toBe(24);

    const draft = await focal.post("/api/methodologies", {
      unitId: communeId,
      name: "Bảng điểm tối đa",
      year: 2026,
      criteria: [{ ref: "1", text: "Lĩnh vực", maxPoints: 100 }],
    });
    expect(draft.status).toBe(201);
    const noDocument = await focal.get(`/api/methodologies/${draft.body.data.id}/document`);
    expect(noDocument.status).toBe(409);
    expect(noDocument.body.error.code).toBe("METHODOLOGY_NO_DOCUMENT");
    const summary = (await focal.get("/api/methodologies")).body.data.find(
      (m: any) => m.id === draft.body.data.id,
    );
    expect(summary).toMatchObject({ hasDocument: false, code: null, effectiveFrom: null });
  });

  it("hides another unit's methodology", async () => {
    const reviewer = await signedIn(team.users.reviewer);
    const provinceId = team.province.id;
    const own = await importDocument(reviewer, serviceIndex766, provinceId);
    expect(own.status).toBe(201);
    const id = own.body.data.id;
    expect((await focal.get(`/api/methodologies/${id}/document`)).status).toBe(404);
    const score = await focal.post(`/api/methodologies/${id}/score`, { indicators: {} });
    expect(score.status).toBe(404);
    expect(score.body.error.code).toBe("METHODOLOGY_NOT_FOUND");
  });

  it("documents the endpoints in OpenAPI", async () => {
    const spec = (await t.client().get("/api/docs/json")).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/methodologies/import",
        "/api/methodologies/{id}/document",
        "/api/methodologies/{id}/score",
      ]),
    );
  });
});
