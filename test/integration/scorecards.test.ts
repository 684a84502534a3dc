/**
 * PAR scorecards over HTTP: the province imports the commune template and publishes it; a ward
 * opens its scorecard on it, self-scores a leaf with evidence already on a task, submits; the
 * province's reviewer adjusts the leaf (both scores kept), returns it once (history kept),
 * appraises and publishes; the ranking and the forecast on a seeded year; who may not see what.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parIndexCommuneTemplate } from "../../src/core/scorecard/index.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let reviewer: ApiClient;
let focalA: ApiClient;
let focalB: ApiClient;
let wardReviewer: ApiClient;
let province: { id: string };
let wardA: { id: string };
let wardB: { id: string };
let methodologyId: string;
let scorecardId: string;
let evidenceId: string;

const PDF = new TextEncoder().encode("%PDF-1.4\n% kế hoạch CCHC\n%%EOF\n");

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { name: "Tỉnh Kiểm Thử" });
  wardA = await makeUnit(db, { parent: province, name: "Phường An" });
  wardB = await makeUnit(db, { parent: province, name: "Phường Bình" });
  // Merged into Phường An before the scored year: never listed in that year's ranking.
  await makeUnit(db, {
    parent: province,
    name: "Phường Cũ (trước sáp nhập)",
    validTo: "2025-06-30",
    mergedInto: wardA,
  });
  const sign = async (unit: { id: string }, role: "reviewer" | "focal_officer") => {
    const user = await makeUser(db, { unit, role });
    return t.signedIn(user.username, FACTORY_PASSWORD);
  };
  reviewer = await sign(province, "reviewer");
  focalA = await sign(wardA, "focal_officer");
  focalB = await sign(wardB, "focal_officer");
  wardReviewer = await sign(wardA, "reviewer");
}, 120_000);
afterAll(() => t?.close());

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(
      t.db.database.db,
      sql.raw(`select count(*)::int as n from ${table}`),
    )
  )[0]!.n;

describe("methodology from the province", () => {
  it("refuses a broken methodology file with paths and Vietnamese messages, storing nothing", async () => {
    const broken = structuredClone(parIndexCommuneTemplate()) as any;
    broken.nodes[1].children[0].code = "1.1"; // duplicate of area 1's first criterion
    broken.nodes[2].maxPoints = 25; // areas no longer add up to 100
    const before = await count("methodologies");
    const response = await reviewer.post("/api/methodologies/import", {
      unitId: province.id,
      level: "commune",
      document: broken,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("METHODOLOGY_DOCUMENT_INVALID");
    const details = response.body.error.details as { path: string; message: string }[];
    expect(details).toContainEqual({
      path: "document.nodes.1.children.0.code",
      message: expect.stringContaining("trùng"),
    });
    expect(details.some((d) => d.path === "document.nodes.2.maxPoints")).toBe(true);
    expect(await count("methodologies")).toBe(before);
  });

  it("imports the commune template and publishes it to the units below", async () => {
    const template = (await reviewer.get("/api/scorecard-templates/par-commune")).body;
    expect(template.nodes).toHaveLength(8);
    const imported = await reviewer.post("/api/methodologies/import", {
      unitId: province.id,
      level: "commune",
      document: template,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    methodologyId = imported.body.data.id;
    // Before publication, a ward has no methodology in force.
    const early = await focalA.post("/api/scorecards", { unitId: wardA.id, year: 2026 });
    expect(early.body.error?.code).toBe("SCORECARD_NO_METHODOLOGY");
    // A ward cannot publish the province's methodology.
    expect((await focalA.post(`/api/methodologies/${methodologyId}/publish`, {})).status).toBe(404);
    const published = await reviewer.post(`/api/methodologies/${methodologyId}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data).toMatchObject({ year: 2026, level: "commune" });
  });
});

describe("a ward's scorecard", () => {
  it("opens on the methodology in force; self-scores a leaf with evidence from a task", async () => {
    const opened = await focalA.post("/api/scorecards", { unitId: wardA.id, year: 2026 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    scorecardId = opened.body.data.id;
    // The ward's issued plan, with one task per area 1 and a piece of evidence on it.
    const plan = await focalA.post("/api/plans", {
      unitId: wardA.id,
      title: "Kế hoạch CCHC năm 2026",
      period: { kind: "year", year: 2026 },
      tasks: [
        { areaKey: "direction", ref: "1", text: "Ban hành kế hoạch CCHC năm", timeline: "Quý I" },
        { areaKey: "direction", ref: "2", text: "Kiểm tra CCHC các bộ phận", timeline: "Quý III" },
      ],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const issued = await focalA.post(`/api/plans/${plan.body.data.id}/issue`, {
      planNumber: "12/KH-UBND",
      confirmTasksWithoutLead: true,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBeLessThan(300);
    const view = (await focalA.get(`/api/plans/${plan.body.data.id}`)).body.data;
    const form = new FormData();
    form.append("file", new Blob([PDF]), "ke-hoach-cchc.pdf");
    const uploaded = await focalA.request("POST", `/api/tasks/${view.tasks[0].id}/evidence`, {
      body: form,
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBeLessThan(300);
    evidenceId = uploaded.body.data.id;

    // One file proves two leaves.
    const linked = await focalA.post(`/api/scorecards/${scorecardId}/evidence`, {
      leafCodes: ["1.1", "1.3"],
      evidenceIds: [evidenceId],
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const scored = await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/1.1`, {
      json: { selfPoints: 2, notApplicable: false },
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    // A live leaf is not overridden without a reason; an unexplained "không phát sinh" is refused.
    const override = await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/3.2`, {
      json: { selfPoints: 8, notApplicable: false },
    });
    expect(override.status).toBe(400);
    expect(override.body.error.message).toContain("lý do");
    const na = await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/2.1`, {
      json: {
        selfPoints: null,
        notApplicable: true,
        explanation: "Năm 2026 không ban hành VBQPPL",
      },
    });
    expect(na.status).toBe(200);

    const card = (await focalA.get(`/api/scorecards/${scorecardId}`)).body;
    expect(card.can).toMatchObject({ write: true, submit: true, appraise: false });
    expect(card.data.evidence.map((e: any) => e.leafCode).sort()).toEqual(["1.1", "1.3"]);
    const area1 = card.data.areas[0];
    expect(area1.selfPoints).toBe(2);
    // Area 2: 2.1 (3 points) left the denominator; nothing else scored → 0 of 8.
    const leaf21 = card.data.nodes.find((n: any) => n.code === "2.1");
    expect(leaf21.self.applicable).toBe(false);
  });

  it("hides the draft from another ward and from the province's reviewer", async () => {
    expect((await focalB.get(`/api/scorecards/${scorecardId}`)).status).toBe(404);
    expect((await reviewer.get(`/api/scorecards/${scorecardId}`)).status).toBe(404);
  });

  it("refuses to submit hand points without evidence or explanation", async () => {
    await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/1.4`, {
      json: { selfPoints: 2, notApplicable: false },
    });
    const refused = await focalA.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "submit",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: any) => d.path)).toEqual(["1.4"]);
    await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/1.4`, {
      json: {
        selfPoints: 2,
        notApplicable: false,
        explanation: "Bài đăng trên trang thông tin xã",
      },
    });
    const submitted = await focalA.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "submit",
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.data.status).toBe("submitted");
  });
});

describe("appraisal", () => {
  it("a ward never appraises itself, even with a reviewer role on it", async () => {
    const self = await wardReviewer.request(
      "PUT",
      `/api/scorecards/${scorecardId}/appraisals/1.1`,
      { json: { appraisedPoints: 2, appraisedNotApplicable: false } },
    );
    expect(self.status).toBe(403);
    const focal = await focalA.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "appraise",
    });
    expect(focal.status).toBe(403);
  });

  it("the reviewer adjusts a leaf with a note; both scores kept; return keeps history", async () => {
    const adjusted = await reviewer.request(
      "PUT",
      `/api/scorecards/${scorecardId}/appraisals/1.1`,
      {
        json: { appraisedPoints: 1, appraisedNotApplicable: false, note: "Ban hành chậm 10 ngày" },
      },
    );
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    const returnedWithout = await reviewer.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "return",
    });
    expect(returnedWithout.body.error.code).toBe("SCORECARD_REASON_REQUIRED");
    const returned = await reviewer.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "return",
      note: "Bổ sung tài liệu tiêu chí 1.3",
    });
    expect(returned.body.data.status).toBe("draft");
    await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/1.3`, {
      json: { selfPoints: 2, notApplicable: false },
    });
    await focalA.post(`/api/scorecards/${scorecardId}/transitions`, { action: "submit" });
    const appraised = await reviewer.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "appraise",
    });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(200);
    // Self: 1.1 2 + 1.3 2 + 1.4 2 = 6 (area 1, no live tasks done); appraised: 1.1 → 1 → 5.
    const card = (await reviewer.get(`/api/scorecards/${scorecardId}`)).body;
    const entry = card.data.entries.find((e: any) => e.leafCode === "1.1");
    expect(entry).toMatchObject({
      selfPoints: 2,
      appraisedPoints: 1,
      appraisalNote: "Ban hành chậm 10 ngày",
    });
    expect(card.data.areas[0]).toMatchObject({ selfPoints: 6, appraisedPoints: 5 });
    expect(card.data.selfTotal - card.data.appraisedTotal).toBeCloseTo(1, 5);
    expect(card.data.events.map((e: any) => e.action)).toEqual([
      "submit",
      "return",
      "submit",
      "appraise",
    ]);
    expect(card.data.events[1].note).toBe("Bổ sung tài liệu tiêu chí 1.3");
    const published = await reviewer.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "publish",
    });
    expect(published.body.data.status).toBe("published");
  });

  it("ranks the wards by final index; a ward without an appraised card is unranked", async () => {
    await focalB.post("/api/scorecards", { unitId: wardB.id, year: 2026 });
    const ranking = await reviewer.get(`/api/scorecards/ranking?unitId=${province.id}&year=2026`);
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    const rows = ranking.body.data.rows;
    expect(rows.map((r: any) => [r.unitName, r.rank])).toEqual([
      ["Phường An", 1],
      ["Phường Bình", null],
    ]);
    expect(rows[0].areas).toHaveLength(8);
    const custom = await reviewer.get(
      `/api/scorecards/ranking?unitId=${province.id}&year=2026&bands=${encodeURIComponent(
        JSON.stringify([{ code: "X", label: "Mức X", min: 0 }]),
      )}`,
    );
    expect(custom.body.data.rows[0].band.label).toBe("Mức X");
    // A ward does not rank its peers.
    expect(
      (await focalA.get(`/api/scorecards/ranking?unitId=${province.id}&year=2026`)).status,
    ).toBe(404);
    // The scorecard list says who may rank, so that the pages never ask otherwise.
    const listed = async (client: ApiClient, unitId: string) =>
      (await client.get(`/api/scorecards?unitId=${unitId}`)).body.can;
    expect(await listed(reviewer, province.id)).toMatchObject({ rank: true });
    expect(await listed(focalA, wardA.id)).toMatchObject({ rank: false });
  });
});

describe("forecast", () => {
  it("projects the year from live data and open tasks, losses by points at stake", async () => {
    const response = await focalA.get(`/api/scorecards/${scorecardId}/forecast?asOf=2026-06-30`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const forecast = response.body.data;
    expect(forecast.asOf).toBe("2026-06-30");
    const stakes = forecast.losses.map((l: any) => l.stake);
    expect([...stakes].sort((a: number, b: number) => b - a)).toEqual(stakes);
    // 1.2.1 (4 points) reads the plan's tasks: none completed → 0 of 4, with the open tasks named.
    const tasksLeaf = forecast.losses.find((l: any) => l.leafCode === "1.2.1");
    expect(tasksLeaf.stake).toBe(4);
    expect(tasksLeaf.recovery.join(" ")).toContain("Kiểm tra CCHC các bộ phận");
    expect(forecast.losses.some((l: any) => l.leafCode === "1.1")).toBe(false);
  });

  it("exports the scorecard as Excel", async () => {
    const response = await reviewer.get(`/api/scorecards/${scorecardId}/scorecard.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
  });
});
