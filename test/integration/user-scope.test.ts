import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Issue 9, High 2: an admin of one ward reset the password of a user who also held an admin role
 * at the province, signed in as that user and changed other units; it also removed a province
 * reviewer's role and deactivated that account. Changing a user now needs scope over every unit
 * the user's roles cover.
 */
const PASSWORD = "mat-khau-thu-nghiem";
let t: TestApp;
let provinceAdmin: ApiClient;
let wardAdmin: ApiClient;
let province = "";
let ward = "";
const ids: Record<"dualAdmin" | "dualReviewer" | "wardOnly", string> = {
  dualAdmin: "",
  dualReviewer: "",
  wardOnly: "",
};

async function create(username: string, roles: { role: string; unitId: string }[]) {
  const created = await provinceAdmin.post("/api/users", {
    username,
    fullName: `Người dùng ${username}`,
    password: PASSWORD,
    unitId: ward,
    roles,
  });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

async function rolesOf(id: string) {
  return (await provinceAdmin.get(`/api/users/${id}`)).body.data.roles.map(
    (r: any) => `${r.role}@${r.unitId === province ? "province" : "ward"}`,
  );
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const provinceUnit = await makeUnit(db, { level: "province" });
  province = provinceUnit.id;
  ward = (await makeUnit(db, { parent: provinceUnit })).id;
  const admin = await makeUser(db, { unit: provinceUnit, role: "admin" });
  provinceAdmin = await t.signedIn(admin.username, admin.password);
  await create("quantri.phuong", [{ role: "admin", unitId: ward }]);
  wardAdmin = await t.signedIn("quantri.phuong", PASSWORD);
  ids.dualAdmin = await create("kiemnhiem.tinh", [
    { role: "viewer", unitId: ward },
    { role: "admin", unitId: province },
  ]);
  ids.dualReviewer = await create("thamdinh.tinh", [
    { role: "viewer", unitId: ward },
    { role: "reviewer", unitId: province },
  ]);
  ids.wardOnly = await create("congchuc.phuong", [{ role: "clerk", unitId: ward }]);
});
afterAll(() => t.close());

describe("a ward admin and users with wider roles", () => {
  it("cannot reset the password of a user who is also a province admin", async () => {
    const reset = await wardAdmin.patch(`/api/users/${ids.dualAdmin}`, {
      password: "chiem-quyen-tinh-2026",
    });
    expect(reset.status).toBe(403);
    expect(reset.body.error.code).toBe("FORBIDDEN");
    const asTarget = await t.client().post("/api/auth/sign-in", {
      username: "kiemnhiem.tinh",
      password: "chiem-quyen-tinh-2026",
    });
    expect(asTarget.status).toBe(401);
    await t.signedIn("kiemnhiem.tinh", PASSWORD);
  });

  it("cannot remove a province reviewer's role, deactivate or rename that account", async () => {
    const strip = await wardAdmin.patch(`/api/users/${ids.dualReviewer}`, {
      roles: [{ role: "viewer", unitId: ward }],
    });
    expect(strip.status).toBe(403);
    const deactivate = await wardAdmin.patch(`/api/users/${ids.dualReviewer}`, {
      isActive: false,
    });
    expect(deactivate.status).toBe(403);
    const rename = await wardAdmin.patch(`/api/users/${ids.dualReviewer}`, { fullName: "Đổi tên" });
    expect(rename.status).toBe(403);
    expect(await rolesOf(ids.dualReviewer)).toEqual(["reviewer@province", "viewer@ward"]);
    const target = (await provinceAdmin.get(`/api/users/${ids.dualReviewer}`)).body.data;
    expect(target).toMatchObject({ isActive: true, fullName: "Người dùng thamdinh.tinh" });
  });

  it("tells the UI which users it may change", async () => {
    const one = await wardAdmin.get(`/api/users/${ids.dualAdmin}`);
    expect(one.status).toBe(200);
    expect(one.body.can.update).toBe(false);
    expect(one.body.data.can.update).toBe(false);
    const list = (await wardAdmin.get("/api/users")).body.data;
    const can = (id: string) => list.find((u: any) => u.id === id).can.update;
    expect(can(ids.dualAdmin)).toBe(false);
    expect(can(ids.dualReviewer)).toBe(false);
    expect(can(ids.wardOnly)).toBe(true);
    const asProvince = (await provinceAdmin.get("/api/users")).body.data;
    expect(asProvince.find((u: any) => u.id === ids.dualAdmin).can.update).toBe(true);
  });

  it("cannot grant a role on a unit outside its scope", async () => {
    const grant = await wardAdmin.patch(`/api/users/${ids.wardOnly}`, {
      roles: [
        { role: "clerk", unitId: ward },
        { role: "admin", unitId: province },
      ],
    });
    expect(grant.status).toBe(403);
    expect(await rolesOf(ids.wardOnly)).toEqual(["clerk@ward"]);
  });

  it("changes a user whose roles all lie in the ward; the reset password must be changed", async () => {
    const reset = await wardAdmin.patch(`/api/users/${ids.wardOnly}`, {
      password: "mat-khau-dat-lai-01",
      roles: [{ role: "viewer", unitId: ward }],
    });
    expect(reset.status).toBe(200);
    expect(reset.body.data.mustChangePassword).toBe(true);
    expect(await rolesOf(ids.wardOnly)).toEqual(["viewer@ward"]);
    const target = await t.signedIn("congchuc.phuong", "mat-khau-dat-lai-01");
    expect((await target.get("/api/auth/me")).body.data.user.mustChangePassword).toBe(true);
    const refused = await target.get("/api/units");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const deactivate = await wardAdmin.patch(`/api/users/${ids.wardOnly}`, { isActive: false });
    expect(deactivate.status).toBe(200);
  });

  it("lets the province admin change the dual-role user", async () => {
    const reset = await provinceAdmin.patch(`/api/users/${ids.dualAdmin}`, {
      roles: [{ role: "viewer", unitId: ward }],
    });
    expect(reset.status).toBe(200);
    expect(reset.body.data.can.update).toBe(true);
  });
});
