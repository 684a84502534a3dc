/**
 * The staff most account and access tests need, built with the factories: one province with one
 * ward, an administrator and a reviewer on the province, and one user of every other role on the
 * ward (the agency officer in one of the ward's agencies). Each user signs in with
 * `t.signedIn(user.username, user.password)`.
 */
import type { Executor } from "../../src/server/db/database.ts";
import { makeAgency, makeUnit, makeUser, type MadeUnit, type MadeUser } from "./factories.ts";

export interface Staff {
  province: MadeUnit;
  ward: MadeUnit;
  /** The ward's agency the agency officer works in. */
  wardAgency: { id: string; name: string };
  admin: MadeUser;
  reviewer: MadeUser;
  leader: MadeUser;
  focal: MadeUser;
  agencyOfficer: MadeUser;
  clerk: MadeUser;
  viewer: MadeUser;
}

export async function makeStaff(db: Executor): Promise<Staff> {
  const province = await makeUnit(db, { level: "province" });
  const ward = await makeUnit(db, { parent: province });
  const wardAgency = await makeAgency(db, ward);
  return {
    province,
    ward,
    wardAgency,
    admin: await makeUser(db, { unit: province, role: "admin" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    leader: await makeUser(db, { unit: ward, role: "leader" }),
    focal: await makeUser(db, { unit: ward, role: "focal_officer" }),
    agencyOfficer: await makeUser(db, { unit: ward, role: "agency_officer", agency: wardAgency }),
    clerk: await makeUser(db, { unit: ward, role: "clerk" }),
    viewer: await makeUser(db, { unit: ward, role: "viewer" }),
  };
}
