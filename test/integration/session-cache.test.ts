import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "../../src/server/db/schema.ts";
import { SESSION_TTL_MS } from "../../src/server/services/auth.service.ts";
import { makeStaff, type Staff } from "../support/account-fixtures.ts";
import { makeAgency, makeUser, type MadeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Issue 11: resolved sessions are kept a few seconds (src/server/auth/session-cache.ts), and every
 * change to what a session resolves to counts from the very next request. The cache's clock is
 * frozen here: an entry never ages out during a test, so only the invalidation can explain a
 * change seen on the next request. Each session is used once before the change (cached).
 */
let t: TestApp;
let staff: Staff;
let clockMs = 0;
beforeAll(async () => {
  t = await startTestApp({ demo: false, sessionCache: { seconds: 5, clock: () => clockMs } });
  staff = await makeStaff(t.db.database.db);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const db = () => t.db.database.db;
const loads = () => t.app.sessionCache.loads;

/** Signs in and makes one request, so the session is in the cache. */
async function cachedSession(user: MadeUser): Promise<ApiClient> {
  const client = await t.signedIn(user.username, user.password);
  expect((await client.get("/api/auth/me")).status).toBe(200);
  return client;
}

async function admin() {
  return t.signedIn(staff.admin.username, staff.admin.password);
}

async function ward(role: "leader" | "clerk" | "viewer" | "admin") {
  return makeUser(db(), { unit: staff.ward, role });
}

describe("the session cache", () => {
  it("answers a session's next requests without reading it again", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    const before = loads();
    for (let i = 0; i < 3; i += 1) expect((await client.get("/api/auth/me")).status).toBe(200);
    expect(loads()).toBe(before);
  });

  it("does not hear another process's writes: they count when the entry ages out (the TTL)", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    // Written past the repositories, as a second server or the CLI would.
    await db().update(users).set({ fullName: "Tên Đổi Nơi Khác" }).where(eq(users.id, user.id));
    expect((await client.get("/api/auth/me")).body.data.user.fullName).not.toBe("Tên Đổi Nơi Khác");
    clockMs += 5_000;
    expect((await client.get("/api/auth/me")).body.data.user.fullName).toBe("Tên Đổi Nơi Khác");
  });

  it("still ends a cached session at its stored expiry", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    const before = loads();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + SESSION_TTL_MS + 1_000 });
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect(loads()).toBe(before);
  });
});

describe("every change counts from the next request", () => {
  it("sign-out ends that session only", async () => {
    const user = await ward("clerk");
    const leaving = await cachedSession(user);
    const staying = await cachedSession(user);
    expect((await leaving.post("/api/auth/sign-out")).status).toBe(200);
    expect((await leaving.get("/api/auth/me")).status).toBe(401);
    expect((await staying.get("/api/auth/me")).status).toBe(200);
  });

  it("a disabled account is refused at once, and signs in again once enabled", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    const administrator = await admin();
    const off = await administrator.patch(`/api/users/${user.id}`, { isActive: false });
    expect(off.status).toBe(200);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await administrator.patch(`/api/users/${user.id}`, { isActive: true })).status).toBe(
      200,
    );
    const again = await cachedSession(user);
    expect((await again.get("/api/units")).status).toBe(200);
  });

  it("a role taken away is refused on the next request", async () => {
    const user = await ward("admin");
    const client = await cachedSession(user);
    expect((await client.get("/api/audit")).status).toBe(200);
    const administrator = await admin();
    const changed = await administrator.patch(`/api/users/${user.id}`, {
      roles: [{ role: "viewer", unitId: staff.ward.id }],
    });
    expect(changed.status).toBe(200);
    expect((await client.get("/api/auth/me")).body.data.user.roles).toEqual([
      expect.objectContaining({ role: "viewer" }),
    ]);
    const refused = await client.get("/api/audit");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
  });

  it("a role given counts on the next request", async () => {
    const user = await ward("viewer");
    const client = await cachedSession(user);
    expect((await client.get("/api/audit")).status).toBe(403);
    await (
      await admin()
    ).patch(`/api/users/${user.id}`, { roles: [{ role: "admin", unitId: staff.ward.id }] });
    expect((await client.get("/api/audit")).status).toBe(200);
  });

  it("one's own password change ends the other cached sessions, not this one", async () => {
    const user = await ward("clerk");
    const here = await cachedSession(user);
    const elsewhere = await cachedSession(user);
    const changed = await here.post("/api/auth/password", {
      currentPassword: user.password,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(changed.status).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).status).toBe(401);
    expect((await here.get("/api/auth/me")).status).toBe(200);
  });

  it("a password reset by an administrator ends every cached session of the user", async () => {
    const user = await ward("clerk");
    const sessions = [await cachedSession(user), await cachedSession(user)];
    const reset = await (
      await admin()
    ).patch(`/api/users/${user.id}`, { password: "cay-bang-lang-tim-2026" });
    expect(reset.status).toBe(200);
    for (const client of sessions) expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("a new agency, a renamed unit and a renamed agency show on the next request", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    const administrator = await admin();
    const agency = await makeAgency(db(), staff.ward);
    await administrator.patch(`/api/users/${user.id}`, { agencyId: agency.id });
    expect((await client.get("/api/auth/me")).body.data.user.agency).toEqual({
      id: agency.id,
      name: agency.name,
    });
    const unit = await administrator.patch(`/api/units/${staff.ward.id}`, {
      name: "Phường Đổi Tên",
    });
    expect(unit.status).toBe(200);
    expect((await client.get("/api/auth/me")).body.data.user.unit.name).toBe("Phường Đổi Tên");
    const renamed = await administrator.patch(`/api/agencies/${agency.id}`, {
      name: "Phòng Đổi Tên",
    });
    expect(renamed.status).toBe(200);
    expect((await client.get("/api/auth/me")).body.data.user.agency.name).toBe("Phòng Đổi Tên");
  });

  it("a failed change (rolled back) changes nothing", async () => {
    const user = await ward("clerk");
    const client = await cachedSession(user);
    const refused = await (
      await admin()
    ).patch(`/api/users/${user.id}`, { roles: [{ role: "viewer", unitId: crypto.randomUUID() }] });
    expect(refused.status).toBe(404);
    expect((await client.get("/api/auth/me")).body.data.user.roles).toEqual([
      expect.objectContaining({ role: "clerk" }),
    ]);
  });
});
