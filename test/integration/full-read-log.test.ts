/**
 * Who read a citizen's personal data in full is logged: a dossier's detail, a document printed
 * with the applicant's data, a feedback's detail — once per user, record and kind of read a day;
 * a masked reader's read is not logged.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/server/db/schema.ts";
import { makeWardWorld, receiveDossier, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import { makeFeedbackWard, type FeedbackWard } from "../support/feedback-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let world: WardWorld;
let org: FeedbackWard;
let clerk: ApiClient;
let dossierId: string;
let dossierCode: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  world = await makeWardWorld(t.db.database.db);
  const procedure = await makeProcedure(t.db.database.db, world.ward);
  clerk = await signIn(t, world.users.clerk);
  ({ id: dossierId, code: dossierCode } = await receiveDossier(clerk, procedure.id));
  org = await makeFeedbackWard(t.db.database.db);
}, 120_000);
afterAll(() => t.close());

/** The audit entries of `action` on the record, by whom. */
async function entries(action: string, entityId: string) {
  return t.db.database.db
    .select({ actorId: auditEvents.actorId, summary: auditEvents.summary })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
}

describe("full reads of personal data", () => {
  it("logs a dossier's full detail once a day per reader, never a masked one", async () => {
    const first = await clerk.get(`/api/dossiers/${dossierId}`);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ personalData: "full", applicantName: "Hoàng Thị Mai" });
    const logged = await entries("personal_data.dossier_read", dossierId);
    expect(logged).toEqual([
      {
        actorId: world.users.clerk.id,
        summary: `Xem đầy đủ dữ liệu cá nhân của hồ sơ ${dossierCode}`,
      },
    ]);

    expect((await clerk.get(`/api/dossiers/${dossierId}`)).status).toBe(200);
    expect(await entries("personal_data.dossier_read", dossierId)).toHaveLength(1);

    const reviewer = await signIn(t, world.users.reviewer);
    const masked = await reviewer.get(`/api/dossiers/${dossierId}`);
    expect(masked.status).toBe(200);
    expect(masked.body.data.personalData).toBe("masked");
    expect(await entries("personal_data.dossier_read", dossierId)).toHaveLength(1);
  });

  it("logs a document printed with the applicant's data apart from the detail", async () => {
    expect((await clerk.get(`/api/dossiers/${dossierId}/receipt.docx`)).status).toBe(200);
    expect((await clerk.get(`/api/dossiers/${dossierId}/receipt.docx`)).status).toBe(200);
    const logged = await entries("personal_data.dossier_document", dossierId);
    expect(logged).toEqual([
      {
        actorId: world.users.clerk.id,
        summary: `In giấy tiếp nhận của hồ sơ ${dossierCode} có dữ liệu cá nhân`,
      },
    ]);
    const reviewer = await signIn(t, world.users.reviewer);
    expect((await reviewer.get(`/api/dossiers/${dossierId}/receipt.docx`)).status).toBe(200);
    expect(await entries("personal_data.dossier_document", dossierId)).toHaveLength(1);
  });

  it("logs a feedback's full detail once a day per reader, never a masked one", async () => {
    const sent = await t.client().post("/api/public/feedback", {
      unitCode: org.ward.code,
      senderName: "Nguyễn Thị Thuỷ",
      senderPhone: "0912 345 678",
      title: "Phản ánh việc chậm trả kết quả",
      content: "Hồ sơ của tôi chưa được trả kết quả đúng hẹn.",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const feedbackClerk = await t.signedIn(org.users.clerk.username, org.users.clerk.password);
    const id = (await feedbackClerk.get(`/api/feedback?q=${sent.body.data.code}`)).body.data[0].id;

    const full = await feedbackClerk.get(`/api/feedback/${id}`);
    expect(full.body.data).toMatchObject({ personalData: "full", senderName: "Nguyễn Thị Thuỷ" });
    await feedbackClerk.get(`/api/feedback/${id}`);
    expect(await entries("personal_data.feedback_read", id)).toEqual([
      {
        actorId: org.users.clerk.id,
        summary: `Xem đầy đủ dữ liệu cá nhân của phản ánh, kiến nghị ${sent.body.data.code}`,
      },
    ]);

    const reviewer = await t.signedIn(org.users.reviewer.username, org.users.reviewer.password);
    const masked = await reviewer.get(`/api/feedback/${id}`);
    expect(masked.status).toBe(200);
    expect(masked.body.data.personalData).toBe("masked");
    expect(await entries("personal_data.feedback_read", id)).toHaveLength(1);
  });

  it("keeps the audit chain valid", async () => {
    const admin = await signIn(t, world.users.admin);
    const verified = await admin.get("/api/audit/verify");
    expect(verified.status).toBe(200);
    expect(verified.body.data.ok).toBe(true);
  });
});
