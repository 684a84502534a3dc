/**
 * The cast the plan, methodology and dashboard tests share: a province with one ward, the ward's
 * three agencies (its office, a department, its one-stop centre) and the staff a test asks for,
 * each with the role and agency the scenario gives them. Built with the factories, so every name
 * and password is the test's own.
 *
 *   const team = await makeWardTeam(db, ["focal", "leader", "officer"]);
 *   const focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
 */
import type { Role } from "../../src/core/access/role-policy.ts";
import type { Executor } from "../../src/server/db/database.ts";
import {
  makeAgency,
  makeDesk,
  makeUnit,
  makeUser,
  type MadeUnit,
  type MadeUser,
} from "./factories.ts";

/** Who is who: the role each member holds, where, and in which of the ward's agencies. */
const MEMBERS = {
  admin: { role: "admin", at: "province", agency: null },
  reviewer: { role: "reviewer", at: "province", agency: null },
  leader: { role: "leader", at: "ward", agency: null },
  focal: { role: "focal_officer", at: "ward", agency: "office" },
  officer: { role: "agency_officer", at: "ward", agency: "justice" },
  clerk: { role: "clerk", at: "ward", agency: "oneStop" },
  viewer: { role: "viewer", at: "ward", agency: null },
} as const satisfies Record<
  string,
  { role: Role; at: "province" | "ward"; agency: "office" | "justice" | "oneStop" | null }
>;

export type Member = keyof typeof MEMBERS;

/** Every member, for tests that need the whole cast. */
export const ALL_MEMBERS = Object.keys(MEMBERS) as Member[];

/**
 * The ward's agencies, named as a commune's are, so imported documents can name them. The land
 * office is made only when asked for (`withLandOffice`): plan imports match agencies by name.
 */
export const WARD_AGENCIES = {
  office: { name: "Văn phòng HĐND và UBND", kind: "office" },
  justice: { name: "Tư pháp - Hộ tịch", kind: "department" },
  land: { name: "Địa chính - Xây dựng", kind: "department" },
  oneStop: { name: "Trung tâm Phục vụ hành chính công", kind: "one_stop" },
} as const;

type Agency = Awaited<ReturnType<typeof makeAgency>>;
type AgencyKey = Exclude<keyof typeof WARD_AGENCIES, "land">;

export interface WardTeam<M extends Member> {
  province: MadeUnit;
  ward: MadeUnit;
  agencies: Record<AgencyKey, Agency> & { land?: Agency };
  users: Record<M, MadeUser>;
  /** The desk's agency code when `desk` was asked for. */
  agencyCode: string | null;
}

export async function makeWardTeam<M extends Member>(
  db: Executor,
  members: readonly M[],
  options: {
    provinceName?: string;
    wardName?: string;
    wardCode?: string;
    /** Give the ward a one-stop desk (with this agency code, or a fresh one). */
    desk?: boolean | { agencyCode: string };
    withLandOffice?: boolean;
  } = {},
): Promise<WardTeam<M>> {
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
  const agencyCode = options.desk
    ? (await makeDesk(db, ward, options.desk === true ? {} : options.desk)).agencyCode
    : null;
  const agencies: WardTeam<M>["agencies"] = {
    office: await makeAgency(db, ward, WARD_AGENCIES.office),
    justice: await makeAgency(db, ward, WARD_AGENCIES.justice),
    ...(options.withLandOffice ? { land: await makeAgency(db, ward, WARD_AGENCIES.land) } : {}),
    oneStop: await makeAgency(db, ward, WARD_AGENCIES.oneStop),
  };
  const users = {} as Record<M, MadeUser>;
  for (const member of members) {
    const { role, at, agency } = MEMBERS[member];
    users[member] = await makeUser(db, {
      unit: at === "province" ? province : ward,
      role,
      ...(agency ? { agency: agencies[agency] } : {}),
    });
  }
  return { province, ward, agencies, users, agencyCode };
}
