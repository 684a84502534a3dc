/** Collects warnings: whatever the parser cannot place is reported with its line, never dropped. */
import type { ImportWarning } from "./contract.ts";

export type WarningCode =
  | "UNPLACED_TEXT"
  | "TABLE_ROW_UNPLACED"
  | "NUMBER_MISMATCH"
  | "NUMBER_BLANK"
  | "DATE_PARTIAL"
  | "MISSING_SECTION"
  | "UNKNOWN_AREA"
  | "UNKNOWN_TABLE"
  | "EMPTY_DOCUMENT"
  | "TARGET_NOT_QUANTITATIVE"
  | "NARRATIVE_NOT_IMPORTED"
  | "PARSER_ERROR";

export class WarningSink {
  readonly warnings: ImportWarning[] = [];

  add(code: WarningCode, message: string, line: number | null): void {
    this.warnings.push({ code, message, line });
  }
}
