import { attachment } from "../../src/server/http/download.ts";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import {
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
  type MadeUnit,
} from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let admin: ApiClient;
let clerk: ApiClient;
let viewer: ApiClient;
let reviewer: ApiClient;
let world: WardWorld;
/** Phường Cẩm Thành's neighbour, with its own desk (000.02.22.H99) and procedure 1.004873. */
let otherWard: MadeUnit;
/** A commune whose catalogue already lists 2.000635. */
let commune: MadeUnit;
/** A special zone without desk settings yet. */
let island: MadeUnit;
const unitIds: Record<string, string> = {};
const procedureIds: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ demo: false, publicUrl: "https://cchc.example.gov.vn" });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { wardName: "Phường Cẩm Thành", agencyCode: "000.01.22.H99" });
  const { province, ward } = world;
  await makeProcedure(db, ward, { code: "1.004873", processingDays: 3, onlineLevel: "none" });
  await makeProcedure(db, ward, { code: "1.001193", name: "Thủ tục đăng ký khai sinh" });
  otherWard = await makeUnit(db, {
    parent: province,
    name: "Phường Cao Xanh",
    validFrom: "2025-07-01",
  });
  await makeDesk(db, otherWard, { agencyCode: "000.02.22.H99" });
  await makeProcedure(db, otherWard, { code: "1.004873", processingDays: 3 });
  commune = await makeUnit(db, {
    parent: province,
    kind: "xa",
    name: "Xã Thử Nghiệm",
    validFrom: "2025-07-01",
  });
  await makeProcedure(db, commune, {
    code: "2.000635",
    name: "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    processingDays: 1,
  });
  island = await makeUnit(db, {
    parent: province,
    kind: "dac_khu",
    name: "Đặc khu Thử Nghiệm",
    validFrom: "2025-07-01",
  });
  admin = await signIn(t, world.users.admin);
  clerk = await signIn(t, world.users.clerk);
  viewer = await signIn(t, world.users.viewer);
  reviewer = await signIn(t, world.users.reviewer);
  for (const unit of [province, ward, otherWard, commune, island]) unitIds[unit.code] = unit.id;
  const procedures = (await clerk.get(`/api/procedures?unitId=${ward.id}`)).body.data;
  for (const p of procedures) procedureIds[p.code] = p.id;
});
afterAll(() => t.close());

function receive(client: ApiClient, overrides: Record<string, unknown> = {}) {
  return client.post("/api/dossiers", {
    procedureId: procedureIds["1.004873"],
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
    ...overrides,
  });
}

let olderWardDesk: Promise<{ clerk: ApiClient; procedureId: string }> | null = null;

/**
 * A ward that already existed before 1 July 2025 (Cẩm Thành only begins then and refuses records
 * dated earlier): its desk, a procedure and its clerk, built once.
 */
function olderWard() {
  olderWardDesk ??= (async () => {
    const db = t.db.database.db;
    const ward = await makeUnit(db, { parent: world.province, name: "Phường Hồng Hà" });
    await makeDesk(db, ward, { agencyCode: "000.31.22.H99" });
    const procedure = await makeProcedure(db, ward, { code: "1.004873", processingDays: 3 });
    const user = await makeUser(db, { unit: ward, role: "clerk" });
    return { clerk: await t.signedIn(user.username, user.password), procedureId: procedure.id };
  })();
  return olderWardDesk;
}

function step(client: ApiClient, id: string, action: string, at: string, note?: string) {
  return client.post(`/api/dossiers/${id}/transitions`, { action, at, ...(note ? { note } : {}) });
}

async function countDossiers() {
  return (await admin.get("/api/dossiers?limit=1")).body.total as number;
}

describe(`one-stop desk on ${testDatabaseKind}`, () => {
  it("receives a dossier: TT 01/2018 code, due date in working days, cut-off at 15:00", async () => {
    const before = await receive(clerk);
    expect(before.status).toBe(201);
    expect(before.body.data.code).toMatch(/^000\.01\.22\.H99-260302-\d{4}$/);
    expect(before.body.data).toMatchObject({
      state: "received",
      countedFrom: "2026-03-02",
      dueDate: "2026-03-05",
      ruleSet: "2025",
      allowedActions: ["hand_over", "refuse", "withdraw"],
    });
    // Friday after the cut-off: counted from Monday, due three working days later.
    const after = await receive(clerk, { receivedAt: "2026-03-06 15:01" });
    expect(after.body.data).toMatchObject({ countedFrom: "2026-03-09", dueDate: "2026-03-12" });
    expect(after.body.data.code).toMatch(/-260306-0001$/);
  });

  it("walks the state machine over HTTP and refuses every invalid step in Vietnamese", async () => {
    const id = (await receive(clerk)).body.data.id;
    const invalid = await step(clerk, id, "resolve", "2026-03-02 10:00");
    expect(invalid.status).toBe(409);
    expect(invalid.body.error).toMatchObject({
      code: "DOSSIER_TRANSITION_INVALID",
      message: "Không thể “Có kết quả giải quyết” khi hồ sơ đang ở trạng thái “Đã tiếp nhận”.",
    });
    const tuPhap = (await admin.get(`/api/agencies?unitId=${world.ward.id}`)).body.data.find(
      (a: any) => a.name === "Tư pháp - Hộ tịch",
    );
    const handed = await clerk.post(`/api/dossiers/${id}/transitions`, {
      action: "hand_over",
      at: "2026-03-02 10:00",
      toAgencyId: tuPhap.id,
    });
    expect(handed.body.data).toMatchObject({
      state: "in_progress",
      handlerAgencyName: "Tư pháp - Hộ tịch",
    });
    const noReason = await step(clerk, id, "request_supplement", "2026-03-03 09:00");
    expect(noReason.body.error.code).toBe("DOSSIER_REASON_REQUIRED");
    expect(
      (await step(clerk, id, "request_supplement", "2026-03-03 09:00", "Thiếu tờ khai")).body.data
        .state,
    ).toBe("supplement_requested");
    const backwards = await step(clerk, id, "receive_supplement", "2026-03-02 08:00");
    expect(backwards.body.error.code).toBe("DOSSIER_TIME_INVALID");
    expect((await step(clerk, id, "receive_supplement", "2026-03-04 09:00")).body.data.state).toBe(
      "in_progress",
    );
    expect((await step(clerk, id, "resolve", "2026-03-05 09:00")).body.data.state).toBe("resolved");
    const returned = await step(clerk, id, "return_result", "2026-03-05 10:00");
    // One working day paused (04/03), so the due date moved to 06/03 and 05/03 is early.
    expect(returned.body.data).toMatchObject({
      state: "returned",
      allowedActions: [],
      timeliness: "early",
      dueDate: "2026-03-06",
    });
    expect(returned.body.data.events.map((e: any) => e.toState)).toEqual([
      "received",
      "in_progress",
      "supplement_requested",
      "in_progress",
      "resolved",
      "returned",
    ]);
    for (const action of ["hand_over", "resolve", "refuse", "stop", "withdraw", "return_result"]) {
      const response = await step(clerk, id, action, "2026-03-05 11:00", "lý do");
      expect(response.status, action).toBe(409);
      expect(response.body.error.code).toBe("DOSSIER_TRANSITION_INVALID");
    }
    const audit = (await admin.get(`/api/audit?entityType=dossier`)).body.data.filter(
      (e: any) => e.entityId === id,
    );
    expect(audit.map((e: any) => e.action)).toEqual([
      ...Array(5).fill("dossier.transition"),
      "dossier.receive",
    ]);
  });

  it("pauses the clock while the applicant supplements: the due date moves by the paused working days", async () => {
    const id = (await receive(clerk)).body.data.id; // due Thursday 05/03
    await step(clerk, id, "hand_over", "2026-03-02 10:00");
    await step(clerk, id, "request_supplement", "2026-03-03 09:00", "Bổ sung giấy tờ");
    // Received back Monday 09/03: Wednesday, Thursday, Friday and Monday were paused.
    const resumed = await step(clerk, id, "receive_supplement", "2026-03-09 09:00");
    expect(resumed.body.data).toMatchObject({
      dueDate: "2026-03-11",
      originalDueDate: "2026-03-05",
      pausedWorkingDays: 4,
    });
    expect(resumed.body.data.pauses[0]).toMatchObject({ pausedWorkingDays: 4 });
    const resolved = await step(clerk, id, "resolve", "2026-03-11 16:00");
    expect(resolved.body.data).toMatchObject({ state: "resolved", timeliness: "on_time" });
  });

  it("counts a second supplement request as late and requires the apology before finishing", async () => {
    const id = (await receive(clerk)).body.data.id;
    await step(clerk, id, "hand_over", "2026-03-02 10:00");
    await step(clerk, id, "request_supplement", "2026-03-02 11:00", "Lần 1");
    await step(clerk, id, "receive_supplement", "2026-03-02 14:00");
    await step(clerk, id, "request_supplement", "2026-03-03 09:00", "Lần 2");
    await step(clerk, id, "receive_supplement", "2026-03-03 10:00");
    const eventsBefore = (await clerk.get(`/api/dossiers/${id}`)).body.data.events.length;
    const refused = await step(clerk, id, "resolve", "2026-03-04 09:00");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("DOSSIER_APOLOGY_REQUIRED");
    expect(refused.body.error.message).toContain("Văn bản xin lỗi và đề nghị gia hạn");
    const unchanged = (await clerk.get(`/api/dossiers/${id}`)).body.data;
    expect(unchanged).toMatchObject({ state: "in_progress", finishedAt: null });
    expect(unchanged.events.length).toBe(eventsBefore);
    const withoutApology = async () =>
      (await clerk.get(`/api/dossiers?q=${unchanged.code}&withoutApology=true`)).body.data;
    expect(await withoutApology()).toEqual([expect.objectContaining({ id })]);
    const apology = await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Hồ sơ phải bổ sung lần hai",
      newDueDate: "2026-03-10",
      at: "2026-03-04 08:00",
    });
    expect(apology.status).toBe(201);
    expect(apology.body.data.apologies[0]).toMatchObject({
      newDueDate: "2026-03-10",
      title: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    });
    // The new appointment is the dossier's rescheduled date everywhere it is listed; the due date
    // that decides lateness stays.
    expect(apology.body.data).toMatchObject({ rescheduledDueDate: "2026-03-10" });
    const listed = (await clerk.get(`/api/dossiers?q=${apology.body.data.code}`)).body.data;
    expect(listed).toEqual([
      expect.objectContaining({ id, rescheduledDueDate: "2026-03-10", dueDate: unchanged.dueDate }),
    ]);
    expect(await withoutApology()).toEqual([]);
    // A second letter: its date is the one listed.
    const second = await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chờ ý kiến của cơ quan phối hợp",
      newDueDate: "2026-03-12",
      at: "2026-03-04 08:30",
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.data).toMatchObject({ rescheduledDueDate: "2026-03-12" });
    expect((await clerk.get(`/api/dossiers?q=${apology.body.data.code}`)).body.data).toEqual([
      expect.objectContaining({ id, rescheduledDueDate: "2026-03-12" }),
    ]);
    const resolved = await step(clerk, id, "resolve", "2026-03-04 09:00");
    expect(resolved.body.data).toMatchObject({ state: "resolved", timeliness: "late" });
  });

  it("requires an apology for a dossier finished after its due date", async () => {
    const id = (await receive(clerk)).body.data.id; // due 05/03
    await step(clerk, id, "hand_over", "2026-03-02 10:00");
    expect((await step(clerk, id, "resolve", "2026-03-06 09:00")).body.error.code).toBe(
      "DOSSIER_APOLOGY_REQUIRED",
    );
    const badDate = await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chậm",
      newDueDate: "2026-03-07",
      at: "2026-03-05 16:00",
    });
    expect(badDate.body.error.code).toBe("DOSSIER_APOLOGY_INVALID"); // a Saturday
    await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chậm",
      newDueDate: "2026-03-09",
      at: "2026-03-05 16:00",
    });
    expect((await step(clerk, id, "resolve", "2026-03-06 09:00")).body.data.timeliness).toBe(
      "late",
    );
  });

  it("follows the rule set in force at receipt: no stop notice before 1 July 2025", async () => {
    const older = await olderWard();
    const received = await receive(older.clerk, {
      procedureId: older.procedureId,
      receivedAt: "2025-06-30 09:00",
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const old = received.body.data;
    expect(old).toMatchObject({
      ruleSet: "2018",
      apologyTitle: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    });
    await step(older.clerk, old.id, "hand_over", "2025-06-30 10:00");
    const stop = await step(
      older.clerk,
      old.id,
      "stop",
      "2025-06-30 11:00",
      "Người nộp đề nghị dừng",
    );
    expect(stop.status).toBe(409);
    expect(stop.body.error.message).toMatch(/01\/07\/2025/);
    const recent = (await receive(clerk, { receivedAt: "2025-07-01 09:00" })).body.data;
    await step(clerk, recent.id, "hand_over", "2025-07-01 10:00");
    const stopped = await step(
      clerk,
      recent.id,
      "stop",
      "2025-07-01 11:00",
      "Người nộp đề nghị dừng",
    );
    expect(stopped.body.data).toMatchObject({ state: "stopped", reason: "Người nộp đề nghị dừng" });
  });

  it("gives concurrent receipts unique, consecutive codes", async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        receive(clerk, { receivedAt: "2026-04-01 08:30", applicantName: `Người ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const sequences = responses
      .map((r) => Number(r.body.data.code.slice(-4)))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("pages the register by cursor: each dossier once, the pages after the first answering its total", async () => {
    for (let i = 0; i < 6; i++) {
      expect((await receive(clerk, { receivedAt: "2026-04-02 08:30" })).status).toBe(201);
    }
    const first = (await clerk.get("/api/dossiers?limit=4")).body;
    expect(first.total).toBeGreaterThanOrEqual(6);
    expect(first.nextCursor).toEqual(expect.any(String));
    const ids: string[] = first.data.map((d: any) => d.id);
    // A dossier received meanwhile: the pages after the cursor still answer the list's total as
    // the first page counted it (not counted again); a new first page counts it.
    expect((await receive(clerk, { receivedAt: "2026-04-03 08:30" })).status).toBe(201);
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await clerk.get(`/api/dossiers?limit=4&cursor=${cursor}`)).body;
      expect([page.total, page.totalCapped]).toEqual([first.total, first.totalCapped]);
      ids.push(...page.data.map((d: any) => d.id));
      cursor = page.nextCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(first.total);
    expect((await clerk.get("/api/dossiers?limit=4")).body.total).toBe(first.total + 1);
    // A cursor carrying a total no page could have answered is refused.
    const [at, id] = JSON.parse(Buffer.from(first.nextCursor, "base64url").toString("utf8"));
    for (const forged of [
      [at, id, 10_001, true],
      [at, id, -1, false],
      [at, id, 3, "yes"],
    ]) {
      const refused = await clerk.get(
        `/api/dossiers?limit=4&cursor=${Buffer.from(JSON.stringify(forged)).toString("base64url")}`,
      );
      expect(refused.body.error.code).toBe("REGISTER_CURSOR_INVALID");
    }
  });

  it("keeps a commune's clerk out of another commune's dossiers", async () => {
    const otherProcedures = (await admin.get(`/api/procedures?unitId=${otherWard.id}`)).body.data;
    const otherProcedure = otherProcedures.find((p: any) => p.code === "1.004873");
    const foreign = await receive(admin, { procedureId: otherProcedure.id });
    expect(foreign.status).toBe(201);
    expect(foreign.body.data.code).toMatch(/^000\.02\.22\.H99-/);
    const id = foreign.body.data.id;
    expect((await clerk.get(`/api/dossiers/${id}`)).body.error.code).toBe("DOSSIER_NOT_FOUND");
    expect((await step(clerk, id, "hand_over", "2026-03-02 10:00")).body.error.code).toBe(
      "DOSSIER_NOT_FOUND",
    );
    expect((await receive(clerk, { procedureId: otherProcedure.id })).body.error.code).toBe(
      "PROCEDURE_NOT_FOUND",
    );
    expect(
      (await clerk.get("/api/dossiers?limit=500")).body.data.some((d: any) => d.id === id),
    ).toBe(false);
    // Readers of the commune see its dossiers but cannot change them; the province reviewer sees all.
    const own = (await viewer.get("/api/dossiers?limit=1")).body.data[0];
    expect(own.can.write).toBe(false);
    expect((await step(viewer, own.id, "withdraw", "2026-11-01 10:00", "x")).status).toBe(403);
    expect((await receive(viewer)).status).toBe(403);
    expect((await reviewer.get(`/api/dossiers/${id}`)).status).toBe(200);
  });

  it("answers the public lookup only with the right phone digits, and masks personal data", async () => {
    const dossier = (
      await receive(clerk, { applicantName: "Đinh Công Tráng", applicantPhone: "0977.654.321" })
    ).body.data;
    const anonymous = t.client();
    const found = await anonymous.get(`/api/public/dossiers/${dossier.code}?phoneLast4=4321`);
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({
      code: dossier.code,
      applicantName: "Đ*** C*** T****",
      applicantPhone: "*******321",
      stateLabel: "Đã tiếp nhận",
      dueDate: "2026-03-05",
    });
    // The whole number, typed in another format, proves the phone as well.
    const whole = await anonymous.get(
      `/api/public/dossiers/${dossier.code}?phoneLast4=${encodeURIComponent("+84 977 654 321")}`,
    );
    expect(whole.body.data).toMatchObject({ code: dossier.code });
    expect(
      (await anonymous.get(`/api/public/dossiers/${dossier.code}?phoneLast4=0977654320`)).status,
    ).toBe(404);
    expect(JSON.stringify(found.body)).not.toContain("Tráng");
    expect(JSON.stringify(found.body)).not.toContain("0977");
    for (const [code, digits] of [
      [dossier.code, "1234"],
      ["000.01.22.H99-260302-9999", "4321"],
      ["không-phải-mã", "4321"],
    ]) {
      const miss = await anonymous.get(
        `/api/public/dossiers/${encodeURIComponent(code!)}?phoneLast4=${digits}`,
      );
      expect(miss.status).toBe(404);
      expect(miss.body.error.code).toBe("PUBLIC_LOOKUP_FAILED");
    }
    expect(
      (await anonymous.get(`/api/public/dossiers/${dossier.code}?phoneLast4=43`)).body.error.code,
    ).toBe("VALIDATION_FAILED");
    expect((await anonymous.get(`/api/dossiers/${dossier.id}`)).status).toBe(401);
    const published = await anonymous.get(`/api/public/procedures?unitCode=${world.ward.code}`);
    expect(published.body.data.unitName).toBe("Phường Cẩm Thành");
    expect(published.body.data.procedures.map((p: any) => p.code)).toContain("1.001193");
    expect((await anonymous.get("/api/public/procedures?unitCode=khong-co")).body.error.code).toBe(
      "UNIT_NOT_FOUND",
    );
  });

  it("rejects bad input with a clear Vietnamese error and writes nothing", async () => {
    const before = await countDossiers();
    const cases: [Record<string, unknown>, string][] = [
      [{ procedureId: "00000000-0000-4000-8000-000000000000" }, "PROCEDURE_NOT_FOUND"],
      [{ receivedAt: "2026-02-30 09:00" }, "VALIDATION_FAILED"],
      [{ receivedAt: "02/03/2026" }, "VALIDATION_FAILED"],
      [{ receivedAt: "2099-01-01 09:00" }, "DOSSIER_TIME_INVALID"],
      [{ applicantPhone: "gọi tôi" }, "VALIDATION_FAILED"],
      [{ applicantName: " " }, "VALIDATION_FAILED"],
      [{ channel: "fax" }, "VALIDATION_FAILED"],
    ];
    for (const [body, code] of cases) {
      const response = await receive(clerk, body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error.code, JSON.stringify(body)).toBe(code);
      expect(response.body.error.message).toMatch(/[à-ỹ]/);
    }
    const unknownAction = await clerk.post(
      `/api/dossiers/00000000-0000-4000-8000-000000000000/transitions`,
      {
        action: "teleport",
      },
    );
    expect(unknownAction.body.error.code).toBe("VALIDATION_FAILED");
    expect(await countDossiers()).toBe(before);
  });

  it("prints the receipt and the apology letter as .docx files that open", async () => {
    const dossier = (await receive(clerk)).body.data;
    const receipt = await fetch(`${t.url}/api/dossiers/${dossier.id}/receipt.docx`, {
      headers: { cookie: clerk.cookie! },
    });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(await receipt.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain(dossier.code);
    expect(xml).toContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    // The return time carries the hour: received at 09:00, due 3 working days later.
    expect(xml).toContain("09 giờ 00 phút, ngày 05 tháng 3 năm 2026");
    expect(xml).toMatch(/w:pgSz w:w="839\d" w:h="1190\d"/); // A5: 148 × 210 mm
    expect(xml).toMatch(/ngày \d\d tháng 3 năm 2026/); // ND 30: months 3–12 not padded
    expect(xml).not.toContain("tháng 03");
    expect(
      Object.keys(zip.files).some(
        (name) => name.startsWith("word/media/") && name.endsWith(".png"),
      ),
    ).toBe(true);
    // The QR and the printed link lead to the SIPAS survey of this dossier at CCHC_PUBLIC_URL.
    const unitCode = Object.entries(unitIds).find(([, id]) => id === dossier.unitId)?.[0];
    expect(unitCode).toBeDefined();
    expect(xml).toContain(
      `https://cchc.example.gov.vn/danh-gia/${unitCode}?hoSo=${encodeURIComponent(dossier.code)}`,
    );
    expect(xml).not.toContain("127.0.0.1");

    await step(clerk, dossier.id, "hand_over", "2026-03-02 10:00");
    const withApology = (
      await clerk.post(`/api/dossiers/${dossier.id}/apologies`, {
        reason: "Chờ xác minh",
        newDueDate: "2026-03-10",
        at: "2026-03-05 09:00",
      })
    ).body.data;
    const letterId = withApology.apologies[0].id;
    const letter = await fetch(
      `${t.url}/api/dossiers/${dossier.id}/apologies/${letterId}/document.docx`,
      {
        headers: { cookie: clerk.cookie! },
      },
    );
    const letterXml = await (
      await JSZip.loadAsync(await letter.arrayBuffer())
    )
      .file("word/document.xml")!
      .async("string");
    expect(letterXml).toContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    expect(letterXml).toContain("ngày 10 tháng 3 năm 2026");
    expect(letterXml).not.toContain("tháng 03");
    expect(letterXml).toContain(dossier.code);
  });
});

describe(`refusal and stop notices on ${testDatabaseKind}`, () => {
  /** Downloads a notice over HTTP; the text of word/document.xml when it is a Word file. */
  async function notice(client: ApiClient | null, id: string, kind: "refusal" | "stop") {
    const response = await fetch(`${t.url}/api/dossiers/${id}/${kind}-notice.docx`, {
      headers: client?.cookie ? { cookie: client.cookie } : {},
    });
    const type = response.headers.get("content-type") ?? "";
    const disposition = response.headers.get("content-disposition") ?? "";
    if (!type.includes("wordprocessingml")) {
      const text = await response.text();
      return { status: response.status, type, disposition, xml: "", text, body: JSON.parse(text) };
    }
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    return { status: response.status, type, disposition, xml, text: "", body: null };
  }

  it("prints the notice of a dossier refused after reception from its record (a Thông báo, not Mẫu số 03)", async () => {
    const dossier = (
      await receive(clerk, { applicantName: "Trần Văn Khải", applicantAddress: "Tổ 5, khu 2" })
    ).body.data;
    expect(dossier.can).toMatchObject({ refusalNotice: false, stopNotice: false });
    const refused = await step(
      clerk,
      dossier.id,
      "refuse",
      "2026-03-03 10:15",
      "Giấy tờ nộp không thuộc thành phần hồ sơ của thủ tục",
    );
    expect(refused.body.data).toMatchObject({
      state: "refused",
      can: { refusalNotice: true, stopNotice: false },
    });
    const doc = await notice(clerk, dossier.id, "refusal");
    expect(doc.status).toBe(200);
    expect(doc.disposition).toBe(attachment(`khong-giai-quyet-${dossier.code}.docx`));
    // The dossier was received: not the form that refuses to receive it.
    expect(doc.xml).not.toContain("PHIẾU TỪ CHỐI TIẾP NHẬN");
    expect(doc.xml).not.toContain("Mẫu số 03");
    expect(doc.xml).toContain("THÔNG BÁO");
    expect(doc.xml).toContain("Về việc không giải quyết hồ sơ");
    expect(doc.xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(doc.xml).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(doc.xml).toContain("PHƯỜNG CẨM THÀNH");
    // Still with the receiving body when refused: it sends the notice, its head signs.
    expect(doc.xml).toContain("Số: ……/TB-TTPVHCC");
    expect(doc.xml).toContain("Cẩm Thành, ngày 03 tháng 3 năm 2026");
    expect(doc.xml).toContain(dossier.code);
    expect(doc.xml).toContain("Ông/Bà Trần Văn Khải");
    expect(doc.xml).toContain("Tổ 5, khu 2");
    expect(doc.xml).toContain(dossier.procedureName);
    expect(doc.xml).toContain("09 giờ 00 phút, ngày 02/03/2026");
    expect(doc.xml).toContain("Giấy tờ nộp không thuộc thành phần hồ sơ của thủ tục");
    expect(doc.xml).toContain("GIÁM ĐỐC");
    expect(doc.xml).not.toContain("THỦ TRƯỞNG CƠ QUAN");
    expect(doc.xml).toMatch(/w:pgSz w:w="839\d" w:h="1190\d"/); // A5: 148 × 210 mm
    expect(doc.xml).toContain('w:ascii="Times New Roman"');
  });

  it("is sent by the 2018 desk for a dossier received before 1 July 2025", async () => {
    const older = await olderWard();
    const old = (
      await receive(older.clerk, { procedureId: older.procedureId, receivedAt: "2025-06-30 09:00" })
    ).body.data;
    await step(older.clerk, old.id, "refuse", "2025-06-30 10:00", "Không thuộc thẩm quyền");
    const doc = await notice(older.clerk, old.id, "refusal");
    expect(doc.status).toBe(200);
    expect(doc.xml).toContain("BỘ PHẬN TIẾP NHẬN");
    expect(doc.xml).toContain("Số: ……/TB-BPTN&amp;TKQ");
    expect(doc.xml).toContain("TRƯỞNG BỘ PHẬN");
    expect(doc.xml).not.toContain("03/2025/TT-VPCP");
    expect(doc.xml).toContain("Hồng Hà, ngày 30 tháng 6 năm 2025");
    // No stop notice exists under the 2018 rules.
    const stop = await notice(older.clerk, old.id, "stop");
    expect(stop.status).toBe(409);
    expect(stop.body.error.code).toBe("DOSSIER_STOP_NOTICE_NOT_APPLICABLE");
    expect(stop.body.error.message).toContain("01/07/2025");
  });

  it("prints the stop notice of a stopped dossier (Mẫu số 05, TT 03/2025)", async () => {
    const dossier = (await receive(clerk, { applicantName: "Vũ Thị Lan" })).body.data;
    await step(clerk, dossier.id, "hand_over", "2026-03-02 10:00");
    const stopped = await step(
      clerk,
      dossier.id,
      "stop",
      "2026-03-04 14:00",
      "Người nộp có đơn đề nghị dừng giải quyết",
    );
    expect(stopped.body.data).toMatchObject({
      state: "stopped",
      can: { refusalNotice: false, stopNotice: true },
    });
    const doc = await notice(clerk, dossier.id, "stop");
    expect(doc.status).toBe(200);
    expect(doc.type).toContain("wordprocessingml");
    expect(doc.disposition).toBe(attachment(`dung-giai-quyet-${dossier.code}.docx`));
    expect(doc.xml).toContain("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
    expect(doc.xml).toContain(
      "Mẫu số 05 ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ",
    );
    // Handed over without naming an agency: the receiving body sends it.
    expect(doc.xml).toContain("Số: ……/TB-TTPVHCC");
    expect(doc.xml).toContain("Cẩm Thành, ngày 04 tháng 3 năm 2026");
    expect(doc.xml).toContain(dossier.code);
    expect(doc.xml).toContain("Vũ Thị Lan");
    expect(doc.xml).toContain("kể từ ngày 04 tháng 3 năm 2026");
    expect(doc.xml).toContain("Người nộp có đơn đề nghị dừng giải quyết");
    expect(doc.xml).toContain("GIÁM ĐỐC");
  });

  it("answers a stable code and a Vietnamese message when the dossier is not in the right state", async () => {
    const open = (await receive(clerk)).body.data;
    const cases: [string, "refusal" | "stop", string, string][] = [
      [open.id, "refusal", "DOSSIER_NOT_REFUSED", "Đã tiếp nhận"],
      [open.id, "stop", "DOSSIER_NOT_STOPPED", "Đã tiếp nhận"],
    ];
    const refused = (await receive(clerk)).body.data;
    await step(clerk, refused.id, "refuse", "2026-03-02 11:00", "Sai thủ tục");
    cases.push([refused.id, "stop", "DOSSIER_NOT_STOPPED", "Từ chối giải quyết"]);
    const stopped = (await receive(clerk)).body.data;
    await step(clerk, stopped.id, "hand_over", "2026-03-02 10:00");
    await step(clerk, stopped.id, "stop", "2026-03-02 11:00", "Người nộp đề nghị");
    cases.push([stopped.id, "refusal", "DOSSIER_NOT_REFUSED", "Dừng giải quyết"]);
    const withdrawn = (await receive(clerk)).body.data;
    await step(clerk, withdrawn.id, "withdraw", "2026-03-02 11:00", "Rút");
    cases.push([withdrawn.id, "refusal", "DOSSIER_NOT_REFUSED", "Rút hồ sơ"]);
    for (const [id, kind, code, stateLabel] of cases) {
      const response = await notice(clerk, id, kind);
      expect(response.status, `${kind} ${code}`).toBe(409);
      expect(response.type).toContain("application/json");
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toContain(`“${stateLabel}”`);
      expect(response.text).not.toMatch(/stack|\bat \w+ \(|\.ts:\d+/);
    }
    const missing = await notice(clerk, "00000000-0000-4000-8000-000000000000", "refusal");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("DOSSIER_NOT_FOUND");
    const malformed = await notice(clerk, "khong-phai-uuid", "stop");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("lets readers of the dossier print its notices and nobody else", async () => {
    const otherProcedure = (
      await admin.get(`/api/procedures?unitId=${otherWard.id}`)
    ).body.data.find((p: any) => p.code === "1.004873");
    const foreign = (await receive(admin, { procedureId: otherProcedure.id })).body.data;
    await step(
      admin,
      foreign.id,
      "refuse",
      "2026-03-02 10:00",
      "Không thuộc thẩm quyền của phường",
    );
    expect((await notice(admin, foreign.id, "refusal")).status).toBe(200);
    // The province's reviewer reads Phường Cao Xanh, so may print it.
    expect((await notice(reviewer, foreign.id, "refusal")).status).toBe(200);
    // Phường Cẩm Thành's clerk does not even learn that it exists.
    for (const kind of ["refusal", "stop"] as const) {
      const denied = await notice(clerk, foreign.id, kind);
      expect(denied.status).toBe(404);
      expect(denied.body.error.code).toBe("DOSSIER_NOT_FOUND");
      expect(denied.text).not.toContain(foreign.code);
      const anonymous = await notice(null, foreign.id, kind);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe("AUTH_REQUIRED");
    }
    // A viewer of Phường Cẩm Thành reads its dossiers and so prints their notices.
    const own = (await receive(clerk)).body.data;
    await step(clerk, own.id, "refuse", "2026-03-02 10:00", "Sai thủ tục");
    expect((await viewer.get(`/api/dossiers/${own.id}`)).body.data.can).toMatchObject({
      write: false,
      refusalNotice: true,
    });
    expect((await notice(viewer, own.id, "refusal")).status).toBe(200);
  });

  it("documents both routes in the OpenAPI description", async () => {
    const paths = (await t.client().get("/api/docs/json")).body.paths;
    for (const path of [
      "/api/dossiers/{id}/refusal-notice.docx",
      "/api/dossiers/{id}/stop-notice.docx",
    ]) {
      expect(paths[path]?.get, path).toBeDefined();
      expect(Object.keys(paths[path].get.responses)).toEqual(
        expect.arrayContaining(["200", "401", "404", "409"]),
      );
      expect(Object.keys(paths[path].get.responses["200"].content)).toEqual([
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ]);
    }
  });
});

describe(`procedure catalogue, calendar and desk settings on ${testDatabaseKind}`, () => {
  function upload(client: ApiClient, unitId: string, content: string) {
    const form = new FormData();
    form.append("file", new Blob([content]), "thu-tuc.csv");
    return client.request("POST", `/api/procedures/import?unitId=${unitId}`, { body: form });
  }

  it("imports a catalogue all-or-nothing and idempotently", async () => {
    const unitId = commune.id;
    const count = async () =>
      (await admin.get(`/api/procedures?unitId=${unitId}&includeInactive=true`)).body.data.length;
    const before = await count();
    const csv =
      "Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn,Phí,Mức độ\n" +
      "1.004837,Thủ tục đăng ký giám hộ,Hộ tịch,3,Miễn lệ phí,\n" +
      "1.002211,Thủ tục công nhận hòa giải viên (cấp xã),Hòa giải ở cơ sở,5,Miễn phí,một phần\n" +
      '2.000635,"Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",Hộ tịch,trong ngày,8.000 đồng/bản sao,\n';
    const first = await upload(admin, unitId, csv);
    expect(first.body.data).toEqual({ created: 2, updated: 1, total: 3 });
    const again = await upload(admin, unitId, csv);
    expect(again.body.data).toEqual({ created: 0, updated: 3, total: 3 });
    expect(await count()).toBe(before + 2);
    const bad = await upload(
      admin,
      unitId,
      "Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn\n1.000001,Mới,Hộ tịch,3\nABC,Sai,Hộ tịch,nhanh\n",
    );
    expect(bad.body.error.code).toBe("PROCEDURE_IMPORT_INVALID");
    expect(bad.body.error.details.map((d: any) => d.row)).toEqual([3, 3]);
    expect(await count()).toBe(before + 2);
    // A clerk of another commune does not even see this unit; in the own unit only the catalogue is theirs.
    expect((await upload(clerk, unitId, csv)).body.error.code).toBe("UNIT_NOT_FOUND");
    expect((await upload(viewer, world.ward.id, csv)).status).toBe(403);
  });

  it("lets the clerk keep the own unit's catalogue", async () => {
    const created = await clerk.post("/api/procedures", {
      unitId: world.ward.id,
      code: "1.004837",
      name: "Thủ tục đăng ký giám hộ",
      field: "Hộ tịch",
      processingDays: 3,
      onlineLevel: "none",
    });
    expect(created.status).toBe(201);
    const duplicate = await clerk.post("/api/procedures", {
      ...created.body.data,
      id: undefined,
      can: undefined,
      unitName: undefined,
    });
    expect(duplicate.status).toBeGreaterThanOrEqual(400);
    const off = await clerk.patch(`/api/procedures/${created.body.data.id}`, { isActive: false });
    expect(off.body.data.isActive).toBe(false);
    const refused = await receive(clerk, { procedureId: created.body.data.id });
    expect(refused.body.error.code).toBe("PROCEDURE_INACTIVE");
    const elsewhere = await clerk.post("/api/procedures", {
      unitId: otherWard.id,
      code: "1.004838",
      name: "Thủ khác",
      field: "Hộ tịch",
      processingDays: 3,
    });
    expect(elsewhere.status).toBe(404);
  });

  it("serves holidays from the seed, then from an administrator's stored schedule", async () => {
    const seed = (await clerk.get("/api/calendar/holidays?year=2027")).body.data;
    expect(seed.holidays.some((h: any) => h.kind === "statutory")).toBe(true);
    // No schedule for 2027 yet: 2 September is a Thursday, so the rule adds Friday 3 September.
    expect(seed.holidays).toContainEqual({
      date: "2027-09-03",
      name: "Quốc khánh (ngày liền kề)",
      kind: "statutory",
      lunar: null,
      basis: "rule",
    });
    const schedule = {
      year: 2027,
      effectiveFrom: "2026-12-01",
      source: "Thông báo thử nghiệm",
      entries: [{ kind: "official", date: "2027-04-30", name: "Nghỉ thử nghiệm" }],
    };
    expect((await clerk.post("/api/calendar/schedules", schedule)).status).toBe(403);
    const bad = await admin.post("/api/calendar/schedules", {
      ...schedule,
      entries: [{ kind: "makeup_workday", date: "2027-04-28", name: "Làm bù" }],
    });
    expect(bad.body.error.code).toBe("CALENDAR_INVALID_SCHEDULE");
    const created = await admin.post("/api/calendar/schedules", {
      ...schedule,
      entries: [{ kind: "official", date: "2027-05-03", name: "Nghỉ thử nghiệm" }],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ year: 2027, version: 1, origin: "stored" });
    // The KPIs' processing days are recomputed by a job after the answer, which says so.
    expect(created.body.kpiRecompute.state).toBe("pending");
    expect(created.body.kpiRecompute.message).toContain("Đang chờ tính lại số ngày xử lý");
    await t.app.jobs.idle();
    const after = (await admin.get("/api/calendar/schedules")).body.kpiRecompute;
    expect(after.state).toBe("done");
    expect(after.message).toMatch(
      /^Số ngày xử lý trong các chỉ số đã được tính lại .* lúc \d\d giờ \d\d phút, ngày \d\d\/\d\d\/\d{4}\.$/,
    );
    const stored = (await clerk.get("/api/calendar/holidays?year=2027")).body.data;
    expect(stored.schedule).toMatchObject({ origin: "stored", version: 1 });
    expect(stored.holidays).toContainEqual({
      date: "2027-05-03",
      name: "Nghỉ thử nghiệm",
      kind: "official",
      lunar: null,
      basis: "official",
    });
    expect((await clerk.get("/api/calendar/holidays?year=1800")).body.error.code).toBe(
      "CALENDAR_YEAR_OUT_OF_RANGE",
    );
  });

  it("lets only administrators configure the desk", async () => {
    const unitId = island.id;
    const current = (await clerk.get(`/api/one-stop/desk-settings/${world.ward.id}`)).body.data;
    expect(current).toMatchObject({
      cutoff: "15:00",
      agencyCode: "000.01.22.H99",
      can: { update: false },
    });
    expect(
      (
        await clerk.request("PUT", `/api/one-stop/desk-settings/${world.ward.id}`, {
          json: { cutoff: "16:00", agencyCode: null },
        })
      ).status,
    ).toBe(403);
    const bad = await admin.request("PUT", `/api/one-stop/desk-settings/${unitId}`, {
      json: { cutoff: "15:00", agencyCode: "H56" },
    });
    expect(bad.body.error.code).toBe("DESK_AGENCY_CODE_INVALID");
    const badTime = await admin.request("PUT", `/api/one-stop/desk-settings/${unitId}`, {
      json: { cutoff: "25:00", agencyCode: null },
    });
    expect(badTime.body.error.code).toBe("DESK_CUTOFF_INVALID");
    const ok = await admin.request("PUT", `/api/one-stop/desk-settings/${unitId}`, {
      json: { cutoff: "16:30", agencyCode: "000.04.22.H99" },
    });
    expect(ok.body.data).toMatchObject({ cutoff: "16:30", agencyCode: "000.04.22.H99" });
  });
});
