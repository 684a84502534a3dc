import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * One person's records anonymised on their request: the administrator looks the person up and
 * anonymises what the lookup shows, all or nothing. An open record refuses the whole request with
 * nothing changed; a record that is not the person's is refused; the closed records lose the
 * person's data (and the free texts quoting them) in one transaction with one audit entry that
 * holds neither the name nor the phone; other people's records are untouched.
 */
let t: TestApp;
let clerk: ApiClient;
let admin: ApiClient;
let reviewer: ApiClient;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

const PERSON = { name: "Lê Thị Hồng", phone: "0905123456" };

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  const ward = await makeUnit(db, { parent: province });
  await makeDesk(db, ward);
  const procedure = await makeProcedure(db, ward);
  const users = {
    clerk: await makeUser(db, { unit: ward, role: "clerk" }),
    admin: await makeUser(db, { unit: province, role: "admin" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
  };
  clerk = await t.signedIn(users.clerk.username, users.clerk.password);
  admin = await t.signedIn(users.admin.username, users.admin.password);
  reviewer = await t.signedIn(users.reviewer.username, users.reviewer.password);

  const step = async (id: string, action: string, at: string, note?: string) => {
    const response = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, note });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  // The person's closed dossier (with a supplement request quoting them), their open one, and
  // another applicant's closed dossier.
  for (const [key, name, phone] of [
    ["closed", PERSON.name, "0905 123 456"],
    ["open", PERSON.name, "+84905123456"],
    ["other", "Phan Văn Tài", "0911222333"],
  ] as const) {
    const received = await clerk.post("/api/dossiers", {
      procedureId: procedure.id,
      applicantName: name,
      applicantPhone: phone,
      channel: "in_person",
      receivedAt: "2025-09-03 09:00",
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    ids[key] = received.body.data.id;
    codes[key] = received.body.data.code;
  }
  for (const key of ["closed", "other"]) {
    await step(ids[key]!, "hand_over", "2025-09-03 10:00");
    if (key === "closed") {
      await step(ids[key]!, "request_supplement", "2025-09-03 11:00", "Bà Hồng bổ sung sổ hộ khẩu");
      await step(ids[key]!, "receive_supplement", "2025-09-04 09:00");
    }
    await step(ids[key]!, "resolve", "2025-09-05 09:00");
    await step(ids[key]!, "return_result", "2025-09-05 10:00");
  }
  // The person's feedback, rejected (closed).
  const feedback = await clerk.post("/api/feedback", {
    unitId: ward.id,
    channel: "in_person",
    senderName: PERSON.name,
    senderPhone: PERSON.phone,
    title: "Đèn đường hỏng",
    content: "Đèn đường tổ 4 hỏng, gọi tôi số 0905123456.",
    receivedAt: "2025-09-03 09:00",
  });
  expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
  ids.feedback = feedback.body.data.id;
  codes.feedback = feedback.body.data.code;
  const rejected = await clerk.post(`/api/feedback/${ids.feedback}/transitions`, {
    action: "reject",
    note: "Bà Lê Thị Hồng gửi trùng",
    at: "2025-09-03 15:00",
  });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
});
afterAll(() => t.close());

const REASON = "Đơn yêu cầu xoá dữ liệu của bà Lê Thị Hồng (0905123456) ngày 10/09/2025";

function anonymise(client: ApiClient, body: Record<string, unknown>) {
  return client.post("/api/admin/personal-data/anonymise", {
    phone: PERSON.phone,
    reason: REASON,
    ...body,
  });
}

async function requestSummaries() {
  const rows = await queryRows<{ summary: string }>(
    t.db.database.db,
    sql`select summary from audit_events where action = 'personal_data.anonymise_request'`,
  );
  return rows.map((row) => row.summary);
}

describe(`anonymising one person on request on ${testDatabaseKind}`, () => {
  it("finds the person's records through the lookup", async () => {
    const found = (await admin.post("/api/admin/personal-data/lookup", { phone: PERSON.phone }))
      .body.data;
    expect(found.dossiers.map((d: { id: string }) => d.id).sort()).toEqual(
      [ids.closed, ids.open].sort(),
    );
    expect(found.feedback.map((f: { id: string }) => f.id)).toEqual([ids.feedback]);
  });

  it("refuses the whole request while a record is open, naming it, and changes nothing", async () => {
    const refused = await anonymise(admin, {
      dossierIds: [ids.closed, ids.open],
      feedbackIds: [ids.feedback],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("PERSONAL_DATA_RECORDS_OPEN");
    expect(refused.body.error.message).toContain(codes.open);
    expect(refused.body.error.message).toContain("đang giải quyết");
    expect(refused.body.error.message).not.toContain(codes.closed);
    const closed = (await clerk.get(`/api/dossiers/${ids.closed}`)).body.data;
    expect(closed.applicantName).toBe(PERSON.name);
    expect(await requestSummaries()).toEqual([]);
  });

  it("refuses a record that is not the person's, and one without a reason", async () => {
    const foreign = await anonymise(admin, { dossierIds: [ids.closed, ids.other] });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe("PERSONAL_DATA_RECORD_NOT_OF_PERSON");
    expect(foreign.body.error.message).not.toContain(codes.other);
    const noReason = await anonymise(admin, { dossierIds: [ids.closed], reason: " " });
    expect(noReason.status).toBe(400);
    const nothing = await anonymise(admin, { dossierIds: [], feedbackIds: [] });
    expect(nothing.body.error.code).toBe("PERSONAL_DATA_NOTHING_SELECTED");
    expect((await clerk.get(`/api/dossiers/${ids.other}`)).body.data.applicantName).toBe(
      "Phan Văn Tài",
    );
  });

  it("is refused to a reviewer", async () => {
    const response = await anonymise(reviewer, { dossierIds: [ids.closed] });
    expect(response.status).toBe(403);
  });

  it("anonymises the closed records in one go, audited without the person's data", async () => {
    const done = await anonymise(admin, {
      dossierIds: [ids.closed],
      feedbackIds: [ids.feedback],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({
      anonymised: { dossier: 1, feedback: 1 },
      alreadyAnonymised: { dossier: 0, feedback: 0 },
    });
    expect(done.body.data.codes.sort()).toEqual([codes.closed, codes.feedback].sort());

    const dossier = (await clerk.get(`/api/dossiers/${ids.closed}`)).body.data;
    expect(dossier).toMatchObject({ applicantName: "[đã ẩn danh]", applicantPhone: "" });
    expect(dossier.code).toBe(codes.closed);
    expect(dossier.state).toBe("returned");
    const texts = JSON.stringify([dossier.pauses, dossier.events]);
    expect(texts).not.toContain("Hồng");
    const feedback = (await clerk.get(`/api/feedback/${ids.feedback}`)).body.data;
    expect(JSON.stringify(feedback)).not.toMatch(/Hồng|0905123456/);
    expect(feedback.state).toBe("rejected");
    // The open dossier and the other applicant's are untouched.
    expect((await clerk.get(`/api/dossiers/${ids.open}`)).body.data.applicantName).toBe(
      PERSON.name,
    );
    expect((await clerk.get(`/api/dossiers/${ids.other}`)).body.data.applicantName).toBe(
      "Phan Văn Tài",
    );

    const [summary, ...more] = await requestSummaries();
    expect(more).toEqual([]);
    expect(summary).toContain(codes.closed);
    expect(summary).toContain("ngày 10/09/2025");
    expect(summary).not.toMatch(/Hồng|0905123456/);
    const recorded = await queryRows<{ reason: string; n: number }>(
      t.db.database.db,
      sql`select reason, count(*)::int as n from anonymised_records group by reason`,
    );
    expect(recorded).toEqual([{ reason: "request", n: 2 }]);

    // The lookup by phone now finds only the open dossier; asked again, nothing more is done.
    const found = (await admin.post("/api/admin/personal-data/lookup", { phone: PERSON.phone }))
      .body.data;
    expect(found.dossiers.map((d: { id: string }) => d.id)).toEqual([ids.open]);
  });
});
