import { DossierError } from "./dossier-error.ts";

/**
 * Dossier code per TT 01/2018/TT-VPCP: `<agency code per QCVN 102:2016>-<YYMMDD>-<daily sequence>`,
 * e.g. `000.00.12.H56-250715-0001`. The sequence counts the dossiers a desk received that day
 * (Vietnam time) from 0001; 9999 is the format's hard cap. A code never changes once issued.
 */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const DOSSIER_CODE_PATTERN =
  /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;
export const MAX_DAILY_SEQUENCE = 9999;

export interface DossierCodeParts {
  agencyCode: string;
  /** Day of receipt, YYYY-MM-DD (years 2000–2099). */
  receivedOn: string;
  sequence: number;
}

export function isAgencyCode(value: string): boolean {
  return AGENCY_CODE_PATTERN.test(value);
}

export function formatDossierCode(parts: DossierCodeParts): string {
  if (!isAgencyCode(parts.agencyCode)) {
    throw new DossierError(
      "DOSSIER_AGENCY_CODE_INVALID",
      `Mã cơ quan "${parts.agencyCode}" không đúng cấu trúc QCVN 102:2016 (ví dụ 000.00.12.H56).`,
    );
  }
  const match = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(parts.receivedOn);
  if (!match) {
    throw new DossierError(
      "DOSSIER_CODE_INVALID",
      `Ngày tiếp nhận "${parts.receivedOn}" không hợp lệ cho mã hồ sơ.`,
    );
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    throw new DossierError("DOSSIER_CODE_INVALID", `Số thứ tự "${parts.sequence}" không hợp lệ.`);
  }
  if (parts.sequence > MAX_DAILY_SEQUENCE) {
    throw new DossierError(
      "DOSSIER_SEQUENCE_EXHAUSTED",
      `Đã tiếp nhận đủ ${MAX_DAILY_SEQUENCE} hồ sơ trong ngày; không thể cấp thêm mã hồ sơ.`,
    );
  }
  const sequence = String(parts.sequence).padStart(4, "0");
  return `${parts.agencyCode}-${match[1]}${match[2]}${match[3]}-${sequence}`;
}

/** Reads a dossier code; null when it does not follow the structure or names an impossible day. */
export function parseDossierCode(code: string): DossierCodeParts | null {
  const match = DOSSIER_CODE_PATTERN.exec(code.trim());
  if (!match) return null;
  const [, agencyCode, yy, mm, dd, sequence] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const receivedOn = `20${yy}-${mm}-${dd}`;
  const date = new Date(`${receivedOn}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== receivedOn) return null;
  const number = Number(sequence);
  if (number < 1) return null;
  return { agencyCode, receivedOn, sequence: number };
}

/**
 * Whether a code lies in a unit's code space: a well-formed TT 01/2018 code whose agency part is
 * one of the unit's agency codes (its desk's, and those of units merged into it). Codes of another
 * body, or of no recognisable structure, could take numbers that another desk will issue.
 */
export function isInCodeSpace(code: string, agencyCodes: ReadonlySet<string>): boolean {
  // The cheap prefix test first: a million-row import calls this once per row.
  const dash = code.indexOf("-");
  if (dash < 0 || !agencyCodes.has(code.slice(0, dash))) return false;
  const parts = parseDossierCode(code);
  return parts !== null && code === code.trim();
}

/**
 * The first daily sequence after `last` that `isTaken` does not claim, looking at no more than
 * `window` numbers and never past MAX_DAILY_SEQUENCE; null when every number looked at is taken.
 */
export function firstFreeSequence(
  last: number,
  window: number,
  isTaken: (sequence: number) => boolean,
): number | null {
  const end = Math.min(last + window, MAX_DAILY_SEQUENCE);
  for (let sequence = last + 1; sequence <= end; sequence += 1) {
    if (!isTaken(sequence)) return sequence;
  }
  return null;
}
