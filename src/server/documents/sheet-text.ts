import { findControlCharacter } from "../../core/text/control-characters.ts";
import { AppError, type ErrorDetail } from "../errors.ts";
import type { Sheet } from "./spreadsheet.ts";

const MAX_DETAILS = 20;

/**
 * An uploaded sheet's cells follow the rule of every string the API takes: no control character
 * (NUL, …; line breaks and tabs are fine). A file with one is refused with the rows named,
 * before any importer reads it (PostgreSQL would refuse NUL in the middle of the import).
 */
export function refuseControlCharacters(sheet: Sheet): Sheet {
  const details: ErrorDetail[] = [];
  const check = (cells: readonly unknown[], row: number) => {
    cells.forEach((cell, index) => {
      if (typeof cell !== "string" || details.length >= MAX_DETAILS) return;
      const found = findControlCharacter(cell, { multiline: true });
      if (found) {
        const column = sheet.headers[index] || `${index + 1}`;
        details.push({
          row,
          path: column,
          message: `Ô ở cột “${column}” chứa ký tự điều khiển (${found.codePoint}).`,
        });
      }
    });
  };
  check(sheet.headers, 1);
  sheet.rows.forEach((cells, index) => check(cells, index + 2));
  if (details.length > 0) throw new AppError("VALIDATION_FAILED", { details });
  return sheet;
}
