import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUnit, type MadeUnit, type MadeUser } from "../support/factories.ts";
import { makeWardTeam, type WardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

const PROVINCE_NAME = "Tỉnh Lam Sơn";
const WARD_NAME = "Phường Cao Xanh";

let t: TestApp;
let team: WardTeam<"admin" | "reviewer" | "leader" | "focal" | "officer">;
let sibling: MadeUnit;
let focal: ApiClient;
let communeId: string;

const signedIn = (user: MadeUser) => t.signedIn(user.username, user.password);

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  team = await makeWardTeam(db, ["admin", "reviewer", "leader", "focal", "officer"], {
    provinceName: PROVINCE_NAME,
    wardName: WARD_NAME,
  });
  sibling = await makeUnit(db, { parent: team.province, name: "Phường Hồng Hà" });
  focal = await signedIn(team.users.focal);
  communeId = team.ward.id;
});
afterAll(() => t.close());

function upload(
  client: ApiClient,
  path: string,
  content: Uint8Array,
  filename: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(content)]), filename);
  return client.request("POST", path, { body: form });
}

async function createYearPlan(client: ApiClient, extra: Record<string, unknown> = {}) {
  const response = await client.post("/api/plans", {
    unitId: communeId,
    title: "Cải cách hành chính phường Cao Xanh năm 2026",
    period: { kind: "year", year: 2026 },
    targets: [
      {
        text: "100% nhiệm vụ hoàn thành đúng hạn",
        metric: "tasks_completed_rate",
        comparator: "eq",
        value: 100,
        unit: "percent",
      },
      {
        text: "Chỉ số CCHC đạt từ 9,5 điểm trở lên",
        metric: "par_index_score",
        comparator: "gte",
        value: 9.5,
        unit: "points",
      },
    ],
    tasks: [
      {
        areaKey: "direction",
        text: "Ban hành Kế hoạch CCHC năm 2026",
        leadAgencyId: team.agencies.office.id,
        timeline: "Quý I/2026",
        deliverable: "Kế hoạch",
      },
      {
        areaKey: "procedures",
        text: "Rà soát, đơn giản hóa thủ tục hành chính",
        leadAgencyId: team.agencies.justice.id,
        supportAgencyIds: [team.agencies.office.id],
        timeline: "Hằng quý",
      },
      {
        areaKey: "digital_government",
        text: "Số hóa kết quả giải quyết TTHC",
        leadAgencyId: team.agencies.oneStop.id,
        timeline: "khi nào rảnh",
      },
    ],
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.id as string;
}

describe("plans", () => {
  it("creates a plan with targets and tasks, parses timelines and rolls progress up", async () => {
    const id = await createYearPlan(focal);
    const view = (await focal.get(`/api/plans/${id}`)).body;
    expect(view.can).toMatchObject({ edit: true, issue: true, amend: false });
    expect(view.data.periodLabel).toBe("Năm 2026");
    expect(view.data.areas.map((a: any) => a.key)).toEqual([
      "direction",
      "procedures",
      "digital_government",
    ]);
    const [first, recurring, vague] = view.data.tasks;
    expect(first).toMatchObject({
      dueDate: "2026-03-31",
      leadAgencyName: team.agencies.office.name,
      needsReview: false,
    });
    expect(recurring.occurrences.map((o: any) => o.dueDate)).toEqual([
      "2026-03-31",
      "2026-06-30",
      "2026-09-30",
      "2026-12-31",
    ]);
    expect(vague).toMatchObject({ timelineRaw: "khi nào rảnh", dueDate: null, needsReview: true });
    expect(view.data.progress.summary).toMatch(/^0\/3 nhiệm vụ hoàn thành/);
    const [tasksTarget, parScore] = view.data.targets;
    expect(tasksTarget).toMatchObject({ measuredAutomatically: true, measured: 0 });
    expect(parScore).toMatchObject({
      measuredAutomatically: false,
      state: "no_data",
      stateLabel: "Chưa có số liệu",
    });
    const measured = await focal.request("PUT", `/api/targets/${parScore.id}/measurement`, {
      json: { manualValue: 9.6, manualNote: "Theo kết quả tự chấm" },
    });
    expect(measured.status).toBe(200);
    const remeasured = (await focal.get(`/api/plans/${id}`)).body.data.targets[1];
    expect(remeasured).toMatchObject({ measured: 9.6, state: "achieved" });

    const done = await focal.post(`/api/tasks/${first.id}/updates`, {
      status: "completed",
      completedOn: "2026-03-20",
      comment: "Đã ban hành",
    });
    expect(done.status).toBe(200);
    const after = (await focal.get(`/api/plans/${id}`)).body.data;
    expect(after.progress.summary).toMatch(/^1\/3 nhiệm vụ hoàn thành/);
    expect(after.tasks[0]).toMatchObject({ effectiveStatus: "completed", progress: 100 });
    expect(after.targets[0].measured).toBeCloseTo(33.33, 1);
    const changes = (await focal.get(`/api/plans/${id}/changes?since=2026-01-01`)).body.data;
    expect(changes[0]).toMatchObject({
      taskId: first.id,
      comment: "Đã ban hành",
      changes: { status: { from: "not_started", to: "completed" } },
    });
  });

  it("stores a title typed with its kind without it, so documents print the kind once", async () => {
    const created = await focal.post("/api/plans", {
      unitId: communeId,
      title: "Kế hoạch kế hoạch kiểm soát thủ tục hành chính năm 2026",
      period: { kind: "year", year: 2026 },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await focal.get(`/api/plans/${id}`)).body.data.title).toBe(
      "Kiểm soát thủ tục hành chính năm 2026",
    );
    const renamed = await focal.patch(`/api/plans/${id}`, { title: "KẾ HOẠCH Tuyên truyền CCHC" });
    expect(renamed.status).toBe(200);
    const response = await fetch(`${t.url}/api/plans/${id}/document.docx`, {
      headers: { cookie: focal.cookie! },
    });
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, " ");
    expect(text).toContain("Tuyên truyền CCHC");
    expect(text.toLowerCase()).not.toMatch(/kế hoạch\s+kế hoạch/u);
  });

  it("explains bad input in Vietnamese and keeps nothing of a failed plan", async () => {
    const before = (await focal.get("/api/plans")).body.data.length;
    const badAgency = await focal.post("/api/plans", {
      unitId: communeId,
      title: "Kế hoạch lỗi",
      period: { kind: "year", year: 2026 },
      tasks: [
        { areaKey: "direction", text: "X", leadAgencyId: "00000000-0000-4000-8000-000000000000" },
      ],
    });
    expect(badAgency.status).toBe(400);
    expect(badAgency.body.error.code).toBe("TASK_AGENCY_INVALID");
    const badPeriod = await focal.post("/api/plans", {
      unitId: communeId,
      title: "K",
      period: { kind: "half_year", year: 2026 },
    });
    expect(badPeriod.body.error).toMatchObject({
      code: "PLAN_PERIOD_INVALID",
      message: expect.stringContaining("6 tháng"),
    });
    const badDate = await focal.post("/api/plans", {
      unitId: communeId,
      title: "K",
      period: { kind: "year", year: 2026 },
      issuedDate: "31/02/2026",
    });
    expect(badDate.body.error.code).toBe("VALIDATION_FAILED");
    expect((await focal.get("/api/plans")).body.data.length).toBe(before);
  });

  it("needs a reason to pause, refuses future completion dates", async () => {
    const id = await createYearPlan(focal);
    const task = (await focal.get(`/api/plans/${id}`)).body.data.tasks[1];
    const paused = await focal.post(`/api/tasks/${task.id}/updates`, { status: "paused" });
    expect(paused.status).toBe(400);
    expect(paused.body.error.details[0].message).toMatch(/lý do tạm dừng/);
    const future = await focal.post(`/api/tasks/${task.id}/updates`, {
      status: "completed",
      completedOn: "2099-01-01",
    });
    expect(future.body.error.details[0].message).toMatch(/không được sau ngày hôm nay/);
    expect(
      (
        await focal.post(`/api/tasks/${task.id}/updates`, {
          status: "paused",
          reason: "Chờ hướng dẫn",
        })
      ).status,
    ).toBe(200);
  });

  it("lets an agency officer update only their agency's tasks", async () => {
    const id = await createYearPlan(focal);
    const tasks = (await focal.get(`/api/plans/${id}`)).body.data.tasks;
    const officer = await signedIn(team.users.officer);
    const view = (await officer.get(`/api/plans/${id}`)).body;
    expect(view.can.edit).toBe(false);
    expect(view.data.tasks.map((x: any) => x.can.update)).toEqual([false, true, false]);
    expect(
      (
        await officer.post(`/api/tasks/${tasks[1].id}/updates`, {
          status: "in_progress",
          progress: 40,
        })
      ).status,
    ).toBe(200);
    expect(
      (await officer.post(`/api/tasks/${tasks[0].id}/updates`, { status: "in_progress" })).status,
    ).toBe(403);
    expect((await officer.patch(`/api/plans/${id}`, { title: "Đổi tên" })).status).toBe(403);
    // A draft's tasks are not yet work: "việc của tôi" lists them once the plan is issued.
    const mineOf = async () =>
      (await officer.get("/api/tasks?view=mine")).body.data.map((x: any) => x.id);
    expect(await mineOf()).not.toContain(tasks[1].id);
    const leader = await signedIn(team.users.leader);
    expect((await leader.post(`/api/plans/${id}/issue`, {})).status).toBe(200);
    const mine = await mineOf();
    expect(mine).toContain(tasks[1].id);
    expect(mine).not.toContain(tasks[0].id);
    const other = await signedIn(team.users.admin);
    expect((await other.get(`/api/plans/${id}`)).status).toBe(200);
  });

  it("lists the tasks due in a range, as a report counts them for its period", async () => {
    const id = await createYearPlan(focal);
    const leader = await signedIn(team.users.leader);
    expect((await leader.post(`/api/plans/${id}/issue`, {})).status).toBe(200);
    const tasks = (await focal.get(`/api/plans/${id}`)).body.data.tasks;
    const due = tasks.map((x: any) => [x.id, x.dueDate]);
    const listed = async (query: string) =>
      (await focal.get(`/api/tasks?view=all&planId=${id}&unitId=${communeId}${query}`)).body.data
        .map((x: any) => x.id)
        .sort();
    const expected = (from: string, to: string) =>
      due
        .filter(([, d]: [string, string | null]) => d !== null && d >= from && d <= to)
        .map(([taskId]: [string]) => taskId)
        .sort();
    expect(await listed("")).toHaveLength(3);
    // Quarter I: the task due on 31/03 (both ends included); the one without a due day is out.
    const q1 = await listed("&dueFrom=2026-01-01&dueTo=2026-03-31");
    expect(q1).toEqual(expected("2026-01-01", "2026-03-31"));
    expect(q1).toContain(tasks[0].id);
    expect(q1).not.toContain(tasks[2].id);
    expect(await listed("&dueTo=2025-12-31")).toEqual([]);
    expect(await listed("&dueFrom=2026-04-01")).toEqual(expected("2026-04-01", "9999-12-31"));
    const bad = await focal.get("/api/tasks?dueFrom=2026-02-30");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("stores evidence checked by content, with its hash, and serves it back", async () => {
    const id = await createYearPlan(focal);
    const task = (await focal.get(`/api/plans/${id}`)).body.data.tasks[0];
    const pdf = new TextEncoder().encode("%PDF-1.4\n% bằng chứng\n%%EOF\n");
    const ok = await upload(focal, `/api/tasks/${task.id}/evidence`, pdf, "Quyết định 28.pdf", {
      documentNumber: "28/QĐ-UBND",
      documentDate: "2026-02-02",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({
      contentType: "application/pdf",
      documentNumber: "28/QĐ-UBND",
      sizeBytes: pdf.length,
    });
    expect(ok.body.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    const exe = await upload(
      focal,
      `/api/tasks/${task.id}/evidence`,
      new TextEncoder().encode("MZ\x90\x00 not a pdf"),
      "baocao.pdf",
    );
    expect(exe.status).toBe(415);
    expect(exe.body.error).toMatchObject({
      code: "EVIDENCE_TYPE_NOT_ALLOWED",
      message: expect.stringContaining(".exe"),
    });
    const download = await fetch(`${t.url}/api/evidence/${ok.body.data.id}/download`, {
      headers: { cookie: focal.cookie! },
    });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    const updates = (await focal.get(`/api/tasks/${task.id}/updates`)).body.data;
    expect(updates.evidence).toHaveLength(1);
    const outsider = await signedIn(team.users.admin);
    await outsider.post("/api/units", {
      code: "X9",
      name: "Xã Ngoài",
      level: "commune",
      parentId: team.province.id,
    });
  });

  it("issues the plan read-only, as a Word file in the state format, and amends it with history", async () => {
    const id = await createYearPlan(focal, {
      planNumber: "15/KH-UBND",
      decisionNumber: "28/QĐ-UBND",
      signerName: "Nguyễn Văn Hòa",
      signerTitle: "Chủ tịch",
    });
    const leader = await signedIn(team.users.leader);
    expect((await leader.post(`/api/plans/${id}/issue`, { issuedDate: "2026-02-02" })).status).toBe(
      200,
    );
    const edit = await focal.patch(`/api/plans/${id}`, { title: "Sửa sau khi ban hành" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("PLAN_NOT_EDITABLE");
    const task = (await focal.get(`/api/plans/${id}`)).body.data.tasks[0];
    expect(
      (await focal.post(`/api/tasks/${task.id}/updates`, { status: "in_progress", progress: 50 }))
        .status,
    ).toBe(200);

    const response = await fetch(`${t.url}/api/plans/${id}/document.docx`, {
      headers: { cookie: focal.cookie! },
    });
    expect(response.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "28/QĐ-UBND",
      "QUYẾT ĐỊNH",
      // Signed by the chair in person: the chair issues, and the plan says so.
      "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CAO XANH",
      "Kèm theo Quyết định số 28/QĐ-UBND ngày 02 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân phường Cao Xanh",
      "KẾ HOẠCH",
      "Ban hành Kế hoạch CCHC năm 2026",
      "Nguyễn Văn Hòa",
    ]) {
      expect(text).toContain(expected);
    }
    // Issued with the decision (ND 30 Mẫu 1.3), the plan prints no number of its own; the ward's
    // committee prints no body above it; the chair signs without TM.
    expect(text).not.toContain("15/KH-UBND");
    expect(text).not.toContain("TỈNH LAM SƠN");
    expect(text).not.toContain("TM. ỦY BAN NHÂN DÂN");
    expect(xml).toContain("w:tblHeader");
    const xlsx = await fetch(`${t.url}/api/plans/${id}/appendix.xlsx`, {
      headers: { cookie: focal.cookie! },
    });
    expect(xlsx.status).toBe(200);

    const amended = await focal.post(`/api/plans/${id}/amend`);
    expect(amended.status).toBe(201);
    const draft = (await focal.get(`/api/plans/${amended.body.data.id}`)).body.data;
    expect(draft).toMatchObject({ status: "draft", version: 2, amendsPlanId: id });
    expect(draft.tasks[0]).toMatchObject({ status: "in_progress", progress: 50 });
    await leader.post(`/api/plans/${draft.id}/issue`, {});
    expect((await focal.get(`/api/plans/${id}`)).body.data.status).toBe("superseded");
  });

  it("keeps issuer, signer, bases and tasks through import → export → import", async () => {
    const leader = await signedIn(team.users.leader);
    async function exportAndImport(id: string) {
      const docx = await fetch(`${t.url}/api/plans/${id}/document.docx`, {
        headers: { cookie: focal.cookie! },
      });
      const bytes = new Uint8Array(await docx.arrayBuffer());
      const imported = await upload(
        focal,
        `/api/plan-imports?unitId=${communeId}`,
        bytes,
        "kh.docx",
      );
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      return imported.body.data.draft;
    }
    const first = await createYearPlan(focal, {
      title: "Cải cách hành chính phường Cao Xanh năm 2026 (vòng)",
      decisionNumber: "31/QĐ-UBND",
      signerAuthority: "TM.",
      signerTitle: "Phó Chủ tịch",
      signerName: "Trần Văn Nam",
      bases: [
        {
          type: "Kế hoạch",
          number: "412/KH-UBND",
          date: "2025-12-26",
          issuer: "UBND tỉnh Lam Sơn",
          text: "Kế hoạch số 412/KH-UBND về cải cách hành chính nhà nước năm 2026",
        },
      ],
    });
    expect(
      (await leader.post(`/api/plans/${first}/issue`, { issuedDate: "2026-02-04" })).status,
    ).toBe(200);
    const draft = await exportAndImport(first);
    expect(draft).toMatchObject({
      decisionNumber: "31/QĐ-UBND",
      issuedDate: "2026-02-04",
      signerAuthority: "TM.",
      signerTitle: "PHÓ CHỦ TỊCH",
      signerName: "Trần Văn Nam",
    });
    const basesOf = (plan: any) => plan.bases.map((b: any) => [b.type, b.number, b.date, b.issuer]);
    expect(basesOf(draft)).toEqual([
      ["Luật", null, "2025-06-16", null],
      ["Kế hoạch", "412/KH-UBND", "2025-12-26", "UBND tỉnh Lam Sơn"],
    ]);
    const tasksOf = (plan: any) => plan.tasks.map((task: any) => [task.text, task.leadAgencyId]);
    const original = (await focal.get(`/api/plans/${first}`)).body.data;
    expect(tasksOf(draft)).toEqual(tasksOf(original));

    // Saved and exported again: nothing doubles, the signer keeps its form.
    const second = await focal.post("/api/plans", {
      unitId: communeId,
      title: draft.title,
      period: { kind: "year", year: 2026 },
      decisionNumber: draft.decisionNumber,
      issuedDate: draft.issuedDate,
      signerAuthority: draft.signerAuthority,
      signerTitle: draft.signerTitle,
      signerName: draft.signerName,
      bases: draft.bases,
      tasks: draft.tasks.map((task: any) => ({
        areaKey: task.areaKey,
        text: task.text,
        leadAgencyId: task.leadAgencyId,
        timeline: task.timeline ?? "",
      })),
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const again = await exportAndImport(second.body.data.id);
    expect(basesOf(again)).toEqual(basesOf(draft));
    expect(again).toMatchObject({
      signerAuthority: "TM.",
      signerTitle: "PHÓ CHỦ TỊCH",
      decisionNumber: "31/QĐ-UBND",
    });
    expect(tasksOf(again)).toEqual(tasksOf(draft));
  });

  it("cascades from the province's plan and shows children's progress upward", async () => {
    const admin = await signedIn(team.users.admin);
    const provinceId = team.province.id;
    const upper = await admin.post("/api/plans", {
      unitId: provinceId,
      title: "Cải cách hành chính tỉnh Lam Sơn năm 2026",
      period: { kind: "year", year: 2026 },
      planNumber: "12/KH-UBND",
      tasks: [
        {
          areaKey: "procedures",
          text: "Công khai 100% thủ tục hành chính",
          timeline: "Thường xuyên",
        },
        { areaKey: "civil_service", text: "Đánh giá, xếp loại công chức", timeline: "Quý IV/2026" },
      ],
    });
    const upperTasks = (await admin.get(`/api/plans/${upper.body.data.id}`)).body.data.tasks;
    expect((await focal.get(`/api/plans/${upper.body.data.id}`)).status).toBe(404);
    expect((await focal.get("/api/plans?upper=true")).body.data).toEqual([]);
    // Its tasks have no lead agency: issuing lists them and waits for a confirmation.
    const unconfirmed = await admin.post(`/api/plans/${upper.body.data.id}/issue`, {});
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe("PLAN_TASKS_WITHOUT_LEAD");
    expect(unconfirmed.body.error.message).toContain("Còn 2 nhiệm vụ chưa có cơ quan chủ trì");
    expect(unconfirmed.body.error.details.map((d: any) => d.message)).toEqual([
      "Công khai 100% thủ tục hành chính",
      "Đánh giá, xếp loại công chức",
    ]);
    expect((await admin.get(`/api/plans/${upper.body.data.id}`)).body.data.status).toBe("draft");
    const confirmed = await admin.post(`/api/plans/${upper.body.data.id}/issue`, {
      confirmTasksWithoutLead: true,
    });
    expect(confirmed.status).toBe(200);
    expect((await focal.get("/api/plans?upper=true")).body.data.map((p: any) => p.id)).toEqual([
      upper.body.data.id,
    ]);
    const child = await focal.post("/api/plans", {
      unitId: communeId,
      title: "Cải cách hành chính phường Cao Xanh năm 2026 (theo tỉnh)",
      period: { kind: "year", year: 2026 },
      upperPlanId: upper.body.data.id,
      upperTaskIds: [upperTasks[0].id],
    });
    expect(child.status, JSON.stringify(child.body)).toBe(201);
    const childView = (await focal.get(`/api/plans/${child.body.data.id}`)).body.data;
    expect(childView.tasks).toHaveLength(1);
    expect(childView.tasks[0]).toMatchObject({
      parentTaskId: upperTasks[0].id,
      text: "Công khai 100% thủ tục hành chính",
    });
    expect(childView.bases[0]).toMatchObject({
      linkedPlanId: upper.body.data.id,
      text: expect.stringContaining("12/KH-UBND"),
    });
    await focal.post(`/api/tasks/${childView.tasks[0].id}/updates`, {
      status: "in_progress",
      progress: 30,
    });
    const upperView = (await admin.get(`/api/plans/${upper.body.data.id}`)).body.data;
    expect(upperView.tasks[0].children).toEqual([
      expect.objectContaining({ unitName: WARD_NAME, status: "in_progress", progress: 30 }),
    ]);
    const reversed = await admin.post("/api/plans", {
      unitId: provinceId,
      title: "Sai",
      period: { kind: "year", year: 2026 },
      upperPlanId: child.body.data.id,
      upperTaskIds: [],
    });
    expect(reversed.body.error.code).toBe("PLAN_SOURCE_INVALID");
  });

  it("keeps other communes out", async () => {
    const id = await createYearPlan(focal);
    const admin = await signedIn(team.users.admin);
    await admin.post("/api/users", {
      username: "hongHa.focal",
      fullName: "Đầu mối Hồng Hà",
      password: "mat-khau-thu-nghiem",
      unitId: sibling.id,
      roles: [{ role: "focal_officer", unitId: sibling.id }],
    });
    const stranger = await t.signedIn("hongha.focal", "mat-khau-thu-nghiem");
    expect((await stranger.get(`/api/plans/${id}`)).status).toBe(404);
    expect((await stranger.get("/api/plans")).body.data).toEqual([]);
    const task = (await focal.get(`/api/plans/${id}`)).body.data.tasks[0];
    expect((await stranger.post(`/api/tasks/${task.id}/updates`, { progress: 10 })).status).toBe(
      404,
    );
    const reviewer = await signedIn(team.users.reviewer);
    const reviewed = await reviewer.get(`/api/plans/${id}`);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.can.edit).toBe(false);

    // The plans list's unit filter (the reviewer reads many units): only that unit's plans.
    const hongHaPlan = await stranger.post("/api/plans", {
      unitId: sibling.id,
      title: "Cải cách hành chính phường Hồng Hà năm 2026",
      period: { kind: "year", year: 2026 },
    });
    expect(hongHaPlan.status, JSON.stringify(hongHaPlan.body)).toBe(201);
    const all = (await reviewer.get("/api/plans")).body.data as any[];
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([id, hongHaPlan.body.data.id]));
    const ofCommune = (await reviewer.get(`/api/plans?unitId=${communeId}`)).body.data as any[];
    expect(ofCommune.map((p) => p.id)).toContain(id);
    expect(ofCommune.every((p) => p.unitId === communeId)).toBe(true);
    expect(ofCommune.length).toBe(all.filter((p) => p.unitId === communeId).length);
    const ofHongHa = (await reviewer.get(`/api/plans?unitId=${sibling.id}`)).body.data as any[];
    expect(ofHongHa.map((p) => p.id)).toEqual([hongHaPlan.body.data.id]);
    // A unit the caller cannot read is not there.
    const outside = await stranger.get(`/api/plans?unitId=${communeId}`);
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe("UNIT_NOT_FOUND");
  });

  it("adds a task reported quarterly, half-yearly and yearly: one occurrence per due day", async () => {
    const id = await createYearPlan(focal, { tasks: [] });
    const added = await focal.post(`/api/plans/${id}/tasks`, {
      areaKey: "direction",
      text: "Báo cáo công tác cải cách hành chính",
      leadAgencyId: team.agencies.office.id,
      timeline: "Định kỳ hằng quý, 6 tháng và năm",
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const task = (await focal.get(`/api/plans/${id}`)).body.data.tasks[0];
    expect(task.occurrences.map((o: any) => [o.dueDate, o.label])).toEqual([
      ["2026-03-31", "Quý I/2026"],
      ["2026-06-30", "Quý II/2026, 6 tháng đầu năm 2026"],
      ["2026-09-30", "Quý III/2026"],
      ["2026-12-31", "Quý IV/2026, 6 tháng cuối năm 2026, Năm 2026"],
    ]);
  });
});
