/**
 * Evidence uploaded straight to a scorecard's leaves: the ward's focal officer uploads a file for
 * several leaves; another ward, a reviewer (even of the ward itself) and the province before
 * submission are refused before the file is read, and nothing is stored; large and unaccepted
 * files are refused in Vietnamese; whoever reads the scorecard reads its files, nobody else.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { cells, openDocx, rows, sectionProperties, tables, texts } from "../support/docx-xml.ts";
import { MAX_EVIDENCE_BYTES } from "../../src/server/services/evidence-files.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focalA: ApiClient;
let focalB: ApiClient;
let wardReviewer: ApiClient;
let reviewer: ApiClient;
let otherReviewer: ApiClient;
let scorecardId: string;
let evidenceId: string;
let wardId: string;
let provinceId: string;

const PDF = new TextEncoder().encode("%PDF-1.4\n% biên bản kiểm tra CCHC\n%%EOF\n");

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { name: "Tỉnh Tài Liệu" });
  const otherProvince = await makeUnit(db, { name: "Tỉnh Khác" });
  const wardA = await makeUnit(db, { parent: province, name: "Phường Hòa An" });
  const wardB = await makeUnit(db, { parent: province, name: "Phường Hòa Bình" });
  wardId = wardA.id;
  provinceId = province.id;
  const sign = async (unit: { id: string }, role: "reviewer" | "focal_officer") => {
    const user = await makeUser(db, { unit, role });
    return t.signedIn(user.username, FACTORY_PASSWORD);
  };
  reviewer = await sign(province, "reviewer");
  otherReviewer = await sign(otherProvince, "reviewer");
  focalA = await sign(wardA, "focal_officer");
  focalB = await sign(wardB, "focal_officer");
  wardReviewer = await sign(wardA, "reviewer");
  const template = (await reviewer.get("/api/scorecard-templates/par-commune")).body;
  const imported = await reviewer.post("/api/methodologies/import", {
    unitId: province.id,
    level: "commune",
    document: template,
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  await reviewer.post(`/api/methodologies/${imported.body.data.id}/publish`, {});
  const opened = await focalA.post("/api/scorecards", { unitId: wardA.id, year: 2026 });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  scorecardId = opened.body.data.id;
}, 120_000);
afterAll(() => t?.close());

const storedRows = async () =>
  (
    await queryRows<{ n: number }>(
      t.db.database.db,
      sql`select count(*)::int as n from evidence_files`,
    )
  )[0]!.n;
const evidenceDir = () => join(t.dataDir, "evidence");
const storedFiles = () =>
  existsSync(evidenceDir())
    ? readdirSync(evidenceDir(), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
        .length
    : 0;

function upload(
  client: ApiClient,
  bytes: Uint8Array,
  name: string,
  fields: Record<string, string> = { leafCodes: "1.1" },
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return client.request("POST", `/api/scorecards/${scorecardId}/evidence/upload`, { body: form });
}

async function download(client: ApiClient, id: string) {
  const response = await fetch(`${t.url}/api/evidence/${id}/download`, {
    headers: { cookie: client.cookie! },
  });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("uploading evidence to a scorecard", () => {
  it("the ward's focal officer uploads one file for several leaves", async () => {
    const uploaded = await upload(focalA, PDF, "Biên bản kiểm tra.pdf", {
      leafCodes: "1.1, 1.3",
      documentNumber: "05/BB-UBND",
      documentDate: "2026-03-02",
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.data).toMatchObject({
      fileName: "Biên bản kiểm tra.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
      documentNumber: "05/BB-UBND",
      documentDate: "2026-03-02",
      leafCodes: ["1.1", "1.3"],
    });
    evidenceId = uploaded.body.data.id;
    const sha = uploaded.body.data.sha256 as string;
    expect(existsSync(join(evidenceDir(), sha.slice(0, 2), sha))).toBe(true);
    const card = (await focalA.get(`/api/scorecards/${scorecardId}`)).body.data;
    const linked = card.evidence.filter((e: any) => e.evidenceId === evidenceId);
    expect(linked.map((e: any) => e.leafCode).sort()).toEqual(["1.1", "1.3"]);
    // The stored file is one of the unit's files: it can be linked to more leaves later.
    expect(card.evidenceChoices.map((c: any) => c.id)).toContain(evidenceId);
    const more = await focalA.post(`/api/scorecards/${scorecardId}/evidence`, {
      leafCodes: ["1.4"],
      evidenceIds: [evidenceId],
    });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    const after = (await focalA.get(`/api/scorecards/${scorecardId}`)).body.data;
    expect(
      after.evidence
        .filter((e: any) => e.evidenceId === evidenceId)
        .map((e: any) => e.leafCode)
        .sort(),
    ).toEqual(["1.1", "1.3", "1.4"]);
    const scored = await focalA.request("PUT", `/api/scorecards/${scorecardId}/entries/1.1`, {
      json: { selfPoints: 1.5, notApplicable: false, explanation: "Ban hành đúng hạn" },
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
  });

  it("refuses other units and reviewers before reading the file; nothing is stored", async () => {
    const rows = await storedRows();
    const files = storedFiles();
    const other = await upload(focalB, PDF, "khac.pdf");
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("SCORECARD_NOT_FOUND");
    // A reviewer of the ward itself self-scores nothing; the province's reviewer neither.
    for (const client of [wardReviewer, reviewer, otherReviewer]) {
      const refused = await upload(client, PDF, "thamdinh.pdf");
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
    // Refused before the body: a form without a file would otherwise say FILE_REQUIRED.
    const noFile = await focalB.request("POST", `/api/scorecards/${scorecardId}/evidence/upload`, {
      body: new FormData(),
    });
    expect(noFile.status).toBe(404);
    expect(await storedRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
  });

  it("refuses a file too large or of a refused type, and an unknown leaf, in Vietnamese", async () => {
    const rows = await storedRows();
    const files = storedFiles();
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(PDF);
    const tooLarge = await upload(focalA, big, "lon.pdf");
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({
      code: "EVIDENCE_TOO_LARGE",
      message: "Tệp kiểm chứng vượt quá 20 MB.",
    });
    const exe = await upload(focalA, new TextEncoder().encode("MZ\x90\x00 chương trình"), "a.pdf");
    expect(exe.status).toBe(415);
    expect(exe.body.error).toMatchObject({
      code: "EVIDENCE_TYPE_NOT_ALLOWED",
      message: expect.stringContaining("Chỉ nhận tệp PDF"),
    });
    const unknownLeaf = await upload(focalA, PDF, "x.pdf", { leafCodes: "1.1,9.9" });
    expect(unknownLeaf.status).toBe(404);
    expect(unknownLeaf.body.error.code).toBe("SCORECARD_LEAF_NOT_FOUND");
    const noLeaf = await upload(focalA, PDF, "x.pdf", {});
    expect(noLeaf.status).toBe(400);
    expect(noLeaf.body.error.details[0]).toMatchObject({ path: "leafCodes" });
    expect(await storedRows()).toBe(rows);
    expect(storedFiles()).toBe(files);
  });
});

describe("reading a scorecard's files", () => {
  it("its unit reads them; the province only once submitted; nobody else", async () => {
    expect(await download(focalA, evidenceId)).toMatchObject({ status: 200, bytes: PDF });
    // A draft is the ward's own: the province does not read it, nor its files.
    expect((await download(reviewer, evidenceId)).status).toBe(404);
    expect((await download(focalB, evidenceId)).status).toBe(404);
    const submitted = await focalA.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "submit",
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await download(reviewer, evidenceId)).toMatchObject({ status: 200, bytes: PDF });
    expect((await download(focalB, evidenceId)).status).toBe(404);
    expect((await download(otherReviewer, evidenceId)).status).toBe(404);
    // Submitted: the ward adds nothing more until the card is returned.
    const late = await upload(focalA, PDF, "muon.pdf");
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("SCORECARD_NOT_EDITABLE");
  });
});

describe("a methodology bound to unknown metrics", () => {
  it("is refused with the unknown codes listed in Vietnamese, nothing stored", async () => {
    const template = (await reviewer.get("/api/scorecard-templates/par-commune")).body;
    template.version = "sai-chi-so";
    template.nodes[0].children[1].children[0].metric = "KHONG_CO_CHI_SO";
    template.nodes[7].children[0].metric = "SIPAS_SAI";
    const before = (
      await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from methodologies`,
      )
    )[0]!.n;
    const refused = await reviewer.post("/api/methodologies/import", {
      unitId: provinceId,
      level: "commune",
      document: template,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("METHODOLOGY_UNKNOWN_METRIC");
    expect(refused.body.error.message).toContain("KHONG_CO_CHI_SO, SIPAS_SAI");
    expect(refused.body.error.details.map((d: any) => d.path)).toEqual([
      "document.nodes.0.children.1.children.0.metric",
      "document.nodes.7.children.0.metric",
    ]);
    const after = (
      await queryRows<{ n: number }>(
        t.db.database.db,
        sql`select count(*)::int as n from methodologies`,
      )
    )[0]!.n;
    expect(after).toBe(before);
  });
});

describe("the scorecard list", () => {
  it("gives the server's today and year", async () => {
    const list = await focalA.get(`/api/scorecards?unitId=${wardId}`);
    expect(list.status).toBe(200);
    expect(list.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.body.currentYear).toBe(Number(list.body.today.slice(0, 4)));
  });
});

describe("the scorecard in Word", () => {
  it("prints the ND 30 document: header, title, the table with scores and evidence, totals", async () => {
    const card = (await reviewer.get(`/api/scorecards/${scorecardId}`)).body.data;
    const response = await fetch(`${t.url}/api/scorecards/${scorecardId}/scorecard.docx`, {
      headers: { cookie: reviewer.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers.get("content-disposition")).toContain("chi-so-cchc-2026.docx");
    const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
    const all = texts(document).join("\n");
    expect(all).toContain("ỦY BAN NHÂN DÂN");
    expect(all).toContain("PHƯỜNG HÒA AN");
    expect(all).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(all).toMatch(/Số: +\/BC-UBND/);
    // Submitted: dated the day it was sent (in Vietnam's time).
    const sent = card.events.find((e: any) => e.action === "submit").at as string;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(
      new Date(sent),
    );
    expect(all).toContain(`Hòa An, ngày ${day.slice(8, 10)} tháng`);
    expect(all).toContain("BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026");
    expect(all).toContain("TM. ỦY BAN NHÂN DÂN");
    expect(all).toContain("Ủy ban nhân dân tỉnh Tài Liệu (để thẩm định)");
    // Landscape pages.
    expect(sectionProperties(document).every((s) => /w:orient="landscape"/.test(s))).toBe(true);
    const table = tables(document)
      .map(rows)
      .find((r) => cells(r[0]!)[0] === "TT")!;
    expect(cells(table[0]!)).toEqual([
      "TT",
      "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
      "Điểm tối đa",
      "Điểm tự chấm",
      "Điểm thẩm định",
      "Tài liệu kiểm chứng",
      "Giải trình, ý kiến thẩm định",
    ]);
    const byCode = new Map(table.map((r) => [cells(r)[0], cells(r)]));
    // Every node of the tree is a row: areas, criteria, sub-criteria.
    for (const node of card.nodes) expect(byCode.get(node.code)?.[1]).toBe(node.name);
    const leaf = card.nodes.find((n: any) => n.code === "1.1");
    const max = String(leaf.maxPoints).replace(".", ",");
    expect(byCode.get("1.1")).toEqual([
      "1.1",
      leaf.name,
      max,
      "1,5",
      "",
      "05/BB-UBND (Biên bản kiểm tra.pdf)",
      "Ban hành đúng hạn",
    ]);
    expect(byCode.get("1.3")![5]).toBe("05/BB-UBND (Biên bản kiểm tra.pdf)");
    const area = card.areas[0];
    expect(byCode.get(card.nodes[0].code)!.slice(2, 4)).toEqual([
      String(area.max).replace(".", ","),
      String(area.selfPoints).replace(".", ","),
    ]);
    const total = table.map(cells).find((c) => c[1] === "Tổng điểm")!;
    expect(total[2]).toBe(String(card.methodology.scale));
    expect(total[3]).toBe(String(card.selfTotal).replace(".", ","));
    const index = table.map(cells).find((c) => c[1] === "Chỉ số cải cách hành chính (%)")!;
    expect(index[3]).toMatch(/^\d+(,\d+)?%$/);
    // Another ward reads neither the card nor its Word file.
    const refused = await fetch(`${t.url}/api/scorecards/${scorecardId}/scorecard.docx`, {
      headers: { cookie: focalB.cookie! },
    });
    expect(refused.status).toBe(404);
  });
});

describe("the ranking's areas", () => {
  it("are the areas frozen at appraisal, live leaves (SIPAS) included", async () => {
    for (const answers of [
      { "15": 5, "16": 5 },
      { "15": 4, "16": 5 },
    ]) {
      const answered = await focalA.post(`/api/sipas/responses?unitId=${wardId}`, {
        answeredOn: "2026-03-10",
        answers,
      });
      expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
    }
    const appraised = await reviewer.post(`/api/scorecards/${scorecardId}/transitions`, {
      action: "appraise",
    });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(200);
    const card = (await reviewer.get(`/api/scorecards/${scorecardId}`)).body.data;
    const sipasArea = card.areas.findIndex((a: any) => a.code === "8");
    // The live SIPAS leaf scored: area 8 has points no entry gave it.
    expect(card.areas[sipasArea].appraisedPoints).toBeGreaterThan(0);
    const ranking = await reviewer.get(`/api/scorecards/ranking?unitId=${provinceId}&year=2026`);
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    const row = ranking.body.data.rows.find((r: any) => r.scorecardId === scorecardId);
    expect(row.areas.map((a: any) => [a.code, a.points, a.max])).toEqual(
      card.areas.map((a: any) => [a.code, a.appraisedPoints, a.max]),
    );
  });
});
