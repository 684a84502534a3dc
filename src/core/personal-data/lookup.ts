/**
 * One person's data looked up by an administrator (a data subject's request, ND 13/2023 art. 14
 * and 15): by phone, ID number (CMND/CCCD) or full name, any of them. Pure rules: how the typed
 * values are normalised, when a record's value is the person's, and how the query is written in
 * the audit log without the searched values in clear.
 */
import { findPhoneAndIdNumbers, nationalPhoneDigits } from "../feedback/personal-data-numbers.ts";
import { sameVietnameseWord, searchKey } from "../text/vietnamese-text.ts";
import { maskIdNumber, maskPersonName, maskPhoneNumber } from "./mask.ts";

export interface PersonLookupInput {
  phone?: string | null;
  idNumber?: string | null;
  name?: string | null;
}

export interface PersonLookupQuery {
  /** National digits ("+84 912 345 678" → "0912345678"), or null. */
  phone: string | null;
  /** Digits of a CMND (9) or CCCD (12), or a passport number ("B1234567"), or null. */
  idNumber: string | null;
  /** The name as typed (NFC, single spaces), or null. */
  name: string | null;
  /** `searchKey` of the name: no diacritics, lower case. */
  nameKey: string | null;
}

export type PersonLookupProblem = "empty" | "phone" | "id_number" | "name";

const blank = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === "";

/**
 * The normalised query, or what is wrong with it: nothing given, a phone that is not 9–11
 * national digits, an ID number that is not 9 or 12 digits nor a passport's letter and 7 digits,
 * a name of fewer than two letters.
 */
export function personLookupQuery(
  input: PersonLookupInput,
): { query: PersonLookupQuery } | { problem: PersonLookupProblem } {
  if (blank(input.phone) && blank(input.idNumber) && blank(input.name)) return { problem: "empty" };
  let phone: string | null = null;
  if (!blank(input.phone)) {
    if (!/^[\d\s.()+-]+$/.test(input.phone!.trim())) return { problem: "phone" };
    phone = nationalPhoneDigits(input.phone!);
    if (!/^0\d{8,10}$/.test(phone)) return { problem: "phone" };
  }
  let idNumber: string | null = null;
  if (!blank(input.idNumber)) {
    // Digits of a CMND or CCCD, or a passport's letter and 7 digits, as the desk stores them.
    idNumber = input
      .idNumber!.trim()
      .replace(/[\s.\u00a0-]+/gu, "")
      .toUpperCase();
    if (!/^(?:\d{9}|\d{12}|[A-Z]\d{7})$/.test(idNumber)) return { problem: "id_number" };
  }
  let name: string | null = null;
  if (!blank(input.name)) {
    name = input.name!.normalize("NFC").replace(/\s+/g, " ").trim();
    if ([...searchKey(name)].filter((c) => /\p{L}/u.test(c)).length < 2) return { problem: "name" };
  }
  return { query: { phone, idNumber, name, nameKey: name === null ? null : searchKey(name) } };
}

/** The last nine digits: what the database compares first, whatever prefix a phone was stored with. */
export function phoneTail(phone: string): string {
  return phone.slice(-9);
}

/** Whether a recorded phone (any format) is the searched one (national digits). */
export function samePhone(recorded: string | null, phone: string): boolean {
  return recorded !== null && recorded.trim() !== "" && nationalPhoneDigits(recorded) === phone;
}

/**
 * Whether a recorded name is the searched one, word by word: case and tone placement ignored
 * ("Thủy"/"Thuỷ"), a word typed without diacritics matches its accented form ("Nguyen Van An"),
 * but an accented word must carry the same marks ("Ân" is not "An").
 */
export function sameName(recorded: string, typed: string): boolean {
  const a = typed.normalize("NFC").trim().split(/\s+/);
  const b = recorded.normalize("NFC").trim().split(/\s+/);
  return a.length === b.length && a.every((word, i) => sameVietnameseWord(word, b[i]!));
}

/** Whether a dossier's stored ID number (normalised at the desk) is the searched one. */
export function sameIdNumber(recorded: string | null, idNumber: string): boolean {
  return recorded !== null && recorded === idNumber;
}

/** Which of the searched numbers a free text mentions (phones as national digits). */
export function numbersMentioned(
  text: string | null,
  query: Pick<PersonLookupQuery, "phone" | "idNumber">,
): { phone: boolean; idNumber: boolean } {
  const found = { phone: false, idNumber: false };
  if (!text || (query.phone === null && query.idNumber === null)) return found;
  for (const match of findPhoneAndIdNumbers(text, query.phone)) {
    if (query.phone !== null && match.digits === query.phone) found.phone = true;
    if (query.idNumber !== null && match.digits === query.idNumber) found.idNumber = true;
  }
  return found;
}

/** The query as the audit log keeps it: masked, never in clear. */
export function maskedLookupQuery(query: PersonLookupQuery): string {
  const parts: string[] = [];
  if (query.phone !== null) parts.push(`số điện thoại ${maskPhoneNumber(query.phone)}`);
  if (query.idNumber !== null) parts.push(`số CMND/CCCD ${maskIdNumber(query.idNumber)}`);
  if (query.name !== null) parts.push(`họ tên ${maskPersonName(query.name)}`);
  return parts.join(", ");
}
