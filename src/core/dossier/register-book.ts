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
 *
 * A desk that kept a paper book earlier in the year sets where CCHC goes on from
 * (`checkRegisterBookStart`): a later line of the book in use, or a later book. Receipts then write
 * in the highest book the unit has for the year (book 01 when none was set).
 */

import { DossierError } from "./dossier-error.ts";

/** The first book of a year (a desk that kept paper books may go on from a later one). */
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

/** The highest book number a unit may open in a year (printed on two digits). */
export const MAX_BOOK = 99;

/** The highest line a book may start at (printed on six digits). */
export const MAX_ENTRY = 999_999;

/** Where a unit's book of a year stands: the book receipts write in and its last line written. */
export interface RegisterBookPosition {
  year: number;
  book: number;
  /** 0: no line written yet. */
  lastEntry: number;
}

/** Where the clerk wants CCHC's numbering of a year to go on from. */
export interface RegisterBookStart {
  year: number;
  book: number;
  /** The line the next dossier received takes. */
  nextEntry: number;
}

/** Where a year's numbering stands when CCHC has written nothing in it yet: book 01, line 1. */
export function unopenedBook(year: number): RegisterBookPosition {
  return { year, book: FIRST_BOOK, lastEntry: 0 };
}

/**
 * Checks a starting point for a unit's register book (issue 12: a desk that kept a paper book
 * earlier in the year goes on from where the paper stopped). Rules, so the book keeps no line
 * twice and receipts already printed stay true:
 * - the year is this year or the next (a past year's book is closed: its receipts are printed);
 * - the book is the one in use or a later one (a lower one would put lines where they were);
 * - in the book in use, the next line is at least the one CCHC would write next (only forward:
 *   lines skipped are those written on paper); a later book may start at any line from 1;
 * - the book is 1–99, the line 1–999 999 (what the receipt prints).
 * Setting the point the book already stands at changes nothing and is allowed.
 */
export function checkRegisterBookStart(
  wanted: RegisterBookStart,
  current: RegisterBookPosition,
  thisYear: number,
): void {
  const { year, book, nextEntry } = wanted;
  if (!Number.isInteger(year) || year < thisYear || year > thisYear + 1) {
    throw new DossierError(
      "REGISTER_BOOK_YEAR_INVALID",
      year < thisYear
        ? `Sổ theo dõi hồ sơ năm ${year} đã khép lại: chỉ đặt được số của năm ${thisYear} hoặc năm ${thisYear + 1}.`
        : `Chỉ đặt được số của Sổ theo dõi hồ sơ năm ${thisYear} hoặc năm ${thisYear + 1}.`,
    );
  }
  if (!Number.isInteger(book) || book < FIRST_BOOK || book > MAX_BOOK) {
    throw new DossierError(
      "REGISTER_BOOK_START_INVALID",
      `Quyển số phải là số nguyên từ ${FIRST_BOOK} đến ${MAX_BOOK}.`,
    );
  }
  if (!Number.isInteger(nextEntry) || nextEntry < 1 || nextEntry > MAX_ENTRY) {
    throw new DossierError(
      "REGISTER_BOOK_START_INVALID",
      `Số thứ tự tiếp theo phải là số nguyên từ 1 đến ${MAX_ENTRY.toLocaleString("vi-VN")}.`,
    );
  }
  if (book < current.book) {
    throw new DossierError(
      "REGISTER_BOOK_BACKWARDS",
      `Không thể lùi về quyển ${registerBookNumber({ year, book })}: hồ sơ đang được vào quyển ${registerBookNumber(current)}.`,
    );
  }
  const firstFree = current.lastEntry + 1;
  if (book === current.book && nextEntry < firstFree) {
    throw new DossierError(
      "REGISTER_BOOK_BACKWARDS",
      `Số thứ tự tiếp theo của quyển ${registerBookNumber(current)} không được nhỏ hơn ${registerEntryNumber({ entry: firstFree })}: các số trước đó đã được cấp.`,
    );
  }
}
