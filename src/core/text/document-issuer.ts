/**
 * The issuing body printed top left of a document (ND 30/2020, Phụ lục I II.2): the body's name
 * in bold and, above it, the body it directly belongs to ("cơ quan chủ quản trực tiếp", if any).
 * A people's committee (of a ward, a commune, a province) has no such body above it and prints
 * its own name only; an office of the unit (the one-stop desk, a department) prints the unit's
 * committee above its name.
 */
export interface IssuerNames {
  /** "\n" splits lines; null when nothing is printed above the issuing body. */
  upperName: string | null;
  name: string;
}

const upper = (text: string) => text.toLocaleUpperCase("vi");

/** "ỦY BAN NHÂN DÂN\nPHƯỜNG BÃI CHÁY" for the unit "Phường Bãi Cháy". */
export function committeeHeaderName(unitName: string): string {
  return `ỦY BAN NHÂN DÂN\n${upper(unitName.trim())}`;
}

/** "UBND PHƯỜNG BÃI CHÁY": the committee as the line above one of its offices (one line). */
export function committeeShortName(unitName: string): string {
  return `UBND ${upper(unitName.trim())}`;
}

/**
 * The header names of a document of `unitName`: its committee alone when `office` is null, else
 * the committee above the office ("UBND PHƯỜNG BÃI CHÁY" / "BỘ PHẬN MỘT CỬA").
 */
export function issuerNames(unitName: string, office: string | null = null): IssuerNames {
  if (office === null) return { upperName: null, name: committeeHeaderName(unitName) };
  return { upperName: committeeShortName(unitName), name: upper(office.trim()) };
}

const LEVEL_PREFIX = /^(Tỉnh|Thành phố|Xã|Phường|Thị trấn|Đặc khu)\s+/i;

/** "Ủy ban nhân dân phường Bãi Cháy": the unit's committee in running text. */
export function committeeInText(unitName: string): string {
  return `Ủy ban nhân dân ${unitName.trim().replace(LEVEL_PREFIX, (m) => m.toLowerCase())}`;
}

/** "Bãi Cháy" for "Phường Bãi Cháy": the place printed before the date. */
export function placeOfUnit(unitName: string): string {
  return unitName.trim().replace(LEVEL_PREFIX, "");
}
