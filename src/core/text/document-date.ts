/**
 * Dates as administrative documents write them (ND 30/2020): days below 10 and the months 1 and 2
 * take a leading zero — "ngày 05 tháng 3 năm 2026", "ngày 12 tháng 02 năm 2026".
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
