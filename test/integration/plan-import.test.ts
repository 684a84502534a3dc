import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgency, type MadeUser } from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

const SAMPLES = join(import.meta.dirname, "../../../shared/samples");
/** The shared samples are an extra: the tests that read them run only where they are present. */
const hasSamples = existsSync(SAMPLES);
const SAMPLE_FILES = [
  "plan-bai-chay-2023.txt",
  "plan-chanh-lo-2024.txt",
  "plan-thuy-nguyen-2025-h2.txt",
  "plan-hoa-phong-2026-synthetic.txt",
  "plan-hoa-phong-2026-synthetic.docx",
  "plan-hoa-phong-2026-synthetic.pdf",
];

let t: TestApp;
let focal: ApiClient;
let communeId: string;
let officerUser: MadeUser;
let justiceName: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const team = await makeWardTeam(db, ["focal", "officer"]);
  // Besides the team's three, the departments the imported documents name as leads and partners.
  for (const name of ["Địa chính - Xây dựng", "Văn hóa - Xã hội", "Tài chính - Kế toán"]) {
    await makeAgency(db, team.ward, { name });
  }
  communeId = team.ward.id;
  officerUser = team.users.officer;
  justiceName = team.agencies.justice.name;
  focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
});
afterAll(() => t.close());

function upload(client: ApiClient, content: Uint8Array, filename: string, query = "") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(content)]), filename);
  return client.request("POST", `/api/plan-imports${query}`, { body: form });
}

/** What the review page sends: the draft without the review-only fields. */
function toCreateInput(draft: any) {
  return {
    ...draft,
    targets: draft.targets.map(({ line: _l, ...target }: any) => target),
    tasks: draft.tasks.map(
      ({
        line: _l,
        source: _s,
        leadText: _a,
        supportText: _b,
        monitorText: _c,
        targetText: _d,
        ...task
      }: any) => task,
    ),
  };
}

const OWN = join(import.meta.dirname, "../fixtures/plan-import/own");

describe("plan import → review → save", () => {
  it("lists what it left out, marks an empty table as an error, flags tasks and keeps the reporting schedule", async () => {
    const text = [
      readFileSync(join(OWN, "10-long-son-time-first-and-empty-table.txt"), "utf8"),
      "Chế độ báo cáo: báo cáo định kỳ hằng quý trước ngày 15 của tháng cuối quý.",
    ].join("\n");
    const response = await focal.post("/api/plan-imports", { text });
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
    const { extracted, draft, warnings, unplaced } = response.body.data;
    expect(extracted.warnings).toContainEqual(
      expect.objectContaining({ code: "TABLE_EMPTY", level: "error" }),
    );
    expect(unplaced.length).toBeGreaterThan(0);
    expect(unplaced[0]).toEqual({
      line: 8,
      text: "Các nhiệm vụ theo bảng dưới đây.",
      reason: "UNPLACED_TEXT",
    });
    expect(warnings.find((w: any) => w.code === "DRAFT_UNPLACED")?.message).toContain(
      `${unplaced.length} đoạn`,
    );
    expect(draft.tasks).toHaveLength(4);
    // A task is flagged exactly when it has no lead.
    for (const task of draft.tasks) {
      expect(task.flags.includes("no_lead")).toBe(task.leadAgencyId === null);
    }
    expect(draft.reportSchedule).toEqual([
      expect.objectContaining({
        kind: "quarterly",
        due: { rule: "day_of_last_month_of_quarter", day: 15 },
      }),
    ]);
    // The draft with its review-only fields still saves as a plan.
    const saved = await focal.post("/api/plans", toCreateInput(draft));
    expect(saved.status, JSON.stringify(saved.body).slice(0, 800)).toBe(201);
  });

  it.skipIf(!hasSamples).each(SAMPLE_FILES)(
    "imports %s into a draft for the actor's unit without saving; the draft saves as it is",
    async (name) => {
      const before = (await focal.get("/api/plans")).body.data.length;
      const response = await upload(focal, readFileSync(join(SAMPLES, name)), name);
      expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
      const { extracted, draft, warnings, source } = response.body.data;
      expect(extracted.document.title).toBeTruthy();
      expect(draft.unitId).toBe(communeId);
      expect(draft.tasks.length).toBeGreaterThan(5);
      expect(draft.areas.length).toBeGreaterThan(3);
      expect(draft.targets.length).toBe(extracted.targets.length);
      expect(source.lines.length).toBeGreaterThan(20);
      for (const task of draft.tasks) expect(task.areaKey).toMatch(/^[a-z_]+$/);
      for (const w of warnings) expect(w.message).toMatch(/\p{L}/u);
      expect((await focal.get("/api/plans")).body.data.length).toBe(before);
      // The draft, taken as it is, is a valid plan.
      const saved = await focal.post("/api/plans", toCreateInput(draft));
      expect(saved.status, JSON.stringify(saved.body).slice(0, 800)).toBe(201);
      const plan = (await focal.get(`/api/plans/${saved.body.data.id}`)).body.data;
      expect(plan.tasks).toHaveLength(draft.tasks.length);
      expect(plan.targets).toHaveLength(draft.targets.length);
    },
  );

  it.skipIf(!hasSamples)(
    "matches agency names against the unit's agencies and reports the unmatched ones",
    async () => {
      const name = "plan-hoa-phong-2026-synthetic.docx";
      const { draft, warnings, agencies } = (
        await upload(focal, readFileSync(join(SAMPLES, name)), name)
      ).body.data;
      const idOf = Object.fromEntries(agencies.map((a: any) => [a.name, a.id]));
      const first = draft.tasks.find((task: any) => task.ref === "1");
      expect(first.leadAgencyId).toBe(idOf["Văn hóa - Xã hội"]);
      expect(first.supportAgencyIds).toContain(idOf["Văn phòng HĐND và UBND"]);
      const unmatched = warnings.filter((w: any) => w.code === "DRAFT_AGENCY_UNMATCHED");
      expect(unmatched.some((w: any) => w.message.includes("Phòng Kinh tế"))).toBe(true);
      expect(unmatched.every((w: any) => typeof w.line === "number")).toBe(true);
      expect(warnings.some((w: any) => w.code === "DRAFT_CRITERIA_NOT_SAVED")).toBe(true);
    },
  );

  it.skipIf(!hasSamples)(
    "imports pasted text and saves the reviewed draft as a plan in one go",
    async () => {
      const text = readFileSync(join(SAMPLES, "plan-chanh-lo-2024.txt"), "utf8");
      const response = await focal.post("/api/plan-imports", { text });
      expect(response.status).toBe(200);
      const { draft } = response.body.data;
      // The reviewer edits a task before saving.
      draft.tasks[0].text = "Nâng cao chất lượng soạn thảo văn bản (đã rà soát)";
      draft.tasks[0].timeline = "Quý II/2024";
      const saved = await focal.post("/api/plans", toCreateInput(draft));
      expect(saved.status, JSON.stringify(saved.body).slice(0, 800)).toBe(201);
      const plan = (await focal.get(`/api/plans/${saved.body.data.id}`)).body.data;
      expect(plan.title).toBe("Cải cách hành chính phường Chánh Lộ năm 2024");
      expect(plan.periodLabel).toBe("Năm 2024");
      expect(plan.tasks).toHaveLength(draft.tasks.length);
      expect(plan.targets).toHaveLength(draft.targets.length);
      const edited = plan.tasks.find((task: any) => task.text.endsWith("(đã rà soát)"));
      expect(edited).toMatchObject({ timelineRaw: "Quý II/2024", dueDate: "2024-06-30" });
      expect(plan.tasks.some((task: any) => task.leadAgencyName === justiceName)).toBe(true);
    },
  );

  it.skipIf(!hasSamples)(
    "refuses unsupported and unreadable files with Vietnamese messages",
    async () => {
      const unsupported = await upload(focal, new TextEncoder().encode("a,b"), "ke-hoach.xls");
      expect(unsupported.status).toBe(415);
      expect(unsupported.body.error.code).toBe("IMPORT_UNSUPPORTED_FILE");
      expect(unsupported.body.error.message).toContain("ke-hoach.xls");

      const fakeWord = await upload(focal, new TextEncoder().encode("không phải Word"), "kh.docx");
      expect(fakeWord.status).toBe(422);
      expect(fakeWord.body.error.code).toBe("IMPORT_UNREADABLE_FILE");
      expect(fakeWord.body.error.message).toMatch(/Không đọc được nội dung tệp “kh.docx”/);

      const binary = await upload(focal, new Uint8Array([1, 0, 2, 0, 255, 3]), "kh.txt");
      expect(binary.body.error.code).toBe("IMPORT_UNREADABLE_FILE");

      const fakePdf = await upload(focal, new TextEncoder().encode("%PDF-1.4 rác"), "kh.pdf");
      expect(fakePdf.status).toBe(422);
      expect(fakePdf.body.error.code).toBe("IMPORT_UNREADABLE_FILE");

      const garbage = await focal.post("/api/plan-imports", { text: "xyz 123\nqwerty asdf" });
      expect(garbage.status).toBe(422);
      expect(garbage.body.error.code).toBe("IMPORT_NOTHING_FOUND");

      const empty = await focal.post("/api/plan-imports", { text: "   " });
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe("VALIDATION_FAILED");
    },
  );

  it("lets only plan writers import", async () => {
    const officer = await t.signedIn(officerUser.username, officerUser.password);
    const response = await officer.post("/api/plan-imports", { text: "Kế hoạch năm 2026" });
    expect([400, 403]).toContain(response.status);
    const asUnit = await officer.post(`/api/plan-imports?unitId=${communeId}`, {
      text: "KẾ HOẠCH Cải cách hành chính năm 2026",
    });
    expect(asUnit.status).toBe(403);
  });
});
