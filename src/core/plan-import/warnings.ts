/** Collects warnings: whatever the parser cannot place is reported with its line, never dropped. */
import type { ImportWarning, Unplaced } from "./contract.ts";

export type WarningCode =
  | "UNPLACED_TEXT"
  | "TABLE_ROW_UNPLACED"
  | "NUMBER_MISMATCH"
  | "NUMBER_BLANK"
  | "DATE_PARTIAL"
  | "MISSING_SECTION"
  | "UNKNOWN_AREA"
  | "UNKNOWN_TABLE"
  | "TABLE_EMPTY"
  | "TABLE_LAYOUT_GUESSED"
  | "EMPTY_DOCUMENT"
  | "TARGET_NOT_QUANTITATIVE"
  | "NARRATIVE_NOT_IMPORTED"
  | "PARSER_ERROR";

export class WarningSink {
  readonly warnings: ImportWarning[] = [];
  /** Source text placed nowhere in the result, listed for review. */
  readonly unplaced: Unplaced[] = [];

  add(code: WarningCode, message: string, line: number | null, level?: "error"): void {
    this.warnings.push(level ? { code, message, line, level } : { code, message, line });
  }

  /** A warning about text the parser leaves out; the text joins the "not placed" list. */
  leaveOut(code: WarningCode, message: string, line: number | null, text: string): void {
    this.add(code, message, line);
    this.unplaced.push({ line, text, reason: code });
  }

  /** Text left out without a warning of its own (closing formulas); counted in the summary. */
  note(reason: string, line: number | null, text: string): void {
    this.unplaced.push({ line, text, reason });
  }
}
