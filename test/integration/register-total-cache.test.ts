import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { registerTotalCacheOf } from "../../src/server/db/register-total-cache.ts";

/*
 * The server's kept register totals (register-total-cache.ts, `registerTotalCache` of the app, as
 * `cchc serve` turns it on): the dossier register's first page reads its total once per reach
 * and filter within the TTL, and a dossier written through the server counts from the next page.
 */

let t: TestApp;
let now = 0;
let world: WardWorld;
let clerk: ApiClient;
let procedureId = "";

beforeAll(async () => {
  t = await startTestApp({ demo: false, registerTotalCache: { seconds: 5, clock: () => now } });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { wardName: "Phường Cẩm Thành", agencyCode: "000.01.22.H99" });
  procedureId = (await makeProcedure(db, world.ward, { code: "1.004873" })).id;
  clerk = await signIn(t, world.users.clerk);
});
afterAll(() => t.close());

const receive = () =>
  clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
  });

/** A dossier written behind the server's back (another process, the CLI): not announced. */
async function insertElsewhere() {
  await t.db.database.db.execute(sql`insert into dossiers (code, unit_id, procedure_id,
      applicant_name, applicant_phone, channel, received_at, counted_from, due_date,
      original_due_date, state, rule_set)
    values (${`X-${randomUUID()}`}, ${world.ward.id}, ${procedureId}, 'Lê Văn Nam', '0912345678',
      'in_person', '2026-03-02 02:00+00', '2026-03-02', '2026-03-09', '2026-03-09', 'received',
      '2025')`);
}

const total = async (query = "") =>
  (await clerk.get(`/api/dossiers?limit=2${query}`)).body.total as number;

describe(`the server's kept register totals on ${testDatabaseKind}`, () => {
  it("keeps a first page's total for the TTL and counts again after a receipt through the server", async () => {
    expect((await receive()).status).toBe(201);
    const first = await total();
    expect(first).toBe(1);
    await insertElsewhere();
    // Kept: the row written elsewhere is not counted yet, nor by the same filter's next read.
    expect(await total()).toBe(first);
    // Another filter is its own total, counted now.
    expect(await total("&state=received")).toBe(2);
    // A receipt through the server is counted from the next page (with the other row).
    expect((await receive()).status).toBe(201);
    expect(await total()).toBe(3);
    // A write elsewhere shows once the TTL has passed.
    await insertElsewhere();
    expect(await total()).toBe(3);
    now += 5_000;
    expect(await total()).toBe(4);
  });

  it("keeps whether a search is a code's beginning as it keeps the total, and looks again after a receipt", async () => {
    const kept = registerTotalCacheOf(t.db.database.db)!;
    expect((await receive()).status).toBe(201);
    // The ward's codes begin with its agency code: a code's beginning, read as a range.
    const search = async () => {
      const found = await clerk.get(
        `/api/dossiers?limit=2&q=${encodeURIComponent("000.01.22.h99")}`,
      );
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      expect(found.body.data.length).toBeGreaterThan(0);
    };
    await search();
    const loads = kept.loads;
    // The next page of the same search reads neither its total nor the code index again.
    await search();
    expect(kept.loads).toBe(loads);
    // A receipt in the ward: both are read again (the total and whether codes begin so).
    expect((await receive()).status).toBe(201);
    await search();
    expect(kept.loads).toBe(loads + 2);
  });

  it("counts again after a dossier changes state through the server", async () => {
    const received = await receive();
    const open = await total("&state=received");
    expect(await total("&state=in_progress")).toBe(0);
    const handed = await clerk.post(`/api/dossiers/${received.body.data.id}/transitions`, {
      action: "hand_over",
      at: "2026-03-02 10:00",
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(await total("&state=received")).toBe(open - 1);
    expect(await total("&state=in_progress")).toBe(1);
  });
});

describe(`the server's kept feedback totals on ${testDatabaseKind}`, () => {
  const feedbackTotal = async (query = "") =>
    (await clerk.get(`/api/feedback?limit=2${query}`)).body.total as number;
  const registerFeedback = () =>
    clerk.post("/api/feedback", {
      unitId: world.ward.id,
      channel: "phone",
      senderName: "Trần Văn Bình",
      senderPhone: "0987 654 321",
      title: "Thời gian chứng thực bản sao quá lâu",
      content: "Tôi chờ hơn 2 giờ để chứng thực bản sao giấy khai sinh.",
      receivedAt: "2026-03-02 09:00",
    });

  it("keeps a first page's total for the TTL and counts again after feedback is registered or changed through the server", async () => {
    const a = await registerFeedback();
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const received = await feedbackTotal("&state=received");
    const classified = await feedbackTotal("&state=classified");
    expect(received).toBeGreaterThanOrEqual(1);
    // Changed behind the server's back: the kept totals stand.
    await t.db.database.db.execute(
      sql`update feedback set state = 'classified', classification = 'regulation' where id = ${a.body.data.id}`,
    );
    expect(await feedbackTotal("&state=classified")).toBe(classified);
    // Feedback registered through the server: that unit's totals are counted again.
    const b = await registerFeedback();
    expect(b.status).toBe(201);
    expect(await feedbackTotal("&state=classified")).toBe(classified + 1);
    expect(await feedbackTotal("&state=received")).toBe(received);
    // A step through the server (an update): counted from the next page.
    const step = await clerk.post(`/api/feedback/${b.body.data.id}/transitions`, {
      action: "classify",
      classification: "regulation",
      at: "2026-03-02 10:00",
    });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    expect(await feedbackTotal("&state=classified")).toBe(classified + 2);
    expect(await feedbackTotal("&state=received")).toBe(received - 1);
  });
});
