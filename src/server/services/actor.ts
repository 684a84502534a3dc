import type { RoleGrant } from "../../core/access/role-policy.ts";

/** Who is acting: a signed-in user, or the system itself (CLI, demo loader). */
export interface Actor {
  userId: string | null;
  name: string;
  grants: RoleGrant[];
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  name: "Hệ thống",
  grants: [{ role: "admin", unitId: null, agencyId: null }],
};
