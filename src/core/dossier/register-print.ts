/**
 * The printed register book (Sổ theo dõi hồ sơ, TT 01/2018/TT-VPCP Mẫu số 06; TT 03/2025/TT-VPCP
 * lists it as Mẫu số 07 but its layout was not found, so Mẫu 06's columns are kept): the lines a
 * desk wrote in a period, one row per dossier, in the book's order.
 *
 * Dates come from what was recorded: a step never recorded (a dossier not yet handed over, a
 * result not yet back) leaves its cell empty; nothing is guessed.
 */

import { vietnamDate } from "../time/vietnam-time.ts";
import { DossierError } from "./dossier-error.ts";
import type { DossierState } from "./dossier-state.ts";
import { registerBookNumber, type RegisterEntry } from "./register-book.ts";

/** The longest period one print covers, in days (a leap year's 366). */
export const MAX_REGISTER_PRINT_DAYS = 366;

/** Lines per printed file: a longer period is printed in parts (memory and LibreOffice bounded). */
export const REGISTER_PRINT_PART_ROWS = 2000;

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const dmy = (isoDate: string) => {
  const [y, m, d] = isoDate.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
};

export interface RegisterPrintPeriod {
  /** First day, YYYY-MM-DD (Vietnam time). */
  from: string;
  /** Last day, included. */
  to: string;
}

/**
 * Checks the period a print covers: the first day not after the last
 * (REGISTER_PRINT_PERIOD_INVALID), at most a year long (REGISTER_PRINT_PERIOD_TOO_LONG).
 */
export function checkRegisterPrintPeriod(period: RegisterPrintPeriod): void {
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  if (!(days >= 1)) {
    throw new DossierError(
      "REGISTER_PRINT_PERIOD_INVALID",
      `Kỳ in sổ theo dõi không hợp lệ: ngày bắt đầu ${dmy(period.from)} sau ngày kết thúc ${dmy(period.to)}.`,
    );
  }
  if (days > MAX_REGISTER_PRINT_DAYS) {
    throw new DossierError(
      "REGISTER_PRINT_PERIOD_TOO_LONG",
      `Kỳ in sổ theo dõi dài ${days} ngày (từ ${dmy(period.from)} đến ${dmy(period.to)}): mỗi lần in tối đa một năm (${MAX_REGISTER_PRINT_DAYS} ngày). Hãy chọn kỳ ngắn hơn.`,
    );
  }
}

/** How many files a period of `count` lines is printed in (at least one, even when empty). */
export function registerPrintParts(count: number): number {
  return Math.max(1, Math.ceil(count / REGISTER_PRINT_PART_ROWS));
}

/** Checks the part asked for (1-based) against the period's lines. */
export function checkRegisterPrintPart(part: number, count: number): void {
  const parts = registerPrintParts(count);
  if (!Number.isInteger(part) || part < 1 || part > parts) {
    throw new DossierError(
      "REGISTER_PRINT_PART_INVALID",
      `Kỳ này có ${count} hồ sơ, in thành ${parts} phần (mỗi phần ${REGISTER_PRINT_PART_ROWS} dòng): không có phần ${part}.`,
    );
  }
}

/** "Từ ngày 01/03/2026 đến ngày 31/03/2026" */
export function registerPrintPeriodText(period: RegisterPrintPeriod): string {
  return `Từ ngày ${dmy(period.from)} đến ngày ${dmy(period.to)}`;
}

/** The books a print covers, as the header names them: "01/2026", "01/2025, 01/2026". */
export function registerPrintBooks(books: readonly Pick<RegisterEntry, "year" | "book">[]): string {
  return books.map(registerBookNumber).join(", ");
}

/** One dossier's line as recorded (personal data already masked as the reader may see it). */
export interface RegisterPrintDossier {
  entry: RegisterEntry;
  code: string;
  procedureName: string;
  /** Sets handed in; null when not recorded. */
  documentSets: number | null;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string;
  /** The agency the dossier was last handed to; null when it never left the desk. */
  leadAgencyName: string | null;
  receivedAt: Date;
  /** The return date the receipt gave (YYYY-MM-DD). */
  originalDueDate: string;
  /** The return date in force (moved by supplements or an apology's new date). */
  dueDate: string;
  /** The first hand-over to a processing agency; null when none was recorded. */
  handedOverAt: Date | null;
  /** When the result was recorded as ready ("Có kết quả giải quyết"); null otherwise. */
  resultAt: Date | null;
  /** When the result was returned to the applicant; null otherwise. */
  returnedAt: Date | null;
  state: DossierState;
}

/** The column headings of Mẫu 06, the five dates grouped under "Ngày tháng năm". */
export const REGISTER_PRINT_HEADINGS = {
  number: "STT",
  code: "Mã hồ sơ",
  procedure: "Tên TTHC",
  sets: "Số lượng hồ sơ (bộ)",
  applicant: "Tên cá nhân, tổ chức",
  contact: "Địa chỉ, số điện thoại",
  agency: "Cơ quan chủ trì giải quyết",
  dates: "Ngày, tháng, năm",
  received: "Nhận hồ sơ",
  due: "Hẹn trả kết quả",
  handedOver: "Chuyển hồ sơ đến cơ quan giải quyết",
  resultBack: "Nhận kết quả từ cơ quan giải quyết",
  returned: "Trả kết quả cho cá nhân, tổ chức",
  note: "Ghi chú",
} as const;

/** The cells of a line, in the columns' order (13 cells). */
export type RegisterPrintCells = [
  number: string,
  code: string,
  procedure: string,
  sets: string,
  applicant: string,
  contact: string,
  agency: string,
  received: string,
  due: string,
  handedOver: string,
  resultBack: string,
  returned: string,
  note: string,
];

const ENDINGS: Partial<Record<DossierState, string>> = {
  supplement_requested: "Đang chờ bổ sung hồ sơ",
  refused: "Từ chối giải quyết",
  stopped: "Dừng giải quyết",
  withdrawn: "Rút hồ sơ",
};

const day = (instant: Date | null) => (instant ? dmy(vietnamDate(instant)) : "");

/** What the "Ghi chú" cell says: an ending other than a result, a return date moved. */
export function registerPrintNote(dossier: RegisterPrintDossier): string {
  const notes: string[] = [];
  const ending = ENDINGS[dossier.state];
  if (ending) notes.push(ending);
  if (dossier.dueDate !== dossier.originalDueDate) notes.push(`Hẹn lại: ${dmy(dossier.dueDate)}`);
  return notes.join("; ");
}

/** The printed cells of a dossier's line. */
export function registerPrintCells(dossier: RegisterPrintDossier): RegisterPrintCells {
  const contact = [dossier.applicantAddress?.trim(), dossier.applicantPhone.trim()]
    .filter((part): part is string => Boolean(part))
    .join("; ");
  return [
    // The line's number as a book prints it ("123"; the receipt's "000123" is the same line).
    String(dossier.entry.entry),
    dossier.code,
    dossier.procedureName,
    dossier.documentSets === null ? "" : String(dossier.documentSets).padStart(2, "0"),
    dossier.applicantName,
    contact,
    dossier.leadAgencyName ?? "",
    day(dossier.receivedAt),
    dmy(dossier.originalDueDate),
    day(dossier.handedOverAt),
    day(dossier.resultAt),
    day(dossier.returnedAt),
    registerPrintNote(dossier),
  ];
}
