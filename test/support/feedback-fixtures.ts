/**
 * The organisation the citizen-feedback (PAKN) tests share, made by the factories: a province and
 * a ward in force under it, an older ward merged into that ward (no longer in force, so not on
 * the public pages), two of the ward's agencies, and one user per role the tests act as.
 *
 *   const org = await makeFeedbackWard(t.db.database.db);
 *   const clerk = await t.signedIn(org.users.clerk.username, org.users.clerk.password);
 */
import type { Role } from "../../src/core/access/role-policy.ts";
import type { Executor } from "../../src/server/db/database.ts";
import { makeAgency, makeUnit, makeUser, type MadeUnit, type MadeUser } from "./factories.ts";

export interface FeedbackUser extends MadeUser {
  fullName: string;
}

export interface FeedbackWard {
  province: MadeUnit;
  /** The ward the feedback is sent to. */
  ward: MadeUnit;
  /** A ward merged into `ward` on 01/07/2025. */
  formerWard: MadeUnit;
  /** `answering` is the agency officer's; `other` is not. */
  agencies: Record<"answering" | "other", { id: string; name: string }>;
  users: Record<"admin" | "reviewer" | "focal" | "officer" | "clerk" | "viewer", FeedbackUser>;
}

export async function makeFeedbackWard(db: Executor): Promise<FeedbackWard> {
  const province = await makeUnit(db, { level: "province" });
  const ward = await makeUnit(db, { parent: province, validFrom: "2025-07-01" });
  const formerWard = await makeUnit(db, {
    parent: province,
    validTo: "2025-06-30",
    mergedInto: ward,
  });
  const agencies = {
    answering: await makeAgency(db, ward, { name: "Bộ phận trả lời thử" }),
    other: await makeAgency(db, ward, { name: "Bộ phận khác thử" }),
  };
  const user = async (
    unit: { id: string },
    role: Role,
    fullName: string,
    agency?: { id: string },
  ): Promise<FeedbackUser> => ({
    ...(await makeUser(db, { unit, role, fullName, ...(agency ? { agency } : {}) })),
    fullName,
  });
  return {
    province,
    ward,
    formerWard,
    agencies,
    users: {
      admin: await user(province, "admin", "Quản trị tỉnh thử"),
      reviewer: await user(province, "reviewer", "Người rà soát thử"),
      focal: await user(ward, "focal_officer", "Đầu mối phường thử"),
      officer: await user(ward, "agency_officer", "Cán bộ trả lời thử", agencies.answering),
      clerk: await user(ward, "clerk", "Công chức một cửa thử"),
      viewer: await user(ward, "viewer", "Người xem thử"),
    },
  };
}
