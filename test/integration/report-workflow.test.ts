import type { AreaKey } from "../../src/core/plan/plan-area.ts";
import type { StoredTaskStatus } from "../../src/core/plan/task-status.ts";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planAreas, planTasks, plans } from "../../src/server/db/schema-plan.ts";
import { FACTORY_PASSWORD, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Reports through the real app: figures from live data (checked against a computation in this
 * test), sections without data saying so, the workflow and its refusals, the frozen snapshot, the
 * version comparison, who reads what, and the upper unit's board.
 */
let t: TestApp;
let province: MadeUnit;
let ward: MadeUnit;
let sibling: MadeUnit;
let reviewer: ApiClient;
let focal: ApiClient;
let siblingFocal: ApiClient;
let kindId: string;
let reportId: string;
let lateTaskId: string;
let scorecardId: string;

// Tasks of the ward's plan: [area, due date, stored status, completed on].
const TASKS: [AreaKey, string | null, StoredTaskStatus, string | null][] = [
  ["institutions", "2026-02-10", "completed", "2026-02-01"], // done on time
  ["institutions", "2026-02-10", "completed", "2026-02-20"], // done late
  ["institutions", "2026-02-20", "in_progress", null], // overdue at 14/03
  ["procedures", "2026-03-14", "in_progress", null], // in progress, due on the cut-off day
  ["procedures", "2026-03-31", "in_progress", null], // due after the period's end: not counted
  ["procedures", "2026-03-01", "not_started", null], // overdue
  ["procedures", "2026-03-01", "cancelled", null], // not counted
  ["procedures", "2026-05-01", "in_progress", null], // due after the quarter: not counted
  ["procedures", "2026-03-10", "completed", "2026-03-20"], // completed after 14/03: overdue then
];
/** Quarter I with the statistical cut-off ends on 14/03; today is later, so figures are as of it. */
const AS_OF = "2026-03-14";

/** The four buckets computed here, independently of the core's rule. */
function expectedBuckets(area?: string) {
  const counts = { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, total: 0 };
  for (const [key, due, status, done] of TASKS) {
    if (area && key !== area) continue;
    if (status === "cancelled" || due === null || due > AS_OF) continue;
    counts.total++;
    if (status === "completed" && done! <= AS_OF) {
      if (done! > due) counts.doneLate++;
      else counts.doneOnTime++;
    } else if (due < AS_OF) counts.overdue++;
    else counts.inProgress++;
  }
  return counts;
}

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { level: "province" });
  ward = await makeUnit(db, { parent: province });
  sibling = await makeUnit(db, { parent: province });
  const users = {
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    focal: await makeUser(db, { unit: ward, role: "focal_officer" }),
    siblingFocal: await makeUser(db, { unit: sibling, role: "focal_officer" }),
  };
  reviewer = await t.signedIn(users.reviewer.username, FACTORY_PASSWORD);
  focal = await t.signedIn(users.focal.username, FACTORY_PASSWORD);
  siblingFocal = await t.signedIn(users.siblingFocal.username, FACTORY_PASSWORD);

  const [plan] = await db
    .insert(plans)
    .values({
      unitId: ward.id,
      title: "Kế hoạch CCHC năm 2026",
      periodKind: "year",
      periodLabel: "Năm 2026",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      status: "issued",
    })
    .returning();
  const areas = await db
    .insert(planAreas)
    .values([
      { planId: plan!.id, key: "institutions", heading: "Cải cách thể chế", position: 1 },
      { planId: plan!.id, key: "procedures", heading: "Cải cách thủ tục hành chính", position: 2 },
    ])
    .returning();
  const areaId = new Map(areas.map((a) => [a.key, a.id]));
  const inserted = await db
    .insert(planTasks)
    .values(
      TASKS.map(([area, due, status, done], i) => ({
        planId: plan!.id,
        areaId: areaId.get(area)!,
        position: i + 1,
        text: `Nhiệm vụ ${i + 1}`,
        dueDate: due,
        status,
        completedAt: done,
      })),
    )
    .returning();
  lateTaskId = inserted[2]!.id;

  const kind = await reviewer.post(`/api/report-kinds?unitId=${province.id}`, {
    name: "Báo cáo CCHC quý",
    periodKind: "quarterly",
    dueText: "trước ngày 15 tháng cuối quý",
    periodRule: "statistical_cutoff",
    publish: true,
  });
  kindId = kind.body.data.id;

  // The ward's PAR scorecard for 2026 on the province's published commune methodology, with one
  // leaf self-scored; the sibling has none.
  const template = (await reviewer.get("/api/scorecard-templates/par-commune")).body;
  const methodology = await reviewer.post("/api/methodologies/import", {
    unitId: province.id,
    level: "commune",
    document: template,
  });
  await reviewer.post(`/api/methodologies/${methodology.body.data.id}/publish`, {});
  const card = await focal.post("/api/scorecards", { unitId: ward.id, year: 2026 });
  scorecardId = card.body.data.id;
  const scored = await focal.request("PUT", `/api/scorecards/${scorecardId}/entries/1.1`, {
    json: { selfPoints: 2, notApplicable: false },
  });
  expect(scored.status, JSON.stringify(scored.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("building a report", () => {
  it("opens a draft only for a period the unit owes", async () => {
    const wrong = await focal.post(`/api/reports?unitId=${ward.id}`, {
      kindId,
      periodKey: "2026-H1",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("REPORT_PERIOD_NOT_OWED");
    const foreign = await siblingFocal.post(`/api/reports?unitId=${ward.id}`, {
      kindId,
      periodKey: "2026-Q1",
    });
    expect(foreign.status).toBe(404);
    const opened = await focal.post(`/api/reports?unitId=${ward.id}`, {
      kindId,
      periodKey: "2026-Q1",
    });
    expect(opened.status).toBe(200);
    expect(opened.body.data.created).toBe(true);
    reportId = opened.body.data.id;
    const again = await focal.post(`/api/reports?unitId=${ward.id}`, {
      kindId,
      periodKey: "2026-Q1",
    });
    expect(again.body.data).toEqual({ id: reportId, created: false });
  });

  it("counts tasks in the four buckets as of the cut-off, per area, as computed here", async () => {
    const response = await focal.get(`/api/reports/${reportId}`);
    expect(response.status).toBe(200);
    const { figures, narrative } = response.body.data;
    // Statistical cut-off: quarter I runs 15/12/2025–14/03/2026; today is later, so as of 14/03.
    expect(figures.period).toMatchObject({ from: "2025-12-15", to: AS_OF, asOf: AS_OF });
    expect(figures.tasks.total).toEqual(expectedBuckets());
    const byHeading = Object.fromEntries(figures.tasks.areas.map((a: any) => [a.heading, a]));
    expect(byHeading["Cải cách thể chế"]).toMatchObject(expectedBuckets("institutions"));
    expect(byHeading["Cải cách thủ tục hành chính"]).toMatchObject(expectedBuckets("procedures"));
    // No dossiers, feedback or surveys: said so, never invented.
    expect(figures.oneStop.available).toBe(false);
    expect(figures.feedback.available).toBe(false);
    expect(figures.satisfaction.available).toBe(false);
    expect(figures.serviceIndex766).toMatchObject({ available: false, total: null });
    const total = expectedBuckets();
    expect(narrative.results).toContain(`tổng số ${total.total} nhiệm vụ`);
    expect(narrative.shortcomings).toContain(`Còn ${total.overdue} nhiệm vụ quá hạn`);
    expect(response.body.can).toEqual({ edit: true, submit: true, review: false });
  });

  it("includes the unit's PAR self-score for the year so far, as its scorecard shows it", async () => {
    const { figures, narrative } = (await focal.get(`/api/reports/${reportId}`)).body.data;
    const card = (await focal.get(`/api/scorecards/${scorecardId}`)).body.data;
    expect(figures.par).toMatchObject({
      available: true,
      year: 2026,
      status: "draft",
      scale: card.methodology.scale,
      selfTotal: card.selfTotal,
      appraisedTotal: null,
    });
    expect(figures.par.areas).toEqual(
      card.areas.map((a: any) => ({
        code: a.code,
        name: a.name,
        max: a.max,
        selfPoints: a.selfPoints,
        appraisedPoints: null,
      })),
    );
    // The per-area maxima add up to the scale; the leaf scored here counts in area 1.
    expect(figures.par.areas.reduce((sum: number, a: any) => sum + a.max, 0)).toBe(
      figures.par.scale,
    );
    expect(figures.par.areas[0].selfPoints).toBeGreaterThanOrEqual(2);
    expect(narrative.results).toContain("Tự chấm điểm Chỉ số cải cách hành chính năm 2026");
  });

  it("hides a draft from the upper unit and from every other ward", async () => {
    expect((await reviewer.get(`/api/reports/${reportId}`)).status).toBe(404);
    expect((await siblingFocal.get(`/api/reports/${reportId}`)).status).toBe(404);
  });
});

describe("workflow and frozen versions", () => {
  it("refuses a review before submission, with a Vietnamese message and a code", async () => {
    const early = await reviewer.post(`/api/reports/${reportId}/review`, { decision: "accept" });
    expect(early.status).toBe(404);
    const edit = await focal.request("PUT", `/api/reports/${reportId}/narrative`, {
      json: { proposals: "Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ." },
    });
    expect(edit.status).toBe(200);
  });

  it("freezes the figures on submission: later live changes never alter them", async () => {
    const submitted = await focal.post(`/api/reports/${reportId}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.data).toMatchObject({ status: "submitted", version: 1 });
    const again = await focal.post(`/api/reports/${reportId}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("REPORT_TRANSITION_INVALID");
    expect(again.body.error.message).toMatch(/đang chờ cấp trên/);
    const blocked = await focal.request("PUT", `/api/reports/${reportId}/narrative`, {
      json: { results: "sửa sau khi gửi" },
    });
    expect(blocked.status).toBe(409);

    const before = await reviewer.get(`/api/reports/${reportId}/versions/1`);
    expect(before.status).toBe(200);
    // The overdue task is completed on time afterwards (a correction in the live data).
    await t.db.database.db
      .update(planTasks)
      .set({ status: "completed", completedAt: "2026-02-15", dueDate: "2026-02-20" })
      .where(eq(planTasks.id, lateTaskId));
    const after = await reviewer.get(`/api/reports/${reportId}/versions/1`);
    expect(after.body.data.figures).toEqual(before.body.data.figures);
    expect(after.body.data.figures.tasks.total).toEqual(expectedBuckets());
    // A later change to the scorecard does not alter the frozen PAR self-score either.
    const frozenPar = before.body.data.figures.par;
    const rescored = await focal.request("PUT", `/api/scorecards/${scorecardId}/entries/1.1`, {
      json: { selfPoints: 0, notApplicable: false },
    });
    expect(rescored.status).toBe(200);
    const liveCard = (await focal.get(`/api/scorecards/${scorecardId}`)).body.data;
    expect(liveCard.selfTotal).toBe(frozenPar.selfTotal - 2);
    expect(
      (await reviewer.get(`/api/reports/${reportId}/versions/1`)).body.data.figures.par,
    ).toEqual(frozenPar);
    const view = await reviewer.get(`/api/reports/${reportId}`);
    expect(view.body.data.live).toBe(false);
    expect(view.body.data.figures.tasks.total).toEqual(expectedBuckets());
    expect(view.body.data.narrative.proposals).toBe("Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ.");
    expect(view.body.can.review).toBe(true);
    expect((await siblingFocal.get(`/api/reports/${reportId}`)).status).toBe(404);
  });

  it("returns with a comment only, then takes a corrected new version and compares them", async () => {
    const noComment = await reviewer.post(`/api/reports/${reportId}/review`, {
      decision: "return",
    });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.code).toBe("REPORT_RETURN_COMMENT_REQUIRED");
    const notReviewer = await focal.post(`/api/reports/${reportId}/review`, {
      decision: "accept",
    });
    expect(notReviewer.status).toBe(403);
    const returned = await reviewer.post(`/api/reports/${reportId}/review`, {
      decision: "return",
      comment: "Bổ sung nguyên nhân nhiệm vụ quá hạn.",
    });
    expect(returned.body.data).toMatchObject({ status: "returned", version: 1 });

    const own = await focal.get(`/api/reports/${reportId}`);
    expect(own.body.data.versions[0]).toMatchObject({
      version: 1,
      review: "returned",
      reviewComment: "Bổ sung nguyên nhân nhiệm vụ quá hạn.",
    });
    await focal.request("PUT", `/api/reports/${reportId}/narrative`, {
      json: { shortcomings: "Nguyên nhân: thiếu công chức chuyên môn." },
    });
    const second = await focal.post(`/api/reports/${reportId}/submit`);
    expect(second.body.data).toMatchObject({ status: "submitted", version: 2 });

    const changes = await reviewer.get(`/api/reports/${reportId}/changes`);
    expect(changes.status).toBe(200);
    const byPath = Object.fromEntries(changes.body.data.changes.map((c: any) => [c.path, c]));
    const v1 = expectedBuckets();
    // One task moved from overdue to done on time between the two versions.
    expect(byPath["tasks.total.overdue"]).toMatchObject({
      before: String(v1.overdue),
      after: String(v1.overdue - 1),
    });
    expect(byPath["tasks.total.doneOnTime"]).toMatchObject({
      before: String(v1.doneOnTime),
      after: String(v1.doneOnTime + 1),
    });
    expect(byPath["narrative.shortcomings"].after).toBe("Nguyên nhân: thiếu công chức chuyên môn.");
    expect(byPath["tasks.total.total"]).toBeUndefined();
    // Version 1 is still as it was.
    const first = await reviewer.get(`/api/reports/${reportId}/versions/1`);
    expect(first.body.data.figures.tasks.total).toEqual(v1);

    const accepted = await reviewer.post(`/api/reports/${reportId}/review`, {
      decision: "accept",
    });
    expect(accepted.body.data).toMatchObject({ status: "accepted", version: 2 });
    const final = await reviewer.post(`/api/reports/${reportId}/review`, {
      decision: "return",
      comment: "…",
    });
    expect(final.status).toBe(409);
    expect(final.body.error.message).toMatch(/đã được tiếp nhận/);
  });

  it("prints a version as an ND 30 report in Word, its annexes on landscape pages", async () => {
    const download = (client: ApiClient, path: string) =>
      fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
    const response = await download(reviewer, `/api/reports/${reportId}/report.docx?version=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    const v1 = expectedBuckets();
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "/BC-UBND",
      "BÁO CÁO",
      "Kết quả thực hiện công tác cải cách hành chính quý I/2026",
      "I. KẾT QUẢ ĐẠT ĐƯỢC",
      "II. KẾT QUẢ TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
      "V. ĐỀ XUẤT, KIẾN NGHỊ",
      "Đề nghị tỉnh hỗ trợ kinh phí số hóa hồ sơ.",
      "Nơi nhận:",
      "TM. ỦY BAN NHÂN DÂN",
      "Phụ lục I",
      "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC",
      "Phụ lục III",
      "Cải cách thủ tục hành chính",
      "Phụ lục IV",
      "KẾT QUẢ TỰ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2026",
    ]) {
      expect(text).toContain(expected);
    }
    // Version 1 keeps its own narrative, not the correction sent in version 2.
    expect(text).not.toContain("Nguyên nhân: thiếu công chức chuyên môn.");
    // Place and date by the one date rule, dated the day version 1 was submitted.
    const submittedAt = (await reviewer.get(`/api/reports/${reportId}/versions/1`)).body.data
      .submittedAt as string;
    const day = new Date(new Date(submittedAt).getTime() + 7 * 3600_000);
    const month = day.getUTCMonth() + 1;
    expect(text).toContain(
      `, ngày ${String(day.getUTCDate()).padStart(2, "0")} tháng ${month <= 2 ? `0${month}` : month} năm ${day.getUTCFullYear()}`,
    );
    // The report on portrait pages, then one landscape section per annex.
    const sections = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(5);
    expect(sections.filter((s) => s.includes('w:orient="landscape"'))).toHaveLength(4);
    // The total row of the task annex: version 1's buckets, as computed in this test.
    expect(text).toContain(
      `Tổng cộng${v1.doneOnTime}${v1.doneLate}${v1.inProgress}${v1.overdue}${v1.total}`,
    );
    expect((await download(siblingFocal, `/api/reports/${reportId}/report.docx`)).status).toBe(404);
  });

  it("exports the annexes to Excel, one sheet each, the latest version by default", async () => {
    const response = await fetch(`${t.url}/api/reports/${reportId}/report.xlsx`, {
      headers: { cookie: reviewer.cookie! },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Phụ lục I",
      "Phụ lục II",
      "Phụ lục III",
      "Phụ lục IV",
    ]);
    // The PAR annex: version 2 froze the self-score after leaf 1.1 went from 2 to 0 points.
    const par = (await reviewer.get(`/api/reports/${reportId}/versions/2`)).body.data.figures.par;
    const parRows: string[][] = [];
    workbook.worksheets[3]!.eachRow((row) => parRows.push((row.values as string[]).slice(1)));
    expect(parRows.find((r) => r[1] === "Tổng số")!.slice(2, 4)).toEqual([
      String(par.scale),
      String(par.selfTotal).replace(".", ","),
    ]);
    const tasks = workbook.worksheets[0]!;
    expect(tasks.getCell("A1").value).toBe("Phụ lục I");
    expect(String(tasks.getCell("A3").value)).toMatch(/^\(Kèm theo Báo cáo số .*\/BC-UBND/);
    expect(tasks.getRow(5).getCell(3).value).toBe("Hoàn thành đúng hạn");
    const rows: string[][] = [];
    tasks.eachRow((row) => rows.push((row.values as string[]).slice(1)));
    const total = rows.find((r) => r[1] === "Tổng cộng")!;
    // Version 2: one task moved from overdue to done on time.
    const v1 = expectedBuckets();
    expect(total.slice(2)).toEqual(
      [v1.doneOnTime + 1, v1.doneLate, v1.inProgress, v1.overdue - 1, v1.total].map(String),
    );
    // The corrected task belongs to the institutions area.
    const institutions = expectedBuckets("institutions");
    expect(rows.find((r) => r[1] === "Cải cách thể chế")!.slice(2)).toEqual(
      [
        institutions.doneOnTime + 1,
        institutions.doneLate,
        institutions.inProgress,
        institutions.overdue - 1,
        institutions.total,
      ].map(String),
    );
    const missing = await fetch(`${t.url}/api/reports/${reportId}/report.xlsx?version=9`, {
      headers: { cookie: reviewer.cookie! },
    });
    expect(missing.status).toBe(404);
  });

  it.skipIf(!onPath("soffice"))(
    "converts a version to PDF through LibreOffice and keeps page 1 as a PNG",
    async () => {
      const response = await fetch(`${t.url}/api/reports/${reportId}/report.pdf?version=1`, {
        headers: { cookie: reviewer.cookie! },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/pdf");
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      if (!onPath("pdfinfo") || !onPath("pdftoppm")) return;
      const folder = mkdtempSync(join(tmpdir(), "report-pdf-"));
      try {
        writeFileSync(join(folder, "report.pdf"), pdf);
        const info = execFileSync("pdfinfo", [join(folder, "report.pdf")]).toString();
        // The report on portrait pages and its four annexes on landscape pages.
        expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(5);
        execFileSync("pdftoppm", [
          "-png",
          "-r",
          "90",
          "-f",
          "1",
          "-l",
          "1",
          "-singlefile",
          join(folder, "report.pdf"),
          join(folder, "page1"),
        ]);
        const artifacts = join(process.cwd(), "test-artifacts", "documents");
        mkdirSync(artifacts, { recursive: true });
        copyFileSync(join(folder, "page1.png"), join(artifacts, "report-page1.png"));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    240_000,
  );

  it("answers 503 with a Vietnamese message when LibreOffice is not there", async () => {
    const saved = process.env.CCHC_SOFFICE;
    process.env.CCHC_SOFFICE = "/nonexistent/soffice";
    try {
      const response = await reviewer.get(`/api/reports/${reportId}/report.pdf`);
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe("DOCUMENT_PDF_UNAVAILABLE");
      expect(response.body.error.message).toContain("LibreOffice");
    } finally {
      if (saved === undefined) delete process.env.CCHC_SOFFICE;
      else process.env.CCHC_SOFFICE = saved;
    }
  });

  it("shows the upper unit who submitted, who is late and who has not", async () => {
    const board = await reviewer.get(
      `/api/reports/overview?unitId=${province.id}&year=2026&on=2026-03-20`,
    );
    expect(board.status).toBe(200);
    const q1 = board.body.data.filter((r: any) => r.periodKey === "2026-Q1");
    const byUnit = Object.fromEntries(q1.map((r: any) => [r.unitId, r]));
    expect(byUnit[ward.id]).toMatchObject({ status: "accepted", version: 2, reportId });
    expect(byUnit[sibling.id]).toMatchObject({
      status: null,
      reportId: null,
      late: true,
      state: "overdue",
    });
    expect(
      (await siblingFocal.get(`/api/reports/overview?unitId=${province.id}&year=2026`)).status,
    ).toBe(404);
  });

  it("rolls up the units' frozen versions for the upper level and lists who has not sent", async () => {
    const path = `/api/reports/rollup?unitId=${province.id}&kindId=${kindId}&periodKey=2026-Q1`;
    const first = await reviewer.get(path);
    expect(first.status).toBe(200);
    // Only the ward's accepted version 2 counts: one task moved from overdue to done on time.
    const v1 = expectedBuckets();
    const v2 = { ...v1, doneOnTime: v1.doneOnTime + 1, overdue: v1.overdue - 1 };
    expect(first.body.data.totals.tasks.total).toEqual(v2);
    const procedures = expectedBuckets("procedures");
    expect(
      first.body.data.totals.tasks.areas.find(
        (a: any) => a.heading === "Cải cách thủ tục hành chính",
      ),
    ).toMatchObject(procedures);
    expect(first.body.data.units.map((u: any) => [u.unitId, u.version, u.review])).toEqual([
      [ward.id, 2, "accepted"],
    ]);
    expect(first.body.data.missing.map((u: any) => u.unitId)).toEqual([sibling.id]);
    // A draft is not counted; once the sibling submits, it is (with no tasks of its own).
    const opened = await siblingFocal.post(`/api/reports?unitId=${sibling.id}`, {
      kindId,
      periodKey: "2026-Q1",
    });
    expect((await reviewer.get(path)).body.data.missing.map((u: any) => u.unitId)).toEqual([
      sibling.id,
    ]);
    await siblingFocal.post(`/api/reports/${opened.body.data.id}/submit`);
    const second = await reviewer.get(path);
    expect(second.body.data.missing).toEqual([]);
    expect(second.body.data.units).toHaveLength(2);
    expect(second.body.data.totals.tasks.total).toEqual(v2);
    // The ward has a scorecard, the sibling none: each in its own row, no averaged score.
    expect(second.body.data.totals.par).toEqual({ units: 1, withoutScorecard: 1 });
    const parOf = Object.fromEntries(
      second.body.data.units.map((u: any) => [u.unitId, u.figures.par.available]),
    );
    expect(parOf).toEqual({ [ward.id]: true, [sibling.id]: false });
    expect((await siblingFocal.get(path)).status).toBe(404);
  });

  it("prints the roll-up as the upper unit's ND 30 consolidated report in Word and Excel", async () => {
    const query = `unitId=${province.id}&kindId=${kindId}&periodKey=2026-Q1`;
    const rollup = (await reviewer.get(`/api/reports/rollup?${query}`)).body.data;
    const fetchAs = (client: ApiClient, path: string) =>
      fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
    const word = await fetchAs(reviewer, `/api/reports/rollup.docx?${query}`);
    expect(word.status).toBe(200);
    expect(word.headers.get("content-type")).toContain("wordprocessingml");
    expect(word.headers.get("content-disposition")).toContain("attachment");
    const xml = await (
      await JSZip.loadAsync(await word.arrayBuffer())
    )
      .file("word/document.xml")!
      .async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    const total = rollup.totals.tasks.total;
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "/BC-UBND",
      "BÁO CÁO",
      "Tổng hợp kết quả thực hiện công tác cải cách hành chính quý I/2026",
      `Tổng số ${total.total} nhiệm vụ đến hạn trong kỳ`,
      "Phụ lục II",
      "SỐ LIỆU CHỦ YẾU THEO TỪNG ĐƠN VỊ",
      ward.name,
      sibling.name,
      "Nơi nhận:",
    ]) {
      expect(text).toContain(expected);
    }
    // One portrait body, three landscape annexes.
    const sections = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(4);
    expect(sections.filter((s) => s.includes('w:orient="landscape"'))).toHaveLength(3);

    const excel = await fetchAs(reviewer, `/api/reports/rollup.xlsx?${query}`);
    expect(excel.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await excel.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Phụ lục I",
      "Phụ lục II",
      "Phụ lục III",
    ]);
    const rows: string[][] = [];
    workbook.worksheets[1]!.eachRow((row) => rows.push((row.values as string[]).slice(1)));
    // A row per unit that sent, with its own PAR self-score (or none), and the summed total row.
    const wardRow = rows.find((r) => r[1] === ward.name)!;
    const wardFigures = rollup.units.find((u: any) => u.unitId === ward.id).figures;
    expect(wardRow[3]).toBe(String(wardFigures.tasks.total.total));
    expect(wardRow[9]).toMatch(/^\d+(,\d+)?\/100 điểm/);
    expect(rows.find((r) => r[1] === sibling.name)![9]).toBe("Chưa có dữ liệu");
    expect(rows.find((r) => r[1] === "Tổng cộng")![3]).toBe(String(total.total));
    // Nobody but the upper unit: the ward is refused, and a bad query is a clear 400.
    expect((await fetchAs(siblingFocal, `/api/reports/rollup.docx?${query}`)).status).toBe(404);
    const bad = await fetchAs(reviewer, `/api/reports/rollup.xlsx?unitId=${province.id}`);
    expect(bad.status).toBe(400);
  });

  it("documents the routes", async () => {
    const docs = await t.client().get("/api/docs/json");
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(["/api/reports/{id}", "/api/reports/{id}/submit"]),
    );
  });
});
