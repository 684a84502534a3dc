import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/services/audit.service.ts";
import { makeAgency, makeUnit, makeUser, type MadeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let leader: MadeUser;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  const ward = await makeUnit(db, { parent: province });
  leader = await makeUser(db, { unit: ward, role: "leader" });
  const provinceAdmin = await makeUser(db, { unit: province, role: "admin" });
  // Enough writes for a chain of more than twenty events to verify.
  for (let i = 0; i < 18; i++) await makeAgency(db, ward);
  admin = await t.signedIn(provinceAdmin.username, provinceAdmin.password);
});
afterAll(() => t.close());

describe("audit log", () => {
  it("records every write in an intact chain that admins can filter", async () => {
    const events = (await admin.get("/api/audit?limit=500")).body.data;
    expect(events.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(["unit.create", "user.create", "agency.create", "auth.sign_in"]),
    );
    const signIns = (await admin.get("/api/audit?action=auth.sign_in")).body.data;
    expect(signIns.every((e: any) => e.action === "auth.sign_in")).toBe(true);
    const verify = await admin.get("/api/audit/verify");
    expect(verify.body.data).toMatchObject({ ok: true, firstBrokenId: null });
    expect(verify.body.data.checked).toBeGreaterThan(20);
  });

  it("reads plain from/to dates as whole days in Vietnam", async () => {
    const now = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const today = (await admin.get(`/api/audit?from=${now}&to=${now}`)).body.data;
    expect(today.length).toBeGreaterThan(0);
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?to=${yesterday}`)).body.data).toEqual([]);
  });

  it("is closed to everyone but administrators", async () => {
    const client = await t.signedIn(leader.username, leader.password);
    expect((await client.get("/api/audit")).status).toBe(403);
    expect((await client.get("/api/audit/verify")).status).toBe(403);
  });

  it("refuses updates and deletes at the database level", async () => {
    await expect(
      t.db.database.db.execute(sql`update audit_events set summary = 'x'`),
    ).rejects.toThrow();
    await expect(t.db.database.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });

  it("detects tampering by someone who bypasses the database guard", async () => {
    const db = t.db.database.db;
    const target = (await admin.get("/api/audit?action=user.create")).body.data.at(-1);
    await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await db.execute(sql`update audit_events set summary = 'Sửa lén' where id = ${target.id}`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, firstBrokenId: target.id });
    expect((await admin.get("/api/audit/verify")).body.data.firstBrokenId).toBe(target.id);
  });
});
