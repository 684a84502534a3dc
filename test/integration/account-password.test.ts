import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../src/server/demo/demo-data.ts";
import { requireDemoPasswordChange } from "../../src/server/demo/load-demo.ts";
import { makeStaff, type Staff } from "../support/account-fixtures.ts";
import { FACTORY_PASSWORD, makeUser, type MadeUser } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Issue 9, High 2 and Low 10: one's own password change, the demo password, the password policy. */
let t: TestApp;
let staff: Staff;
let officer: MadeUser;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  staff = await makeStaff(db);
  officer = await makeUser(db, {
    unit: staff.ward,
    role: "agency_officer",
    agency: staff.wardAgency,
    username: "phamduc",
    fullName: "Phạm Minh Đức",
  });
});
afterAll(() => t.close());

describe("changing one's own password", () => {
  it("needs the current password, refuses weak ones and ends the user's other sessions", async () => {
    const here = await t.signedIn(officer.username, officer.password);
    const elsewhere = await t.signedIn(officer.username, officer.password);

    const wrong = await here.post("/api/auth/password", {
      currentPassword: "khong-phai-mat-khau",
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("PASSWORD_CURRENT_WRONG");

    const same = await here.post("/api/auth/password", {
      currentPassword: FACTORY_PASSWORD,
      newPassword: FACTORY_PASSWORD,
    });
    expect(same.body.error.code).toBe("PASSWORD_UNCHANGED");

    for (const [weak, rule] of [
      ["aaaaaaaaaa", "quá đơn giản"],
      ["matkhau123", "quá phổ biến"],
      ["PhamDuc-2026-moi", "tên đăng nhập"],
      ["ngan", "ít nhất 10 ký tự"],
    ]) {
      const refused = await here.post("/api/auth/password", {
        currentPassword: FACTORY_PASSWORD,
        newPassword: weak,
      });
      expect(refused.status, weak).toBe(400);
      expect(refused.body.error.code).toBe("PASSWORD_TOO_WEAK");
      expect(refused.body.error.message).toContain(rule);
    }

    const changed = await here.post("/api/auth/password", {
      currentPassword: FACTORY_PASSWORD,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.user.username).toBe(officer.username);
    expect((await here.get("/api/units")).status).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).status).toBe(401);

    const old = await t
      .client()
      .post("/api/auth/sign-in", { username: officer.username, password: FACTORY_PASSWORD });
    expect(old.status).toBe(401);
    await t.signedIn(officer.username, "hoa-sen-no-giua-dam-1975");

    const admin = await t.signedIn(staff.admin.username, staff.admin.password);
    const audit = (await admin.get("/api/audit?action=auth.password_changed")).body.data;
    expect(audit.map((e: any) => e.summary)).toContain(`Đổi mật khẩu: ${officer.username}`);
  });

  it("needs a session and the CSRF token", async () => {
    const anonymous = await t.client().post("/api/auth/password", {
      currentPassword: FACTORY_PASSWORD,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(anonymous.status).toBe(401);
    const client = await t.signedIn(staff.viewer.username, staff.viewer.password);
    const forged = await client.request("POST", "/api/auth/password", {
      json: { currentPassword: FACTORY_PASSWORD, newPassword: "hoa-sen-no-giua-dam-1975" },
      csrf: false,
    });
    expect(forged.body.error.code).toBe("CSRF_INVALID");
  });
});

describe("the password policy wherever a password is set", () => {
  it("applies to account creation and an administrator's reset", async () => {
    const admin = await t.signedIn(staff.admin.username, staff.admin.password);
    const create = await admin.post("/api/users", {
      username: "nguyen.an",
      fullName: "Nguyễn An",
      password: "nguyen.an2026",
      unitId: staff.ward.id,
      roles: [{ role: "viewer", unitId: staff.ward.id }],
    });
    expect(create.status).toBe(400);
    expect(create.body.error).toMatchObject({
      code: "PASSWORD_TOO_WEAK",
      message: "Mật khẩu không được chứa tên đăng nhập hoặc họ tên của tài khoản.",
      details: [{ path: "password" }],
    });
    const reset = await admin.patch(`/api/users/${staff.viewer.id}`, { password: "aaaaaaaaaa" });
    expect(reset.body.error.code).toBe("PASSWORD_TOO_WEAK");
  });
});

// Its subject is the demo itself: the demo accounts' shared password, flagged at `cchc serve`.
describe("the demo password outside development", () => {
  let demo: TestApp;
  const demoUser = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.username;
  beforeAll(async () => {
    demo = await startTestApp();
  });
  afterAll(() => demo.close());

  it("must be changed before any other route answers", async () => {
    // One demo account already chose its own password: it is not flagged.
    const own = await demo.signedIn(demoUser("agency_officer"));
    const ownChanged = await own.post("/api/auth/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "hoa-sen-no-giua-dam-1975",
    });
    expect(ownChanged.status).toBe(200);

    const before = await demo.signedIn(demoUser("focal_officer"));
    expect((await before.get("/api/auth/me")).body.data.user.mustChangePassword).toBe(false);

    // What `cchc serve` does at start when CCHC_ENV is not "development".
    const flagged = await requireDemoPasswordChange(demo.db.database.db);
    expect(flagged).toBe(DEMO_ACCOUNTS.length - 1);
    expect(await requireDemoPasswordChange(demo.db.database.db)).toBe(0);

    const client = demo.client();
    const signIn = await client.signIn(demoUser("focal_officer"));
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

    const signOut = await (await demo.signedIn(demoUser("clerk"))).post("/api/auth/sign-out");
    expect(signOut.status).toBe(200);
  });
});
