/** The write entry points' check that a unit existed on a record's date (core: unit-validity). */
import { outsideValidity } from "../../core/organization/unit-validity.ts";
import type { Executor } from "../db/database.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";

/** Throws UNIT_NOT_VALID_ON_DATE (422) when the unit did not exist on `day` (YYYY-MM-DD). */
export async function requireUnitValidOn(exec: Executor, unitId: string, day: string) {
  const unit = await findUnitById(exec, unitId);
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const reason = outsideValidity(unit, day);
  if (reason)
    throw new AppError("UNIT_NOT_VALID_ON_DATE", {
      params: { reason },
      details: [{ path: "receivedAt", message: reason }],
    });
}
