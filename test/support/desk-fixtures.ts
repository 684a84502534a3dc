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
import {
  makeAgency,
  makeDesk,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "./factories.ts";
import type { ApiClient, TestApp } from "./test-app.ts";

/** The ward's agencies, by the names the one-stop and plan screens show. */
export const WARD_AGENCIES = {
  office: { name: "Văn phòng HĐND và UBND", kind: "office" },
  justice: { name: "Tư pháp - Hộ tịch", kind: "department" },
  land: { name: "Địa chính - Xây dựng", kind: "department" },
  oneStop: { name: "Trung tâm Phục vụ hành chính công", kind: "one_stop" },
} as const;

export interface WardWorld {
  province: MadeUnit;
  ward: MadeUnit;
  agencyCode: string;
  agencies: Record<keyof typeof WARD_AGENCIES, { id: string; name: string }>;
  users: Record<
    "admin" | "reviewer" | "leader" | "focal" | "officer" | "clerk" | "viewer",
    MadeUser
  >;
}

export async function makeWardWorld(
  db: Executor,
  options: {
    provinceName?: string;
    wardName?: string;
    wardCode?: string;
    agencyCode?: string;
  } = {},
): Promise<WardWorld> {
  const province = await makeUnit(db, {
    level: "province",
    ...(options.provinceName ? { name: options.provinceName } : {}),
  });
  const ward = await makeUnit(db, {
    parent: province,
    validFrom: "2025-07-01",
    ...(options.wardName ? { name: options.wardName } : {}),
    ...(options.wardCode ? { code: options.wardCode } : {}),
  });
  const { agencyCode } = await makeDesk(
    db,
    ward,
    options.agencyCode ? { agencyCode: options.agencyCode } : {},
  );
  const agencies = {} as WardWorld["agencies"];
  for (const [key, agency] of Object.entries(WARD_AGENCIES)) {
    const made = await makeAgency(db, ward, { name: agency.name, kind: agency.kind });
    agencies[key as keyof typeof WARD_AGENCIES] = { id: made.id, name: made.name };
  }
  const users = {
    admin: await makeUser(db, { unit: province, role: "admin" }),
    reviewer: await makeUser(db, { unit: province, role: "reviewer" }),
    leader: await makeUser(db, { unit: ward, role: "leader" }),
    focal: await makeUser(db, { unit: ward, role: "focal_officer", agency: agencies.office }),
    officer: await makeUser(db, { unit: ward, role: "agency_officer", agency: agencies.justice }),
    clerk: await makeUser(db, { unit: ward, role: "clerk", agency: agencies.oneStop }),
    viewer: await makeUser(db, { unit: ward, role: "viewer" }),
  };
  return { province, ward, agencyCode, agencies, users };
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
