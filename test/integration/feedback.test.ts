import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "../support/test-database.ts";
import { makeFeedbackWard, type FeedbackWard } from "../support/feedback-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Citizens' feedback (PAKN) through the real HTTP app: staff register, public pages, access.
 * The organisation (a province, its ward, a ward merged into it, two agencies, one user per role)
 * comes from feedback-fixtures.ts.
 */
let t: TestApp;
let admin: ApiClient;
let clerk: ApiClient;
let focal: ApiClient;
let officer: ApiClient;
let reviewer: ApiClient;
let viewer: ApiClient;
let citizen: ApiClient;
let org: FeedbackWard;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  org = await makeFeedbackWard(t.db.database.db);
  const signedIn = (user: { username: string; password: string }) =>
    t.signedIn(user.username, user.password);
  admin = await signedIn(org.users.admin);
  clerk = await signedIn(org.users.clerk);
  focal = await signedIn(org.users.focal);
  officer = await signedIn(org.users.officer);
  reviewer = await signedIn(org.users.reviewer);
  viewer = await signedIn(org.users.viewer);
  citizen = t.client();
  unitId = org.ward.id;
}, 120_000);
afterAll(() => t.close());

function register(client: ApiClient, overrides: Record<string, unknown> = {}) {
  return client.post("/api/feedback", {
    unitId,
    channel: "phone",
    senderName: "Trần Văn Bình",
    senderPhone: "0987 654 321",
    title: "Thời gian chứng thực bản sao quá lâu",
    content: "Tôi chờ hơn 2 giờ để chứng thực bản sao giấy khai sinh.",
    receivedAt: "2026-03-02 09:00",
    ...overrides,
  });
}

function step(client: ApiClient, id: string, body: Record<string, unknown>) {
  return client.post(`/api/feedback/${id}/transitions`, body);
}

/** The masked public texts proposed for review, as the clerk confirms them unchanged. */
async function proposedPublication(client: ApiClient, id: string) {
  const { title, content, answer } = (await client.get(`/api/feedback/${id}/publication-preview`))
    .body.data;
  return { title: title.text, content: content.text, answer: answer.text };
}

async function countFeedback() {
  return (await admin.get("/api/feedback?limit=1")).body.total as number;
}

describe(`citizen feedback (PAKN) on ${testDatabaseKind}`, () => {
  it("registers feedback from a staff channel: PAKN code per unit and day, due dates in working days", async () => {
    const first = await register(clerk);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data).toMatchObject({
      code: "PAKN.20260302.0001",
      state: "received",
      stateLabel: "Đã tiếp nhận",
      channelLabel: "Điện thoại",
      countedFrom: "2026-03-02",
      dueDate: "2026-03-23",
      transferDueDate: "2026-03-09",
      ruleSet: "2008",
      allowedActions: ["classify", "transfer", "reject"],
      can: { write: true, answer: true },
    });
    const second = await register(focal, { channel: "zalo" });
    expect(second.body.data.code).toBe("PAKN.20260302.0002");
    // Saturday: counted from Monday 09/03; 15 and 5 working days later.
    const saturday = await register(clerk, { receivedAt: "2026-03-07 10:00" });
    expect(saturday.body.data).toMatchObject({
      code: "PAKN.20260307.0001",
      countedFrom: "2026-03-09",
      dueDate: "2026-03-30",
      transferDueDate: "2026-03-16",
    });
    // Just before Tết 2026 (14–22/02 off): transfer due 27/02, answer due 13/03.
    const tet = await register(clerk, { receivedAt: "2026-02-13 16:30" });
    expect(tet.body.data).toMatchObject({ dueDate: "2026-03-13", transferDueDate: "2026-02-27" });
  });

  it("never reuses a code when feedback is registered concurrently", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        register(i % 2 ? clerk : focal, { receivedAt: "2026-07-01 09:00" }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const codes = results.map((r) => r.body.data.code as string).sort();
    expect(codes).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PAKN.20260701.000${n}`));
  });

  it("walks received → classified → assigned → answered → published, each step audited", async () => {
    const id = (await register(clerk, { receivedAt: "2026-04-01 08:30" })).body.data.id;
    const early = await step(clerk, id, { action: "publish", at: "2026-04-01 09:00" });
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({
      code: "FEEDBACK_TRANSITION_INVALID",
      message:
        "Không thể “Công khai kết quả” khi phản ánh, kiến nghị đang ở trạng thái “Đã tiếp nhận”.",
    });
    const unclassified = await step(clerk, id, { action: "classify", at: "2026-04-01 09:00" });
    expect(unclassified.status).toBe(400);
    expect(unclassified.body.error.code).toBe("FEEDBACK_CLASSIFICATION_REQUIRED");
    const classified = await step(clerk, id, {
      action: "classify",
      classification: "conduct",
      at: "2026-04-01 09:00",
    });
    expect(classified.body.data).toMatchObject({
      state: "classified",
      classificationLabel: "Hành vi hành chính",
    });
    const badAgency = await step(clerk, id, {
      action: "assign",
      agencyId: "00000000-0000-4000-8000-000000000000",
      at: "2026-04-01 09:30",
    });
    expect(badAgency.body.error.code).toBe("FEEDBACK_AGENCY_INVALID");
    const assigned = await step(clerk, id, {
      action: "assign",
      agencyId: org.agencies.answering.id,
      at: "2026-04-01 09:30",
    });
    expect(assigned.body.data).toMatchObject({
      state: "assigned",
      assignedAgencyName: org.agencies.answering.name,
    });
    // The agency officer answers what is assigned to their agency, but does not publish.
    const seen = (await officer.get(`/api/feedback/${id}`)).body.data;
    expect(seen.allowedActions).toEqual(["answer"]);
    const empty = await step(officer, id, { action: "answer", answer: "   " });
    expect(empty.body.error).toMatchObject({
      code: "FEEDBACK_ANSWER_REQUIRED",
      message: "Vui lòng nhập nội dung trả lời.",
    });
    const backwards = await step(officer, id, {
      action: "answer",
      answer: "Đã chấn chỉnh.",
      at: "2026-04-01 09:00",
    });
    expect(backwards.body.error.code).toBe("FEEDBACK_TIME_INVALID");
    const answered = await step(officer, id, {
      action: "answer",
      answer: "UBND phường đã chấn chỉnh công chức và bố trí thêm người tiếp nhận.",
      at: "2026-04-08 14:00",
    });
    expect(answered.body.data).toMatchObject({
      state: "answered",
      answeredByName: org.users.officer.fullName,
      timeliness: "early",
    });
    const officerPublish = await step(officer, id, { action: "publish" });
    expect(officerPublish.status).toBe(403);
    expect(officerPublish.body.error.code).toBe("FORBIDDEN");
    const published = await step(clerk, id, {
      action: "publish",
      at: "2026-04-08 15:00",
      publication: await proposedPublication(clerk, id),
    });
    expect(published.body.data).toMatchObject({ state: "published", allowedActions: [] });
    expect(published.body.data.events.map((e: any) => e.action)).toEqual([
      "receive",
      "classify",
      "assign",
      "answer",
      "publish",
    ]);
    // The workflow's own events (full reads are logged too: full-read-log.test.ts).
    const audit = (await admin.get("/api/audit?entityType=feedback")).body.data.filter(
      (e: any) => e.entityId === id && e.action.startsWith("feedback."),
    );
    expect(audit.map((e: any) => e.action)).toEqual([
      ...Array(4).fill("feedback.transition"),
      "feedback.receive",
    ]);
  });

  it("transfers feedback outside competence within 5 working days and rejects with a reason", async () => {
    const out = (await register(clerk, { receivedAt: "2026-03-02 10:00" })).body.data;
    const noTarget = await step(clerk, out.id, {
      action: "transfer",
      note: "Thuộc thẩm quyền của Sở",
      at: "2026-03-03 09:00",
    });
    expect(noTarget.body.error.code).toBe("FEEDBACK_REASON_REQUIRED");
    const noReason = await step(clerk, out.id, {
      action: "transfer",
      transferredTo: "Sở Tài nguyên và Môi trường",
      at: "2026-03-03 09:00",
    });
    expect(noReason.body.error).toMatchObject({
      code: "FEEDBACK_REASON_REQUIRED",
      message: "Vui lòng ghi rõ lý do khi “Chuyển cơ quan có thẩm quyền”.",
    });
    const late = await step(clerk, out.id, {
      action: "transfer",
      transferredTo: "Sở Tài nguyên và Môi trường",
      note: "Nội dung về quy hoạch sử dụng đất cấp tỉnh",
      at: "2026-03-10 09:00",
    });
    expect(late.body.data).toMatchObject({
      state: "transferred",
      transferredTo: "Sở Tài nguyên và Môi trường",
      timeliness: "late",
      allowedActions: [],
    });

    const spam = (await register(clerk, { receivedAt: "2026-03-02 11:00" })).body.data;
    expect((await step(clerk, spam.id, { action: "reject" })).body.error.code).toBe(
      "FEEDBACK_REASON_REQUIRED",
    );
    const rejected = await step(clerk, spam.id, {
      action: "reject",
      note: "Nội dung là khiếu nại, hướng dẫn gửi theo Luật Khiếu nại",
      at: "2026-03-02 15:00",
    });
    expect(rejected.body.data).toMatchObject({ state: "rejected", timeliness: null });
  });

  it("lists with filters and shows open feedback past its due date as overdue", async () => {
    const overdue = (await clerk.get("/api/feedback?overdue=true&limit=200")).body;
    expect(overdue.data.length).toBeGreaterThan(0);
    for (const item of overdue.data) {
      expect(["received", "classified", "assigned"]).toContain(item.state);
      expect(item.timeliness).toBe("overdue");
      expect(item.timelinessLabel).toBe("Quá hạn");
    }
    const zalo = (await clerk.get("/api/feedback?channel=zalo")).body.data;
    expect(zalo.map((f: any) => f.code)).toEqual(["PAKN.20260302.0002"]);
    const conduct = (await clerk.get("/api/feedback?classification=conduct")).body.data;
    expect(conduct.every((f: any) => f.classification === "conduct")).toBe(true);
    const march = (await clerk.get("/api/feedback?from=2026-03-07&to=2026-03-07")).body.data;
    expect(march.map((f: any) => f.code)).toEqual(["PAKN.20260307.0001"]);
    const search = (await clerk.get("/api/feedback?q=PAKN.20260307")).body.data;
    expect(search).toHaveLength(1);
    const bad = await clerk.get("/api/feedback?state=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("pages the register by cursor: pages of two are the whole list, in order, once each", async () => {
    const whole = (await clerk.get("/api/feedback?limit=200")).body;
    expect(whole.data.length).toBeGreaterThan(2);
    expect(whole).toMatchObject({ total: whole.data.length, totalCapped: false, nextCursor: null });
    type Page = { data: { id: string }[]; total: number; nextCursor: string | null };
    const first: Page = (await clerk.get("/api/feedback?limit=2")).body;
    expect(first.total).toBe(whole.data.length);
    const paged: string[] = first.data.map((f) => f.id);
    // Feedback received meanwhile, newest of all: the pages after the cursor answer the total the
    // first page counted (carried in the cursor, not counted again); a new first page counts it.
    const newest = (await register(clerk, { receivedAt: "2026-09-01 09:00" })).body.data;
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page: Page = (await clerk.get(`/api/feedback?limit=2&cursor=${cursor}`)).body;
      expect(page.total).toBe(whole.data.length);
      paged.push(...page.data.map((f) => f.id));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(whole.data.map((f: { id: string }) => f.id));
    const again: Page = (await clerk.get("/api/feedback?limit=2")).body;
    expect([again.total, again.data[0]!.id]).toEqual([whole.data.length + 1, newest.id]);
    const [at, code, id] = JSON.parse(Buffer.from(first.nextCursor!, "base64url").toString());
    for (const forged of [
      [at, code, id, 10_001, true],
      [at, code, id, -1, false],
    ]) {
      const cursorText = Buffer.from(JSON.stringify(forged)).toString("base64url");
      const refused = await clerk.get(`/api/feedback?limit=2&cursor=${cursorText}`);
      expect(refused.body.error.code).toBe("REGISTER_CURSOR_INVALID");
    }
    const foreign = await clerk.get("/api/feedback?cursor=bm90LWEtY3Vyc29y");
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("REGISTER_CURSOR_INVALID");
  });

  it("limits access: agency officers see their agency's, viewers read, reviewers read descendants", async () => {
    const other = (await register(clerk, { receivedAt: "2026-05-04 09:00" })).body.data;
    await step(clerk, other.id, {
      action: "classify",
      classification: "regulation",
      at: "2026-05-04 10:00",
    });
    await step(clerk, other.id, {
      action: "assign",
      agencyId: org.agencies.other.id,
      at: "2026-05-04 10:30",
    });
    expect((await officer.get(`/api/feedback/${other.id}`)).status).toBe(404);
    const officerList = (await officer.get("/api/feedback?limit=200")).body;
    expect(officerList.can.register).toBe(false);
    expect(officerList.data.length).toBeGreaterThan(0);
    expect(
      officerList.data.every((f: any) => f.assignedAgencyName === org.agencies.answering.name),
    ).toBe(true);
    const foreign = await step(officer, other.id, { action: "answer", answer: "Trả lời" });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("FEEDBACK_NOT_FOUND");

    const viewed = (await viewer.get(`/api/feedback/${other.id}`)).body.data;
    expect(viewed).toMatchObject({ allowedActions: [], can: { write: false, answer: false } });
    expect((await register(viewer)).status).toBe(403);
    expect(
      (await step(viewer, other.id, { action: "answer", answer: "Trả lời" })).body.error.code,
    ).toBe("FORBIDDEN");

    const fromProvince = (await reviewer.get("/api/feedback?limit=200")).body;
    expect(fromProvince.total).toBe(await countFeedback());
    expect(fromProvince.can.register).toBe(false);
    expect((await reviewer.get(`/api/feedback/${other.id}`)).body.data.allowedActions).toEqual([]);
    expect((await register(reviewer)).status).toBe(403);

    expect((await citizen.get("/api/feedback")).status).toBe(401);
  });

  it("refuses bad input with clear Vietnamese errors and writes nothing", async () => {
    const before = await countFeedback();
    const phone = await register(clerk, { senderPhone: "12ab", receivedAt: "2026-06-01 09:00" });
    expect(phone.status).toBe(400);
    expect(phone.body.error).toEqual({
      code: "FEEDBACK_PHONE_INVALID",
      message: "Số điện thoại “12ab” không hợp lệ (cần 9–12 chữ số).",
    });
    const future = await register(clerk, { receivedAt: "2099-01-01 09:00" });
    expect(future.body.error.code).toBe("FEEDBACK_TIME_INVALID");
    const missing = await register(clerk, { title: "  ", channel: "fax" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("VALIDATION_FAILED");
    const messages = missing.body.error.details.map((d: any) => d.message).join(" | ");
    expect(messages).toContain("Kênh tiếp nhận không hợp lệ.");
    expect(messages).toContain("Không được để trống.");
    const malformed = await register(clerk, { receivedAt: "01/06/2026" });
    expect(malformed.body.error.code).toBe("VALIDATION_FAILED");
    expect(await countFeedback()).toBe(before);
    // The failed attempts used no number: the day's sequence starts at 0001.
    const ok = await register(clerk, { receivedAt: "2026-06-01 09:00" });
    expect(ok.body.data.code).toBe("PAKN.20260601.0001");
  });

  it("takes public feedback without login, masks personal data, and records the sender's satisfaction", async () => {
    const units = (await citizen.get("/api/public/feedback/units")).body.data;
    expect(units.map((u: any) => u.code)).toContain(org.ward.code);
    expect(units.map((u: any) => u.code)).not.toContain(org.formerWard.code);

    const unknownUnit = await citizen.post("/api/public/feedback", {
      unitCode: "99999",
      senderName: "Lê Thị Hoa",
      senderPhone: "0905 111 222",
      title: "Đề nghị",
      content: "Nội dung",
    });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.code).toBe("FEEDBACK_UNIT_INVALID");
    const badEmail = await citizen.post("/api/public/feedback", {
      unitCode: org.ward.code,
      senderName: "Lê Thị Hoa",
      senderPhone: "0905 111 222",
      senderEmail: "không-phải-email",
      title: "Đề nghị",
      content: "Nội dung",
    });
    expect(badEmail.body.error.details[0].message).toBe("Địa chỉ thư điện tử không hợp lệ.");

    const sent = await citizen.post("/api/public/feedback", {
      unitCode: org.ward.code,
      senderName: "Lê Thị Hoa",
      senderPhone: "0905 111 222",
      senderEmail: "hoa.le@example.com",
      title: "Đề nghị niêm yết phí chứng thực",
      content:
        "Đề nghị niêm yết rõ phí chứng thực tại Bộ phận Một cửa. Liên hệ 0905 111 222 hoặc hoa.le@example.com.",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.data).toMatchObject({
      unitName: org.ward.name,
      senderPhone: "*******222",
    });
    const code = sent.body.data.code as string;
    expect(code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);

    const wrong = await citizen.get(`/api/public/feedback/${code}?phoneLast4=0000`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("FEEDBACK_LOOKUP_FAILED");
    const status = (await citizen.get(`/api/public/feedback/${code}?phoneLast4=1222`)).body.data;
    expect(status).toMatchObject({
      senderName: "L* T** H**",
      senderPhone: "*******222",
      stateLabel: "Đã tiếp nhận",
      answer: null,
      canRateSatisfaction: false,
    });
    const tooEarly = await citizen.post(`/api/public/feedback/${code}/satisfaction`, {
      phoneLast4: "1222",
      satisfaction: "satisfied",
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe("FEEDBACK_NOT_PUBLISHED");

    const staffList = (await clerk.get(`/api/feedback?q=${code}`)).body.data;
    expect(staffList[0]).toMatchObject({
      channel: "public_web",
      isSubmittedPublicly: true,
      senderPhone: "0905 111 222",
    });
    const id = staffList[0].id;
    await step(clerk, id, { action: "classify", classification: "regulation" });
    await step(clerk, id, {
      action: "answer",
      answer: "Bộ phận Một cửa đã niêm yết phí chứng thực theo Thông tư 226/2016/TT-BTC.",
    });
    await step(clerk, id, { action: "publish", publication: await proposedPublication(clerk, id) });

    const list = (await citizen.get(`/api/public/feedback?unitCode=${org.ward.code}`)).body.data;
    const item = list.items.find((i: any) => i.code === code);
    expect(item).toMatchObject({
      senderName: "L* T** H**",
      classificationLabel: "Quy định hành chính",
      answer: "Bộ phận Một cửa đã niêm yết phí chứng thực theo Thông tư 226/2016/TT-BTC.",
    });
    expect(item.content).toBe(
      "Đề nghị niêm yết rõ phí chứng thực tại Bộ phận Một cửa. Liên hệ *******222 hoặc ***@example.com.",
    );
    expect(JSON.stringify(list)).not.toContain("0905 111 222");
    expect(JSON.stringify(list)).not.toContain("hoa.le@");

    const rated = await citizen.post(`/api/public/feedback/${code}/satisfaction`, {
      phoneLast4: "1222",
      satisfaction: "unsatisfied",
      note: "Trả lời còn chậm",
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.data).toMatchObject({
      satisfactionLabel: "Không hài lòng",
      canRateSatisfaction: false,
    });
    const again = await citizen.post(`/api/public/feedback/${code}/satisfaction`, {
      phoneLast4: "1222",
      satisfaction: "satisfied",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("FEEDBACK_SATISFACTION_RECORDED");
    const detail = (await clerk.get(`/api/feedback/${id}`)).body.data;
    expect(detail).toMatchObject({
      satisfaction: "unsatisfied",
      satisfactionNote: "Trả lời còn chậm",
    });
    // The workflow's own events (full reads are logged too: full-read-log.test.ts).
    const audit = (await admin.get("/api/audit?entityType=feedback")).body.data.filter(
      (e: any) => e.entityId === id && e.action.startsWith("feedback."),
    );
    expect(audit.map((e: any) => [e.action, e.actorName])).toContainEqual([
      "feedback.receive",
      "Người dân (trang công khai)",
    ]);
    expect(audit.map((e: any) => e.action)).toContain("feedback.satisfaction");

    const unknown = await citizen.get("/api/public/feedback?unitCode=99999");
    expect(unknown.body.error.code).toBe("FEEDBACK_UNIT_INVALID");
  });

  it("measures the plan target feedback_on_time_rate", async () => {
    const plan = await focal.post("/api/plans", {
      unitId,
      title: "Kế hoạch thử số liệu phản ánh, kiến nghị tháng 3/2026",
      period: { kind: "other", start: "2026-03-01", end: "2026-03-31" },
      targets: [
        {
          text: "100% phản ánh, kiến nghị được xử lý đúng hạn",
          metric: "feedback_on_time_rate",
          comparator: "eq",
          value: 100,
          unit: "percent",
        },
      ],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const planId = plan.body.data.id;
    // March so far: PAKN.20260302.0001, .0002 and .20260307.0001 are open and overdue (counted,
    // not on time); the transferred and rejected ones are outside the rate. Answer one on time.
    const open = (await clerk.get("/api/feedback?from=2026-03-01&to=2026-03-31&overdue=true")).body
      .data;
    expect(open).toHaveLength(3);
    const first = open.find((f: any) => f.code === "PAKN.20260302.0001");
    await step(clerk, first.id, {
      action: "classify",
      classification: "regulation",
      at: "2026-03-03 09:00",
    });
    await step(clerk, first.id, {
      action: "answer",
      answer: "Đã trả lời.",
      at: "2026-03-20 09:00",
    });
    const [target] = (await focal.get(`/api/plans/${planId}`)).body.data.targets;
    expect(target.measuredAutomatically).toBe(true);
    expect(target.measured).toBeCloseTo(100 / 3, 5);
  });

  it("rate-limits public submissions", async () => {
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const response = await citizen.post("/api/public/feedback", {
        unitCode: org.ward.code,
        senderName: "Nguyễn An",
        senderPhone: "0912 000 111",
        title: `Góp ý ${i}`,
        content: "Nội dung góp ý",
      });
      status = response.status;
      if (status === 429) expect(response.body.error.code).toBe("RATE_LIMITED");
    }
    expect(status).toBe(429);
  });
});
