import {
  scopeIncludes,
  unitScopeFor,
  type Action,
  type UnitScope,
} from "../../core/access/role-policy.ts";
import type { Executor } from "../db/database.ts";
import { unitIdsOfAgencies } from "../db/repositories/agency.repository.ts";
import { unitIdsOfDossiers } from "../db/repositories/dossier.repository.ts";
import { unitIdsOfMethodologies } from "../db/repositories/methodology.repository.ts";
import { unitIdsOfProcedures } from "../db/repositories/procedure.repository.ts";
import { listUnitLinks } from "../db/repositories/unit.repository.ts";
import { unitIdsOfUsers } from "../db/repositories/user.repository.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";

export type Resource = "unit" | "agency" | "user" | "dossier" | "procedure" | "methodology";

export async function unitScope(exec: Executor, actor: Actor, action: Action): Promise<UnitScope> {
  return unitScopeFor(actor.grants, action, await listUnitLinks(exec));
}

/** Every unit id; used when a scope covers the whole installation. */
export async function unitScopeAllIds(exec: Executor): Promise<string[]> {
  return (await listUnitLinks(exec)).map((link) => link.id);
}

export function scopeToIds(scope: UnitScope): string[] | null {
  return scope.kind === "all" ? null : [...scope.unitIds];
}

async function owningUnits(exec: Executor, resource: Resource, ids: string[]) {
  switch (resource) {
    case "unit":
      return ids.map((id) => ({ id, unitId: id }));
    case "agency":
      return unitIdsOfAgencies(exec, ids);
    case "user":
      return unitIdsOfUsers(exec, ids);
    case "dossier":
      return unitIdsOfDossiers(exec, ids);
    case "procedure":
      return unitIdsOfProcedures(exec, ids);
    case "methodology":
      return unitIdsOfMethodologies(exec, ids);
  }
}

/**
 * The one access-control check: of the given record ids, which may the actor act on?
 * Unknown ids are never allowed.
 */
export async function check(
  exec: Executor,
  actor: Actor,
  action: Action,
  resource: Resource,
  ids: string[],
): Promise<Set<string>> {
  const scope = await unitScope(exec, actor, action);
  const owners = await owningUnits(exec, resource, ids);
  return new Set(owners.filter((o) => scopeIncludes(scope, o.unitId)).map((o) => o.id));
}

/** Throws FORBIDDEN (or the given not-found error when the actor may not even read it). */
export async function require(
  exec: Executor,
  actor: Actor,
  action: Action,
  resource: Resource,
  id: string,
): Promise<void> {
  const allowed = await check(exec, actor, action, resource, [id]);
  if (!allowed.has(id)) throw new AppError("FORBIDDEN");
}
