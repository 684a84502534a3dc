import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo-data.ts";
import { requireDemoPasswordChange } from "../../src/server/demo/load-demo.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Issue 9, High 2 and Low 10: one's own password change, the demo password, the password policy. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("changing one's own password", () => {
  it("needs the current password, refuses weak ones and ends the user's other sessions", async () => {
    const here = await t.signedIn("tuphap");
    const elsewhere = await t.signedIn("tuphap");

    const wrong = await here.post("/api/auth/password", {
      currentPassword: "khong-phai-mat-khau",
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("PASSWORD_CURRENT_WRONG");

    const same = await here.post("/api/auth/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect(same.body.error.code).toBe("PASSWORD_UNCHANGED");

    for (const [weak, rule] of [
      ["aaaaaaaaaa", "quá đơn giản"],
      ["matkhau123", "quá phổ biến"],
      ["TuPhap-2026-moi", "tên đăng nhập"],
      ["ngan", "ít nhất 10 ký tự"],
    ]) {
      const refused = await here.post("/api/auth/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword: weak,
      });
      expect(refused.status, weak).toBe(400);
      expect(refused.body.error.code).toBe("PASSWORD_TOO_WEAK");
      expect(refused.body.error.message).toContain(rule);
    }

    const changed = await here.post("/api/auth/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.user.username).toBe("tuphap");
    expect((await here.get("/api/units")).status).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).status).toBe(401);

    const old = await t
      .client()
      .post("/api/auth/sign-in", { username: "tuphap", password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    await t.signedIn("tuphap", "hoa-sen-no-giua-dam-1975");

    const admin = await t.signedIn("admin");
    const audit = (await admin.get("/api/audit?action=auth.password_changed")).body.data;
    expect(audit.map((e: any) => e.summary)).toContain("Đổi mật khẩu: tuphap");
  });

  it("needs a session and the CSRF token", async () => {
    const anonymous = await t.client().post("/api/auth/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(anonymous.status).toBe(401);
    const client = await t.signedIn("xem");
    const forged = await client.request("POST", "/api/auth/password", {
      json: { currentPassword: DEMO_PASSWORD, newPassword: "hoa-sen-no-giua-dam-1975" },
      csrf: false,
    });
    expect(forged.body.error.code).toBe("CSRF_INVALID");
  });
});

describe("the password policy wherever a password is set", () => {
  it("applies to account creation and an administrator's reset", async () => {
    const admin = await t.signedIn("admin");
    const ward = (await admin.get("/api/units")).body.data.find((u: any) => u.code === "06658");
    const create = await admin.post("/api/users", {
      username: "nguyen.an",
      fullName: "Nguyễn An",
      password: "nguyen.an2026",
      unitId: ward.id,
      roles: [{ role: "viewer", unitId: ward.id }],
    });
    expect(create.status).toBe(400);
    expect(create.body.error).toMatchObject({
      code: "PASSWORD_TOO_WEAK",
      message: "Mật khẩu không được chứa tên đăng nhập hoặc họ tên của tài khoản.",
      details: [{ path: "password" }],
    });
    const xem = (await admin.get("/api/users?q=xem")).body.data[0];
    const reset = await admin.patch(`/api/users/${xem.id}`, { password: "aaaaaaaaaa" });
    expect(reset.body.error.code).toBe("PASSWORD_TOO_WEAK");
  });
});

describe("the demo password outside development", () => {
  it("must be changed before any other route answers", async () => {
    const before = await t.signedIn("daumoi");
    expect((await before.get("/api/auth/me")).body.data.user.mustChangePassword).toBe(false);

    // What `cchc serve` does at start when CCHC_ENV is not "development".
    const flagged = await requireDemoPasswordChange(t.db.database.db);
    expect(flagged).toBeGreaterThanOrEqual(5); // tuphap changed his above
    expect(await requireDemoPasswordChange(t.db.database.db)).toBe(0);

    const client = t.client();
    const signIn = await client.signIn("daumoi");
    expect(signIn.body.data.user.mustChangePassword).toBe(true);
    for (const path of ["/api/units", "/api/plans", "/api/users", "/api/notifications"]) {
      const refused = await client.get(path);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    }
    const write = await client.post("/api/feedback", {});
    expect(write.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await client.get("/api/auth/me")).status).toBe(200);
    // The session signed in before the flag was set is held back too.
    expect((await before.get("/api/units")).body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const changed = await client.post("/api/auth/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "ha-long-bay-mua-thu-88",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.user.mustChangePassword).toBe(false);
    expect((await client.get("/api/units")).status).toBe(200);
    expect((await before.get("/api/auth/me")).status).toBe(401);

    const signOut = await (await t.signedIn("motcua")).post("/api/auth/sign-out");
    expect(signOut.status).toBe(200);
  });
});
