import { CalendarError } from "../../core/calendar/index.ts";
import { DossierError } from "../../core/dossier/index.ts";
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../errors.ts";

/** Runs a pure one-stop or calendar rule, turning its typed error into an AppError with the same code. */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof CalendarError || error instanceof DossierError) {
      if (error.code in ERROR_CATALOGUE) {
        throw new AppError(error.code as ErrorCode, { params: { reason: error.message } });
      }
      throw new AppError("VALIDATION_FAILED", { details: [{ message: error.message }] });
    }
    throw error;
  }
}
