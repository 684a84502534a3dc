/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). A leading
 * tab or carriage return is also stripped by some spreadsheets before the formula check.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted, with `"` doubled. A text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe, which Excel and LibreOffice show as plain text.
 */
export function csvField(value: string | number | null | undefined): string {
  if (typeof value === "number") return String(value);
  const text = value ?? "";
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV line (without its line break). */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",");
}
