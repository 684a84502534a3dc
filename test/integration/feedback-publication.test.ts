import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "../support/test-database.ts";
import { makeFeedbackWard, type FeedbackWard } from "../support/feedback-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Publishing a feedback answer: the clerk reviews the public text with personal data masked and
 * confirms it; the public pages show only that text. Reproduces the leak of the review: the
 * sender's name in full in the title, content and answer, and her phone written in the text.
 * The ward and its clerk and viewer come from feedback-fixtures.ts.
 */
let t: TestApp;
let org: FeedbackWard;
let clerk: ApiClient;
let viewer: ApiClient;
let citizen: ApiClient;

/** The sender, to the ward of `org` (`sender()` adds its code). */
const SENDER = {
  senderName: "Nguyễn Thị Thuỷ",
  senderPhone: "0912 345 678",
  senderEmail: "thuy.nguyen@gmail.com",
  senderAddress: "Số 12 đường Trần Hưng Đạo, phường Hồng Hà",
};
const TITLE = "Chị Nguyễn Thị Thuỷ phản ánh việc chậm trả kết quả";
const CONTENT =
  "Tôi là Nguyễn Thị Thủy, ở số 12 đường Trần Hưng Đạo, tổ 5, khu 3. Hồ sơ 000.00.12.H56-250715-0001 nộp ngày 12/03/2026, lệ phí 1.500.000 đồng, hẹn trả chưa có. Gọi tôi 0912.345.678, Zalo +84 912 345 678 hoặc thuy.nguyen@gmail.com. CCCD 022186001234.";
const ANSWER =
  "Trả lời bà Thuỷ (SĐT 0912345678): theo Quyết định số 28/QĐ-UBND, hồ sơ đã được trả ngày 20/03/2026. Mọi thắc mắc xin gọi đường dây nóng 0203 3825 123.";

/** Every way the sender's name and phone may be written, none of which may reach the public. */
const LEAKS = [
  "Thuỷ",
  "Thủy",
  "Thuy",
  "0912",
  "345 678",
  "345.678",
  "345678",
  "912 345",
  "thuy.nguyen",
  "Trần Hưng Đạo",
  "022186001234",
];

const sender = () => ({ unitCode: org.ward.code, ...SENDER });

function expectNoLeak(body: unknown) {
  const json = JSON.stringify(body);
  for (const leak of LEAKS) expect(json, leak).not.toContain(leak);
}

function step(client: ApiClient, id: string, body: Record<string, unknown>) {
  return client.post(`/api/feedback/${id}/transitions`, body);
}

let id: string;
let code: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  org = await makeFeedbackWard(t.db.database.db);
  clerk = await t.signedIn(org.users.clerk.username, org.users.clerk.password);
  viewer = await t.signedIn(org.users.viewer.username, org.users.viewer.password);
  citizen = t.client();
  const sent = await citizen.post("/api/public/feedback", {
    ...sender(),
    title: TITLE,
    content: CONTENT,
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  code = sent.body.data.code;
  id = (await clerk.get(`/api/feedback?q=${code}`)).body.data[0].id;
}, 120_000);
afterAll(() => t.close());

describe(`publishing a feedback answer without personal data on ${testDatabaseKind}`, () => {
  it("shows the sender following her feedback its title masked even before publication", async () => {
    const status = await citizen.get(`/api/public/feedback/${code}?phoneLast4=5678`);
    expect(status.status).toBe(200);
    expect(status.body.data.title).toBe("Chị N***** T** T*** phản ánh việc chậm trả kết quả");
    expectNoLeak(status.body);
  });

  it("proposes the public text masked, with what was found, to the clerk only", async () => {
    const early = await clerk.get(`/api/feedback/${id}/publication-preview`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("FEEDBACK_TRANSITION_INVALID");

    await step(clerk, id, { action: "classify", classification: "conduct" });
    const answered = await step(clerk, id, { action: "answer", answer: ANSWER });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);

    expect((await viewer.get(`/api/feedback/${id}/publication-preview`)).status).toBe(403);
    expect((await citizen.get(`/api/feedback/${id}/publication-preview`)).status).toBe(401);
    const preview = await clerk.get(`/api/feedback/${id}/publication-preview`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const { title, content, answer } = preview.body.data;
    expect(title.text).toBe("Chị N***** T** T*** phản ánh việc chậm trả kết quả");
    expect(content.text).toBe(
      "Tôi là N***** T** T***, ở ***, ***. Hồ sơ 000.00.12.H56-250715-0001 nộp ngày 12/03/2026, lệ phí 1.500.000 đồng, hẹn trả chưa có. Gọi tôi *******678, Zalo ********678 hoặc ***@gmail.com. CCCD *********234.",
    );
    expect(answer.text).toBe(
      "Trả lời bà T*** (SĐT *******678): theo Quyết định số 28/QĐ-UBND, hồ sơ đã được trả ngày 20/03/2026. Mọi thắc mắc xin gọi đường dây nóng ********123.",
    );
    expect(content.spans.map((s: any) => [s.kind, s.ofSender])).toEqual([
      ["name", true],
      ["address", true],
      ["address", false],
      ["phone", true],
      ["phone", true],
      ["email", true],
      ["id_number", false],
    ]);
    for (const span of content.spans) {
      expect(content.text.slice(span.start, span.end)).toBe(span.replacement);
    }
    const hotline = answer.spans.find((s: any) => s.original === "0203 3825 123");
    expect(hotline).toMatchObject({ kind: "phone", ofSender: false, mustStayMasked: false });
  });

  it("refuses to publish without the confirmed public text, or with the sender's data in it", async () => {
    const bare = await step(clerk, id, { action: "publish" });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe("FEEDBACK_PUBLIC_TEXT_REQUIRED");

    const raw = await step(clerk, id, {
      action: "publish",
      publication: { title: TITLE, content: CONTENT, answer: ANSWER },
    });
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe("FEEDBACK_PUBLIC_TEXT_HAS_PERSONAL_DATA");
    const paths = raw.body.error.details.map((d: any) => d.path);
    expect(new Set(paths)).toEqual(
      new Set(["publication.title", "publication.content", "publication.answer"]),
    );
    expect(raw.body.error.details).toContainEqual({
      path: "publication.content",
      message: "Số điện thoại của người gửi: *******678",
    });
    expectNoLeak(raw.body);

    const partly = await step(clerk, id, {
      action: "publish",
      publication: { title: "Phản ánh việc chậm trả kết quả", content: "Nội dung", answer: ANSWER },
    });
    expect(partly.body.error.code).toBe("FEEDBACK_PUBLIC_TEXT_HAS_PERSONAL_DATA");
    expect(partly.body.error.details.map((d: any) => d.message)).toEqual([
      "Họ tên của người gửi: T***",
      "Số điện thoại của người gửi: *******678",
    ]);
    expect((await clerk.get(`/api/feedback/${id}`)).body.data.state).toBe("answered");
  });

  it("publishes the text the clerk confirmed; the public list and lookup show nothing else", async () => {
    const preview = (await clerk.get(`/api/feedback/${id}/publication-preview`)).body.data;
    // The clerk puts the office hotline back: it is not the sender's and may be published.
    const answer = preview.answer.text.replace("********123", "0203 3825 123");
    const published = await step(clerk, id, {
      action: "publish",
      publication: { title: preview.title.text, content: preview.content.text, answer },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data).toMatchObject({
      state: "published",
      title: TITLE,
      publicTitle: preview.title.text,
      publicContent: preview.content.text,
      publicAnswer: answer,
      publicConfirmedByName: org.users.clerk.fullName,
    });

    const list = await citizen.get(`/api/public/feedback?unitCode=${org.ward.code}`);
    expect(list.status).toBe(200);
    const item = list.body.data.items.find((i: any) => i.code === code);
    expect(item).toMatchObject({
      title: preview.title.text,
      content: preview.content.text,
      answer,
      senderName: "N***** T** T***",
    });
    expect(Object.keys(item).sort()).toEqual(
      [
        "code",
        "title",
        "content",
        "senderName",
        "classificationLabel",
        "agencyName",
        "receivedOn",
        "answeredOn",
        "publishedOn",
        "answer",
        "satisfactionLabel",
      ].sort(),
    );
    expect(item.content).toContain("000.00.12.H56-250715-0001");
    expect(item.content).toContain("12/03/2026");
    expect(item.answer).toContain("28/QĐ-UBND");
    expect(item.answer).toContain("0203 3825 123");
    expectNoLeak(list.body);

    const status = await citizen.get(`/api/public/feedback/${code}?phoneLast4=5678`);
    expect(status.body.data).toMatchObject({ title: preview.title.text, answer });
    expectNoLeak(status.body);
  });

  it("masks, when read, a feedback published before the public text existed", async () => {
    const sent = await citizen.post("/api/public/feedback", {
      ...sender(),
      title: "Nguyễn Thị Thuỷ đề nghị niêm yết phí",
      content: "Liên hệ 0912.345.678.",
    });
    const legacyCode = sent.body.data.code;
    const legacyId = (await clerk.get(`/api/feedback?q=${legacyCode}`)).body.data[0].id;
    // As the migration leaves rows published earlier: raw texts, no public ones.
    await t.db.database.db.execute(sql`
      update feedback set state = 'published', answer = 'Đã trả lời chị Thuỷ qua số 0912345678.',
        answered_at = now(), finished_at = now(), published_at = now(), classification = 'regulation'
      where id = ${legacyId}`);
    const list = await citizen.get(`/api/public/feedback?unitCode=${org.ward.code}`);
    const item = list.body.data.items.find((i: any) => i.code === legacyCode);
    expect(item).toMatchObject({
      title: "N***** T** T*** đề nghị niêm yết phí",
      content: "Liên hệ *******678.",
      answer: "Đã trả lời chị T*** qua số *******678.",
    });
    expectNoLeak(list.body);
    const status = await citizen.get(`/api/public/feedback/${legacyCode}?phoneLast4=5678`);
    expectNoLeak(status.body);
  });
});
