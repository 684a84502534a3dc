import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStaff, type Staff } from "../support/account-fixtures.ts";
import { FACTORY_PASSWORD, makeUser, type MadeUser } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let staff: Staff;
let leader: MadeUser;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
  staff = await makeStaff(t.db.database.db);
  leader = await makeUser(t.db.database.db, {
    unit: staff.ward,
    role: "leader",
    username: "hoangnam",
  });
});
afterAll(() => t.close());

describe("sign-in", () => {
  it("signs in, sets a hardened cookie and returns the user's unit", async () => {
    const client = t.client();
    const response = await client.post("/api/auth/sign-in", {
      username: "HoangNam",
      password: FACTORY_PASSWORD,
    });
    expect(response.status).toBe(200);
    expect(response.body.data.user.unit.name).toBe(staff.ward.name);
    expect(response.body.data.user.roles[0].role).toBe("leader");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    client.csrfToken = response.body.data.csrfToken;
    expect((await client.get("/api/auth/me")).body.data.user.username).toBe(leader.username);
  });

  it("refuses a wrong password and an unknown user with the same Vietnamese message", async () => {
    const wrong = await t
      .client()
      .post("/api/auth/sign-in", { username: staff.viewer.username, password: "sai-mat-khau" });
    const unknown = await t
      .client()
      .post("/api/auth/sign-in", { username: "khongco", password: "x" });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({
        code: "AUTH_INVALID_CREDENTIALS",
        message: "Tên đăng nhập hoặc mật khẩu không đúng.",
      });
    }
  });

  it("validates the body and never leaks a stack trace", async () => {
    const empty = await t.client().post("/api/auth/sign-in", { username: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("VALIDATION_FAILED");
    expect(empty.body.error.details.length).toBeGreaterThan(0);
    const malformed = await t.client().request("POST", "/api/auth/sign-in", {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("INVALID_JSON");
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  // Failed sign-ins slow the account and the address down instead of locking them:
  // test/integration/throttle.test.ts (with a clock the test moves forward).

  it("refuses a disabled account", async () => {
    const admin = await t.signedIn(staff.admin.username, staff.admin.password);
    const users = await admin.get(`/api/users?q=${staff.clerk.username}`);
    const id = users.body.data[0].id;
    expect((await admin.patch(`/api/users/${id}`, { isActive: false })).status).toBe(200);
    const response = await t.client().post("/api/auth/sign-in", {
      username: staff.clerk.username,
      password: staff.clerk.password,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("AUTH_ACCOUNT_DISABLED");
  });

  it("signs out and the session stops working", async () => {
    const client = await t.signedIn(staff.focal.username, staff.focal.password);
    const cookie = client.cookie;
    expect((await client.post("/api/auth/sign-out")).status).toBe(200);
    client.cookie = cookie;
    const after = await client.get("/api/auth/me");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("AUTH_REQUIRED");
  });
});

describe("request protection", () => {
  it("requires the CSRF token on every state-changing request", async () => {
    const admin = await t.signedIn(staff.admin.username, staff.admin.password);
    const province = (await admin.get("/api/units?level=province")).body.data[0];
    expect(province.id).toBe(staff.province.id);
    const noToken = await admin.request("PATCH", `/api/units/${province.id}`, {
      json: { name: "Tỉnh X" },
      csrf: false,
    });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe("CSRF_INVALID");
    const foreign = await admin.request("PATCH", `/api/units/${province.id}`, {
      json: { name: "Tỉnh X" },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await admin.get(`/api/units/${province.id}`)).body.data.name).toBe(staff.province.name);
  });

  it("sends security headers and requires a session for the API", async () => {
    const response = await t.client().get("/api/units");
    expect(response.status).toBe(401);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    // Offices use plain HTTP on their LAN: the page must not be forced onto HTTPS.
    expect(response.headers.get("content-security-policy")).not.toContain(
      "upgrade-insecure-requests",
    );
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("rate-limits sign-in attempts per address", async () => {
    let last = 0;
    for (let i = 0; i < 35 && last !== 429; i++) {
      last = (await t.client().post("/api/auth/sign-in", { username: "nobody", password: "x" }))
        .status;
    }
    expect(last).toBe(429);
  });

  it("publishes the OpenAPI description", async () => {
    const response = await t.client().get("/api/docs/json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/units",
        "/api/users/{id}",
        "/api/audit/verify",
        "/api/auth/sign-in",
      ]),
    );
  });
});
