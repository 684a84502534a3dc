/**
 * The rule editor's contract with the server, over real HTTP: a criteria draft stored by
 * `POST /api/methodologies` becomes the editor's model; the import route's refusals
 * (`details[].path` under `document.`) land on the model's leaves and fields; once every leaf has
 * a rule the document is saved as a version, exports as the editor built it, and edits into the
 * next version. Nothing is written by a refused save.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkEditableMethodology,
  documentFromEditable,
  editableFromCriteria,
  addCriterion,
  editableFromDocument,
  locateIssues,
  nextVersion,
  removeNode,
  renameNode,
  updateNode,
  type EditableMethodology,
  type EditableNode,
} from "../../src/core/methodology/index.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let unitId: string;
let model: EditableMethodology;
let latestId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const ward = await makeUnit(db, { parent: await makeUnit(db, { level: "province" }) });
  const user = await makeUser(db, { unit: ward, role: "focal_officer" });
  focal = await t.signedIn(user.username, user.password);
  unitId = ward.id;
});
afterAll(() => t.close());

async function methodologyCount() {
  const [row] = await queryRows<{ n: number }>(
    t.db.database.db,
    sql`select count(*)::int as n from methodologies`,
  );
  return row!.n;
}

const save = (document: unknown) => focal.post("/api/methodologies/import", { unitId, document });

const set = (indexes: number[], patch: Partial<EditableNode>) => {
  model = updateNode(model, indexes, (node) => ({ ...node, ...patch }));
};

describe("a criteria draft made a scoring document through the import route", () => {
  it("starts the editor from the stored draft's tree", async () => {
    const created = await focal.post("/api/methodologies", {
      unitId,
      name: "Chỉ số CCHC thử quy tắc",
      year: 2026,
      criteria: [
        { ref: "1", text: "Chỉ đạo, điều hành", maxPoints: 4 },
        { ref: "a", parentRef: "1", text: "Ban hành kế hoạch", maxPoints: 2 },
        { ref: "b", parentRef: "1", text: "Nhiệm vụ hoàn thành", maxPoints: 2 },
        { ref: "2", text: "Giải quyết thủ tục", maxPoints: 6 },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const detail = (await focal.get(`/api/methodologies/${created.body.data.id}`)).body.data;
    model = editableFromCriteria(detail.criteria, { name: detail.name, year: detail.year });
    expect(model.nodes.map((n) => [n.code, n.children.map((c) => c.code)])).toEqual([
      ["1", ["1.a", "1.b"]],
      ["2", []],
    ]);
    expect(model.scale).toBe(10);
  });

  it("places the server's refusal of leaves without rules on those leaves; nothing stored", async () => {
    const before = await methodologyCount();
    const response = await save(documentFromEditable(model));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("METHODOLOGY_DOCUMENT_INVALID");
    const issues = locateIssues(model, response.body.error.details, "document");
    expect(issues.map((i) => [i.nodePath, i.field, i.where, i.message])).toEqual([
      [
        "nodes.0.children.0",
        "",
        "Mục 1.a “Ban hành kế hoạch”",
        "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).",
      ],
      [
        "nodes.0.children.1",
        "",
        "Mục 1.b “Nhiệm vụ hoàn thành”",
        "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).",
      ],
      [
        "nodes.1",
        "",
        "Mục 2 “Giải quyết thủ tục”",
        "Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).",
      ],
    ]);
    expect(await methodologyCount()).toBe(before);
  });

  it("places an unknown metric at the leaf's metric field", async () => {
    const rule = { thresholdPercent: null, steps: [], levels: [] };
    set([0, 0], {
      rule: { ...rule, type: "manual", levels: [{ label: "Đúng hạn", points: 2 }] },
      zeroDenominator: "none",
    });
    set([0, 1], {
      rule: { ...rule, type: "threshold", thresholdPercent: 90 },
      metric: "PLAN_TASKS_DONE",
      zeroDenominator: "full",
    });
    set([1], { rule: { ...rule, type: "ratio" }, metric: "NOT_A_METRIC", zeroDenominator: "none" });
    const before = await methodologyCount();
    const response = await save(documentFromEditable(model));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("METHODOLOGY_UNKNOWN_METRIC");
    const issues = locateIssues(model, response.body.error.details, "document");
    expect(issues.map((i) => [i.nodePath, i.field, i.where])).toEqual([
      ["nodes.1", "metric", "Mục 2 “Giải quyết thủ tục” › Chỉ số đo"],
    ]);
    expect(await methodologyCount()).toBe(before);
  });

  it("saves the ruled draft as a version that exports as built and edits into the next", async () => {
    set([1], { metric: "ON_TIME" });
    const checked = checkEditableMethodology(model);
    expect(checked.ok).toBe(true);
    const response = await save(documentFromEditable(model));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.data).toMatchObject({ code: "par-index-2026", version: "2026.1" });
    const exported = (await focal.get(`/api/methodologies/${response.body.data.id}/document`)).body;
    expect(checked.ok && exported).toEqual(checked.ok && checked.document);

    const next = editableFromDocument(exported);
    const again = await save(documentFromEditable(next));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("METHODOLOGY_VERSION_EXISTS");
    const saved = await save(documentFromEditable({ ...next, version: nextVersion(next.version) }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.data.version).toBe("2026.2");
    latestId = saved.body.data.id;
  });

  it("exports the edited tree: a removed criterion is gone, an added one is there", async () => {
    const current = (await focal.get(`/api/methodologies/${latestId}/document`)).body;
    let next = editableFromDocument(current);
    next = { ...next, version: nextVersion(next.version) };
    // 1.b (threshold on PLAN_TASKS_DONE) leaves; a manual 2-point criterion takes its place.
    next = removeNode(next, [0, 1]);
    const added = addCriterion(next, [0]);
    if (!added.ok) throw new Error(added.message);
    const renamed = renameNode(added.model, added.indexes, {
      code: "1.c",
      name: "Báo cáo CCHC đúng hạn",
    });
    if (!renamed.ok) throw new Error(renamed.message);
    next = updateNode(renamed.model, added.indexes, (node) => ({
      ...node,
      maxPoints: 2,
      rule: {
        thresholdPercent: null,
        steps: [],
        type: "manual",
        levels: [{ label: "Đủ", points: 2 }],
      },
      zeroDenominator: "none",
    }));
    const response = await save(documentFromEditable(next));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const id = response.body.data.id as string;
    const exported = (await focal.get(`/api/methodologies/${id}/document`)).body;
    expect(exported.nodes[0].children.map((c: { code: string }) => c.code)).toEqual(["1.a", "1.c"]);
    expect(JSON.stringify(exported)).not.toContain("1.b");
    expect(JSON.stringify(exported)).not.toContain("PLAN_TASKS_DONE");
    // The version it came from still has it: an edit is a new version, never a rewrite.
    const before = (await focal.get(`/api/methodologies/${latestId}/document`)).body;
    expect(before.nodes[0].children.map((c: { code: string }) => c.code)).toEqual(["1.a", "1.b"]);
    // Scored on the new tree: 1.a 2 + 1.c 2, and 2 scores 6 × 1/2.
    const score = await focal.post(`/api/methodologies/${id}/score`, {
      indicators: {
        "1.a": { value: 2, source: "Tự chấm" },
        "1.c": { value: 2, source: "Tự chấm" },
        ON_TIME: { numerator: 1, denominator: 2 },
      },
    });
    expect(score.status, JSON.stringify(score.body)).toBe(200);
    expect(
      score.body.data.nodes[0].children.map((c: { code: string; points: number }) => [
        c.code,
        c.points,
      ]),
    ).toEqual([
      ["1.a", 2],
      ["1.c", 2],
    ]);
    expect(score.body.data.total).toBe(7);
  });
});
