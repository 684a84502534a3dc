/**
 * The desk's register book (Sổ theo dõi hồ sơ, TT 01/2018 Mẫu 06 / TT 03/2025 Mẫu 07): every
 * dossier received at the desk is entered in it, and the receipt (Mẫu 01) prints "Vào Sổ theo dõi
 * hồ sơ, Quyển số …, Số thứ tự …".
 *
 * Rule: one book per receiving unit per calendar year (the year of the day the dossier was
 * received, in Vietnam time), numbered 01 — a desk opens a new book each January, as it does for
 * its other yearly registers — and its entries numbered 1, 2, 3 … in the order they were written,
 * with no gap and no number twice. The circulars give the book no other division (not per
 * procedure field), so a ward's desk keeps one. The book's number stays a field of its own, so a
 * rule that opens a second book within a year (a full book) needs no change of the record.
 */

/** The first (and, under this rule, the only) book of a year. */
export const FIRST_BOOK = 1;

/** Where an entry is written: the book (its year and number within the year) and the line. */
export interface RegisterEntry {
  year: number;
  book: number;
  entry: number;
}

/** The book a dossier received on `receivedOn` (yyyy-mm-dd, Vietnam time) is entered in. */
export function registerBookOf(receivedOn: string): { year: number; book: number } {
  const year = Number(receivedOn.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn) || !Number.isInteger(year)) {
    throw new RangeError(`not a day: ${receivedOn}`);
  }
  return { year, book: FIRST_BOOK };
}

/** The book as printed: "01/2026". */
export function registerBookNumber(entry: Pick<RegisterEntry, "year" | "book">): string {
  return `${String(entry.book).padStart(2, "0")}/${entry.year}`;
}

/** The line as printed: six digits, "000123" (longer only past 999 999 entries in a year). */
export function registerEntryNumber(entry: Pick<RegisterEntry, "entry">): string {
  return String(entry.entry).padStart(6, "0");
}

/** The entry in one phrase, as the dossier page shows it: "quyển 01/2026, số 000123". */
export function registerEntryLabel(entry: RegisterEntry): string {
  return `quyển ${registerBookNumber(entry)}, số ${registerEntryNumber(entry)}`;
}

/** The three stored columns, all set or all null, as one entry (null: not entered). */
export function registerEntryOf(columns: {
  registerYear: number | null;
  registerBook: number | null;
  registerEntry: number | null;
}): RegisterEntry | null {
  const { registerYear: year, registerBook: book, registerEntry: entry } = columns;
  return year === null || book === null || entry === null ? null : { year, book, entry };
}
