/**
 * The applicant's ID number taken at the desk (issue 13): a personal identification number
 * (số định danh cá nhân, printed on the CCCD: 12 digits, the first three a province code), an old
 * identity card (CMND: 9 digits) or a passport (hộ chiếu: a letter and 7 digits). Optional: a
 * dossier filed by an organisation has none. Spaces, dots and dashes typed between the groups are
 * dropped; a passport's letter is kept upper case. After reception it is shown only masked.
 */
import { DossierError } from "./dossier-error.ts";

export type ApplicantIdKind = "personal_id" | "identity_card" | "passport";

/** The field's label on the receive form. */
export const APPLICANT_ID_LABEL = "Số định danh cá nhân / CMND / Hộ chiếu";

export const APPLICANT_ID_KIND_LABELS: Record<ApplicantIdKind, string> = {
  personal_id: "Số định danh cá nhân (CCCD)",
  identity_card: "Chứng minh nhân dân",
  passport: "Hộ chiếu",
};

/**
 * Province and city codes of the personal identification number (Thông tư 07/2016/TT-BCA, Phụ
 * lục: mã tỉnh, thành phố nơi đăng ký khai sinh). A number keeps its code for life, so the codes
 * of the provinces merged in 2025 stay valid.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 " +
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 " +
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
  ).split(" "),
);

export const APPLICANT_ID_FORMAT_MESSAGE =
  "Số giấy tờ không hợp lệ: nhập số định danh cá nhân 12 chữ số, số CMND 9 chữ số hoặc số hộ chiếu gồm 1 chữ cái và 7 chữ số.";

export function applicantIdProvinceMessage(code: string): string {
  return `Số định danh cá nhân không hợp lệ: 3 chữ số đầu (${code}) không phải mã tỉnh, thành phố nào.`;
}

export type ApplicantIdReading =
  { ok: true; value: string; kind: ApplicantIdKind } | { ok: false; message: string };

/** Spaces (also non-breaking), dots and dashes between the groups. */
const SEPARATORS = /[\s.\u00a0-]+/gu;

/**
 * Reads a typed ID number: its normalised value and kind, or why it is refused. A blank entry is
 * not read here (the field is optional; see `applicantIdNumber`).
 */
export function readApplicantIdNumber(typed: string): ApplicantIdReading {
  const value = typed.normalize("NFC").trim().replace(SEPARATORS, "").toUpperCase();
  if (/^\d{12}$/.test(value)) {
    const province = value.slice(0, 3);
    if (!PROVINCE_CODES.has(province)) {
      return { ok: false, message: applicantIdProvinceMessage(province) };
    }
    return { ok: true, value, kind: "personal_id" };
  }
  if (/^\d{9}$/.test(value)) return { ok: true, value, kind: "identity_card" };
  if (/^[A-Z]\d{7}$/.test(value)) return { ok: true, value, kind: "passport" };
  return { ok: false, message: APPLICANT_ID_FORMAT_MESSAGE };
}

/**
 * The value to store: null when nothing was typed, the normalised number otherwise; a wrong one
 * is refused with `DOSSIER_APPLICANT_ID_INVALID`, its message given at the field.
 */
export function applicantIdNumber(typed: string | null | undefined): string | null {
  if (typed === null || typed === undefined || typed.trim() === "") return null;
  const reading = readApplicantIdNumber(typed);
  if (!reading.ok) {
    throw new DossierError("DOSSIER_APPLICANT_ID_INVALID", reading.message, [
      { path: "applicantIdNumber", message: reading.message },
    ]);
  }
  return reading.value;
}

/**
 * How the number is shown after reception, to every reader: its last three characters, the rest
 * starred ("001203004567" → "*********567", "B1234567" → "*****567").
 */
export function maskApplicantIdNumber(value: string): string {
  const chars = [...value.replace(SEPARATORS, "")];
  if (chars.length <= 3) return "*".repeat(chars.length);
  return "*".repeat(chars.length - 3) + chars.slice(-3).join("");
}

/** The stored number as a view shows it: masked, or null when none was taken. */
export function shownApplicantIdNumber(value: string | null): string | null {
  return value === null ? null : maskApplicantIdNumber(value);
}
