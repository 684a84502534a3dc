/**
 * Test factories: units (with their parent, validity and merger), agencies, one-stop desks,
 * procedures and users with roles, made through the app's own services as the system actor —
 * the same checks and audit events as in production — so a test says what it builds instead of
 * leaning on the demo's names. Every call gets fresh codes and usernames; pass what the test is
 * about and leave the rest to the defaults.
 *
 *   const province = await makeUnit(db, { level: "province" });
 *   const ward = await makeUnit(db, { parent: province, validFrom: "2025-07-01" });
 *   const clerk = await makeUser(db, { unit: ward, role: "clerk" });
 *   const client = await t.signedIn(clerk.username, clerk.password);
 */
import type { Role } from "../../src/core/access/role-policy.ts";
import type { AgencyKind } from "../../src/core/organization/unit-rules.ts";
import type { Executor } from "../../src/server/db/database.ts";
import { SYSTEM_ACTOR } from "../../src/server/services/actor.ts";
import { createAgency, type AgencyInput } from "../../src/server/services/agency.service.ts";
import { updateDeskSettings } from "../../src/server/services/one-stop-desk.service.ts";
import {
  createProcedure,
  type ProcedureInput,
} from "../../src/server/services/procedure.service.ts";
import { createUnit, type UnitInput } from "../../src/server/services/unit.service.ts";
import { createUser } from "../../src/server/services/user.service.ts";

/** The password of every user a factory makes (it passes the password rules). */
export const FACTORY_PASSWORD = "Kiem-thu-nhà-máy-2026";

let sequence = 0;
const next = () => String(++sequence).padStart(3, "0");

export interface MadeUnit {
  id: string;
  code: string;
  name: string;
  level: UnitInput["level"];
  validFrom: string | null;
  validTo: string | null;
}

/**
 * A unit: a province without a parent; with one, a ward (commune level, kind phường) unless
 * `level`/`kind` say otherwise. `mergedInto` also needs `validTo` (the day before the merger).
 */
export async function makeUnit(
  db: Executor,
  options: Partial<Omit<UnitInput, "parentId" | "mergedIntoId">> & {
    parent?: { id: string };
    mergedInto?: { id: string };
  } = {},
): Promise<MadeUnit> {
  const n = next();
  const level = options.level ?? (options.parent ? "commune" : "province");
  const { data } = await createUnit(db, SYSTEM_ACTOR, {
    code: options.code ?? `T${n}`,
    name: options.name ?? (level === "province" ? `Tỉnh Thử ${n}` : `Phường Thử ${n}`),
    level,
    kind: options.kind ?? (level === "commune" ? "phuong" : null),
    parentId: options.parent?.id ?? null,
    validFrom: options.validFrom ?? null,
    validTo: options.validTo ?? null,
    mergedIntoId: options.mergedInto?.id ?? null,
  });
  return data;
}

export async function makeAgency(
  db: Executor,
  unit: { id: string },
  options: Partial<Omit<AgencyInput, "unitId">> & { kind?: AgencyKind } = {},
) {
  const { data } = await createAgency(db, SYSTEM_ACTOR, {
    unitId: unit.id,
    name: options.name ?? `Bộ phận thử ${next()}`,
    code: options.code ?? null,
    kind: options.kind ?? "department",
    isActive: options.isActive ?? true,
  });
  return data;
}

/** The unit's one-stop desk settings: the agency code its dossier codes carry, the cut-off. */
export async function makeDesk(
  db: Executor,
  unit: { id: string },
  options: { agencyCode?: string; cutoff?: string } = {},
) {
  const agencyCode = options.agencyCode ?? `000.${next().slice(-2)}.99.T99`;
  await updateDeskSettings(db, SYSTEM_ACTOR, unit.id, {
    agencyCode,
    cutoff: options.cutoff ?? "15:00",
  });
  return { agencyCode };
}

export async function makeProcedure(
  db: Executor,
  unit: { id: string },
  options: Partial<Omit<ProcedureInput, "unitId">> = {},
) {
  const { data } = await createProcedure(db, SYSTEM_ACTOR, {
    unitId: unit.id,
    code: options.code ?? `9.${next()}`,
    name: options.name ?? "Thủ tục thử",
    field: options.field ?? "Hộ tịch",
    level: options.level ?? "commune",
    processingDays: options.processingDays ?? 5,
    onlineLevel: options.onlineLevel ?? "full",
    isActive: options.isActive ?? true,
    ...(options.documents ? { documents: options.documents } : {}),
  });
  return data;
}

export interface MadeUser {
  id: string;
  username: string;
  password: string;
}

/** A user with one role on the unit (`global`: on the whole installation, for an admin). */
export async function makeUser(
  db: Executor,
  options: {
    unit: { id: string };
    role: Role;
    agency?: { id: string };
    username?: string;
    fullName?: string;
    global?: boolean;
    /** Further grants, e.g. a focal officer who also serves a neighbouring ward. */
    moreGrants?: { role: Role; unit: { id: string } }[];
  },
): Promise<MadeUser> {
  const username = options.username ?? `nguoidung${next()}`;
  const { data } = await createUser(db, SYSTEM_ACTOR, {
    username,
    fullName: options.fullName ?? `Người Dùng ${username.slice(-3)}`,
    password: FACTORY_PASSWORD,
    unitId: options.unit.id,
    agencyId: options.agency?.id ?? null,
    roles: [
      {
        role: options.role,
        unitId: options.global ? null : options.unit.id,
        agencyId: options.agency?.id ?? null,
      },
      ...(options.moreGrants ?? []).map((grant) => ({
        role: grant.role,
        unitId: grant.unit.id,
        agencyId: null,
      })),
    ],
  });
  return { id: data.id, username, password: FACTORY_PASSWORD };
}
