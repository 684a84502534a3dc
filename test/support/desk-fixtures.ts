/**
 * One ward's full cast, built with the factories: a province, a ward under it (from 1 July 2025,
 * with a one-stop desk), the ward's usual agencies, and one user for each role — the province's
 * administrator and reviewer, the ward's leader, focal officer (in the People's Committee office),
 * agency officer (in Tư pháp - Hộ tịch), clerk (at the desk) and viewer. Tests that need a whole
 * ward at work start here instead of from the demo; pass names and codes when the test prints or
 * asserts them.
 *
 *   const world = await makeWardWorld(t.db.database.db, { wardName: "Phường Cẩm Thành" });
 *   const clerk = await signIn(t, world.users.clerk);
 */
import type { Executor } from "../../src/server/db/database.ts";
import type { MadeUnit, MadeUser } from "./factories.ts";
import { ALL_MEMBERS, makeWardTeam, WARD_AGENCIES, type Member } from "./plan-fixtures.ts";
import type { ApiClient, TestApp } from "./test-app.ts";

export { WARD_AGENCIES };

export interface WardWorld {
  province: MadeUnit;
  ward: MadeUnit;
  agencyCode: string;
  agencies: Record<keyof typeof WARD_AGENCIES, { id: string; name: string }>;
  users: Record<Member, MadeUser>;
}

/** The ward team of the plan tests with every member, its land office and a one-stop desk. */
export async function makeWardWorld(
  db: Executor,
  options: {
    provinceName?: string;
    wardName?: string;
    wardCode?: string;
    agencyCode?: string;
  } = {},
): Promise<WardWorld> {
  const { agencyCode, ...rest } = options;
  const team = await makeWardTeam(db, ALL_MEMBERS, {
    ...rest,
    desk: agencyCode ? { agencyCode } : true,
    withLandOffice: true,
  });
  const { land } = team.agencies;
  if (!land || !team.agencyCode) throw new Error("the ward team lacks its land office or desk");
  return { ...team, agencyCode: team.agencyCode, agencies: { ...team.agencies, land } };
}

/** A client signed in as a user a factory made. */
export function signIn(t: TestApp, user: MadeUser) {
  return t.signedIn(user.username, user.password);
}

/** A dossier received at the desk over the API, on a fixed day; fails loudly unless it is 201. */
export async function receiveDossier(
  client: ApiClient,
  procedureId: string,
  receivedAt = "2026-03-02 09:00",
): Promise<{ id: string; code: string }> {
  const response = await client.post("/api/dossiers", {
    procedureId,
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    channel: "in_person",
    receivedAt,
  });
  if (response.status !== 201)
    throw new Error(`receipt failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}
