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
import { makeAgency, makeUnit, makeUser, type MadeUnit, type MadeUser } from "./factories.ts";

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

/** The ward's agencies, named as a commune's are, so imported documents can name them. */
const WARD_AGENCIES = {
  office: { name: "Văn phòng HĐND và UBND", kind: "office" },
  justice: { name: "Tư pháp - Hộ tịch", kind: "department" },
  oneStop: { name: "Trung tâm Phục vụ hành chính công", kind: "one_stop" },
} as const;

type Agency = Awaited<ReturnType<typeof makeAgency>>;

export interface WardTeam<M extends Member> {
  province: MadeUnit;
  ward: MadeUnit;
  agencies: Record<keyof typeof WARD_AGENCIES, Agency>;
  users: Record<M, MadeUser>;
}

export async function makeWardTeam<M extends Member>(
  db: Executor,
  members: readonly M[],
  options: { provinceName?: string; wardName?: string } = {},
): Promise<WardTeam<M>> {
  const province = await makeUnit(db, {
    level: "province",
    ...(options.provinceName ? { name: options.provinceName } : {}),
  });
  const ward = await makeUnit(db, {
    parent: province,
    validFrom: "2025-07-01",
    ...(options.wardName ? { name: options.wardName } : {}),
  });
  const agencies = {
    office: await makeAgency(db, ward, WARD_AGENCIES.office),
    justice: await makeAgency(db, ward, WARD_AGENCIES.justice),
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
  return { province, ward, agencies, users };
}
