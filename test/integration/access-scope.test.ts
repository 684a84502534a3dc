import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/core/access/role-policy.ts";
import { makeAgency, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/**
 * Every role is granted on a province P. "own" is P itself, "descendant" a commune of P,
 * "other" a second province Q. Reads reach descendants only for admin and reviewer; every
 * organisation or account write belongs to admin; nothing reaches Q.
 */
let t: TestApp;
let admin: ApiClient;
const units: Record<"own" | "descendant" | "other", string> = {
  own: "",
  descendant: "",
  other: "",
};
const agencies: Record<string, string> = {};
const users: Record<string, string> = {};
const clients = new Map<Role, ApiClient>();
/** A second commune of the own province, where a focal officer works. */
let focalWard: MadeUnit;

async function createThroughApi(unitId: string, username: string, role: Role) {
  const created = await admin.post("/api/users", {
    username,
    fullName: `Người dùng ${username}`,
    password: "mat-khau-thu-nghiem",
    unitId,
    roles: [{ role, unitId }],
  });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const own = await makeUnit(db, { level: "province" });
  units.own = own.id;
  units.descendant = (await makeUnit(db, { parent: own })).id;
  focalWard = await makeUnit(db, { parent: own });
  units.other = (await makeUnit(db, { level: "province" })).id;
  for (const [key, unitId] of Object.entries(units)) {
    agencies[key] = (await makeAgency(db, { id: unitId }, { name: `Cơ quan ${key}` })).id;
    users[key] = (
      await makeUser(db, { unit: { id: unitId }, role: "viewer", username: `target-${key}` })
    ).id;
  }
  const provinceAdmin = await makeUser(db, { unit: own, role: "admin" });
  admin = await t.signedIn(provinceAdmin.username, provinceAdmin.password);
  for (const role of ROLES) {
    await createThroughApi(units.own, `matrix-${role.replace("_", "")}`, role);
    clients.set(role, await t.signedIn(`matrix-${role.replace("_", "")}`, "mat-khau-thu-nghiem"));
  }
});
afterAll(() => t.close());

const readers: Role[] = ["admin", "reviewer"];
const expectRead = (role: Role, where: string) =>
  where === "own" || (where === "descendant" && readers.includes(role));
const expectWrite = (role: Role, where: string) => role === "admin" && where !== "other";

describe.each(ROLES)("role %s", (role) => {
  describe.each(["own", "descendant", "other"] as const)("on the %s unit", (where) => {
    it("reads units, agencies and users only where allowed", async () => {
      const client = clients.get(role)!;
      const allowed = expectRead(role, where);
      const unit = await client.get(`/api/units/${units[where]}`);
      expect(unit.status).toBe(allowed ? 200 : 404);
      const agencyList = await client.get(`/api/agencies?unitId=${units[where]}`);
      expect(agencyList.status).toBe(allowed ? 200 : 404);
      const user = await client.get(`/api/users/${users[where]}`);
      expect(user.status).toBe(allowed ? 200 : 404);
      const unitList = (await client.get("/api/units?includeInactive=true")).body.data.map(
        (u: any) => u.id,
      );
      expect(unitList.includes(units[where])).toBe(allowed);
      const userList = (await client.get("/api/users")).body.data.map((u: any) => u.id);
      expect(userList.includes(users[where])).toBe(allowed);
    });

    it("writes units, agencies and users only where allowed", async () => {
      const client = clients.get(role)!;
      const allowed = expectWrite(role, where);
      const refused = expectRead(role, where) ? 403 : 404;
      // A role that never writes these records is refused before the body or the record is
      // looked at (permission before validation); the same answer whatever the id.
      const refusedByRole = role === "admin" ? refused : 403;
      const unit = await client.patch(`/api/units/${units[where]}`, {});
      expect(unit.status).toBe(allowed ? 200 : refusedByRole);
      const agency = await client.patch(`/api/agencies/${agencies[where]}`, { code: `A-${role}` });
      expect(agency.status).toBe(allowed ? 200 : refusedByRole);
      const newAgency = await client.post("/api/agencies", {
        unitId: units[where],
        name: `Ban ${role} ${where}`,
        kind: "other",
      });
      expect(newAgency.status).toBe(allowed ? 201 : refusedByRole);
      const user = await client.patch(`/api/users/${users[where]}`, {
        fullName: `Đích ${where} ${role}`,
      });
      expect(user.status).toBe(allowed ? 200 : refusedByRole);
      const newUser = await client.post("/api/users", {
        username: `u-${role}-${where}`.replace(/_/g, ""),
        fullName: "Mới",
        password: "mat-khau-thu-nghiem",
        unitId: units[where],
        roles: [{ role: "viewer", unitId: units[where] }],
      });
      expect(newUser.status).toBe(allowed ? 201 : refusedByRole);
    });
  });

  it("tells the UI what it may do", async () => {
    const list = await clients.get(role)!.get("/api/units");
    expect(list.body.can.create).toBe(role === "admin");
    expect(list.body.data.every((u: any) => u.can.update === (role === "admin"))).toBe(true);
  });
});

describe("account changes need scope over every unit the account's roles cover", () => {
  it("lets an admin change only users whose roles all lie in its scope", async () => {
    const { createUser } = await import("../../src/server/services/user.service.ts");
    const { SYSTEM_ACTOR } = await import("../../src/server/services/actor.ts");
    const make = async (username: string, roles: { role: Role; unitId: string | null }[]) =>
      (
        await createUser(t.db.database.db, SYSTEM_ACTOR, {
          username,
          fullName: `Tài khoản ${username}`,
          password: "mat-khau-thu-nghiem",
          unitId: units.descendant,
          roles,
        })
      ).data.id;
    const communeAdmin = await make("qt-xa", [{ role: "admin", unitId: units.descendant }]);
    const targets = {
      communeOnly: await make("chi-xa", [{ role: "clerk", unitId: units.descendant }]),
      alsoProvince: await make("ca-tinh", [
        { role: "viewer", unitId: units.descendant },
        { role: "reviewer", unitId: units.own },
      ]),
      alsoOtherProvince: await make("ca-tinh-khac", [
        { role: "viewer", unitId: units.descendant },
        { role: "viewer", unitId: units.other },
      ]),
      global: await make("toan-quoc", [{ role: "admin", unitId: null }]),
    };
    expect(communeAdmin).toBeTruthy();
    const commune = await t.signedIn("qt-xa", "mat-khau-thu-nghiem");
    const province = clients.get("admin")!;
    const expected: Record<keyof typeof targets, [commune: boolean, province: boolean]> = {
      communeOnly: [true, true],
      alsoProvince: [false, true],
      alsoOtherProvince: [false, false],
      global: [false, false],
    };
    for (const [key, id] of Object.entries(targets) as [keyof typeof targets, string][]) {
      const [byCommune, byProvince] = expected[key];
      for (const [client, allowed] of [
        [commune, byCommune],
        [province, byProvince],
      ] as const) {
        const shown = await client.get(`/api/users/${id}`);
        expect(shown.body.can.update, key).toBe(allowed);
        const changed = await client.patch(`/api/users/${id}`, { isActive: true });
        expect(changed.status, key).toBe(allowed ? 200 : 403);
      }
    }
  });
});

describe("commune scope", () => {
  it("keeps a commune's officer out of a sibling commune", async () => {
    const focal = await makeUser(t.db.database.db, { unit: focalWard, role: "focal_officer" });
    const client = await t.signedIn(focal.username, focal.password);
    const list = (await client.get("/api/units?includeInactive=true")).body.data;
    expect(list.map((u: any) => u.code)).toEqual([focalWard.code]);
    const sibling = await client.get(`/api/units/${units.descendant}`);
    expect(sibling.status).toBe(404);
    expect(sibling.body.error.code).toBe("UNIT_NOT_FOUND");
  });
});
