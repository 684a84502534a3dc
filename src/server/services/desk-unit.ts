import type { Executor } from "../db/database.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";

/** A unit whose desk the actor may read (its dossiers); anything else reads as not found. */
export async function readableDeskUnit(exec: Executor, actor: Actor, unitId: string) {
  const readable = await access.check(exec, actor, "dossier.read", "unit", [unitId]);
  const unit = readable.has(unitId) ? await findUnitById(exec, unitId) : null;
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  return unit;
}
