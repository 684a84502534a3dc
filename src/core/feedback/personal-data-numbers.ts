/*
 * Phone and identity numbers written into a text, in the ways Vietnamese people write them:
 * 0912345678, 0912 345 678, 0912.345.678, 091-234-5678, +84 912 345 678, (+84) 912…, 84912345678,
 * landlines 0203 3825 123 or (0203) 3825123, old 11-digit mobiles, CCCD (12 digits) and CMND
 * (9 digits). Dates (12/03/2026), dossier codes (000.00.12.H56-250715-0001), money amounts
 * (1.500.000 đồng) and document numbers (28/QĐ-UBND) are not phone or identity numbers.
 */

export interface NumberMatch {
  kind: "phone" | "id_number";
  start: number;
  end: number;
  /** The digits as a national number: a phone starts with 0 (the +84 / 84 prefix replaced). */
  digits: string;
}

const INTERNATIONAL_PREFIX = /(?:\(\+?84\)|\+\s?84)(?:[ .-]?\(0\))?[ .-]?/y;
const AREA_CODE_IN_PARENTHESES = /\(0\d{1,3}\)[ .-]?/y;
const DIGIT_RUN = /\d+/y;
const SEPARATORS = new Set([" ", ".", "-", "\u00a0"]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** "SĐT0912…", "ĐT:0912…" and "Zalo0912…" are written glued to their label. */
const PHONE_LABEL_BEFORE = /(?:sđt|sdt|đt|dt|tel|zalo|dđ|dd)$/iu;
const MONEY_AFTER =
  /^\s*(?:đồng|dong|đ|vnđ|vnd|triệu|trieu|tỷ|ty|nghìn|nghin|ngàn|ngan|usd)(?![\p{L}\p{N}])/iu;

/** Mobile (10 digits), landline (11 digits from 02) or an old 11-digit mobile (01x). */
export function isVietnamesePhone(national: string): boolean {
  return (
    /^0[35789]\d{8}$/.test(national) ||
    /^02\d{9}$/.test(national) ||
    /^01[2689]\d{8}$/.test(national)
  );
}

/** A phone's digits as a national number: "+84 912 345 678" and "84912345678" → "0912345678". */
export function nationalPhoneDigits(phone: string): string {
  const international = /^\s*(?:\(\s*)?\+/.test(phone);
  let digits = phone.replace(/\D/g, "");
  if ((international || digits.length === 11 || digits.length === 12) && digits.startsWith("84")) {
    digits = digits.slice(2).replace(/^0/, "");
    return `0${digits}`;
  }
  return digits;
}

function startAllowed(text: string, at: number): boolean {
  const before = text[at - 1];
  if (before === undefined) return true;
  if (LETTER_OR_DIGIT.test(before))
    return PHONE_LABEL_BEFORE.test(text.slice(Math.max(0, at - 4), at));
  const twoBefore = text[at - 2];
  if (/[./,-]/.test(before) && twoBefore !== undefined && LETTER_OR_DIGIT.test(twoBefore)) {
    return false;
  }
  return true;
}

function endAllowed(text: string, end: number): boolean {
  const after = text[end];
  if (after === undefined) return true;
  if (LETTER_OR_DIGIT.test(after)) return false;
  const next = text[end + 1];
  if (after === "/" && next !== undefined && LETTER_OR_DIGIT.test(next)) return false;
  return !MONEY_AFTER.test(text.slice(end, end + 12));
}

interface Candidate {
  international: boolean;
  /** Possible ends, shortest first: after each group of digits. */
  ends: { end: number; digits: string; groups: number; shortestGroup: number }[];
}

function readCandidate(text: string, start: number): Candidate | null {
  let pos = start;
  let digits = "";
  let groups = 0;
  let shortestGroup = Infinity;
  INTERNATIONAL_PREFIX.lastIndex = pos;
  const prefix = INTERNATIONAL_PREFIX.exec(text);
  const international = prefix !== null;
  if (prefix) {
    pos += prefix[0].length;
  } else {
    AREA_CODE_IN_PARENTHESES.lastIndex = pos;
    const area = AREA_CODE_IN_PARENTHESES.exec(text);
    if (area) {
      digits = area[0].replace(/\D/g, "");
      groups = 1;
      shortestGroup = digits.length;
      pos += area[0].length;
    }
  }
  const ends: Candidate["ends"] = [];
  for (;;) {
    DIGIT_RUN.lastIndex = pos;
    const run = DIGIT_RUN.exec(text);
    if (!run) break;
    digits += run[0];
    groups++;
    shortestGroup = Math.min(shortestGroup, run[0].length);
    pos += run[0].length;
    ends.push({ end: pos, digits, groups, shortestGroup });
    if (digits.length > 13) break;
    const separator = text[pos];
    const next = text[pos + 1];
    if (separator === undefined || !SEPARATORS.has(separator) || !/\d/.test(next ?? "")) break;
    pos++;
  }
  return ends.length > 0 ? { international, ends } : null;
}

function classify(
  candidate: Candidate,
  found: Candidate["ends"][number],
  senderPhone: string | null,
): NumberMatch["kind"] | null {
  const national = candidate.international
    ? `0${found.digits.replace(/^0/, "")}`
    : nationalPhoneDigits(found.digits);
  if (isVietnamesePhone(national) || (senderPhone !== null && national === senderPhone)) {
    return "phone";
  }
  if (candidate.international) return null;
  const idShaped = found.shortestGroup >= 3;
  if (found.digits.length === 12 && found.digits.startsWith("0") && idShaped) return "id_number";
  if (found.digits.length === 9 && found.groups === 1) return "id_number";
  return null;
}

/**
 * Phone and identity numbers in `text`, left to right, never overlapping. `senderPhone` (any
 * format) is also found when written in a shape that is not a usual phone number.
 */
export function findPhoneAndIdNumbers(text: string, senderPhone?: string | null): NumberMatch[] {
  const sender = senderPhone ? nationalPhoneDigits(senderPhone) : null;
  const matches: NumberMatch[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (!/[\d+(]/.test(char) || !startAllowed(text, at)) {
      at++;
      continue;
    }
    const candidate = readCandidate(text, at);
    let taken: NumberMatch | null = null;
    for (const found of [...(candidate?.ends ?? [])].reverse()) {
      // Phones have 9 to 12 digits (with or without 0, 84); ID numbers 9 or 12.
      if (found.digits.length < 9 || found.digits.length > 12) continue;
      if (!endAllowed(text, found.end)) continue;
      const kind = classify(candidate!, found, sender);
      if (kind === null) continue;
      const digits =
        kind === "phone"
          ? candidate!.international
            ? `0${found.digits.replace(/^0/, "")}`
            : nationalPhoneDigits(found.digits)
          : found.digits;
      taken = { kind, start: at, end: found.end, digits };
      break;
    }
    if (taken) {
      matches.push(taken);
      at = taken.end;
    } else {
      // Skip the rest of this run of digits: a number never starts inside another one.
      at++;
      if (/\d/.test(char)) while (at < text.length && /\d/.test(text[at]!)) at++;
    }
  }
  return matches;
}
