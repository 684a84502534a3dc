/**
 * Dates as administrative documents write them (ND 30/2020): days below 10 and the months 1 and 2
 * take a leading zero — "ngày 05 tháng 3 năm 2026", "ngày 12 tháng 02 năm 2026". Every document
 * the platform prints (plans, one-stop forms, notices, reports) writes its dates through here.
 */
export function documentDay(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}

export function documentMonth(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

/** "ngày 05 tháng 3 năm 2026" from the parts of a date. */
export function documentDatePhrase(year: number, month: number, day: number): string {
  return `ngày ${documentDay(day)} tháng ${documentMonth(month)} năm ${year}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a YYYY-MM-DD date; a RangeError for anything else. */
export function isoDateParts(isoDate: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** "ngày 05 tháng 3 năm 2026" for "2026-03-05". */
export function documentDatePhraseOf(isoDate: string): string {
  const { year, month, day } = isoDateParts(isoDate);
  return documentDatePhrase(year, month, day);
}

/** "05/03/2026" for "2026-03-05": a date cited in running text or in a form's field. */
export function numericDate(isoDate: string): string {
  const { year, month, day } = isoDateParts(isoDate);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}
