import { maskName, maskPhone } from "../dossier/index.ts";
import { findAddresses } from "./personal-data-addresses.ts";
import { findPhoneAndIdNumbers, nationalPhoneDigits } from "./personal-data-numbers.ts";
import { findSenderAddress, findSenderName, type PhraseMatch } from "./personal-data-phrases.ts";

/*
 * Personal data in the text of a feedback that is about to be published: the sender's name
 * (and its parts as people write them), phone numbers, identity numbers (CMND/CCCD), e-mail
 * addresses and street addresses. The clerk sees the masked text with what was found before
 * confirming the publication; the server checks the confirmed text again.
 */

export const PERSONAL_DATA_KINDS = ["name", "phone", "id_number", "email", "address"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export const PERSONAL_DATA_KIND_LABELS: Record<PersonalDataKind, string> = {
  name: "Họ tên",
  phone: "Số điện thoại",
  id_number: "Số CMND/CCCD",
  email: "Thư điện tử",
  address: "Địa chỉ",
};

/** What the unit knows of the sender; every field but the name is optional. */
export interface SenderPersonalData {
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  idNumber?: string | null;
}

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  /** Position in the text read as NFC. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  /** The sender's own data (name, phone, e-mail, address, ID number as recorded). */
  ofSender: boolean;
}

export interface MaskedSpan extends PersonalDataSpan {
  /** Position of the replacement in the masked text. */
  maskedStart: number;
  maskedEnd: number;
}

export interface MaskedText {
  text: string;
  spans: MaskedSpan[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;

/** Keeps the domain: "an.nguyen@gmail.com" → "***@gmail.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "***" : `***${email.slice(at)}`;
}

export function maskedForm(kind: PersonalDataKind, original: string): string {
  switch (kind) {
    case "name":
      return maskName(original);
    case "phone":
    case "id_number":
      return maskPhone(original);
    case "email":
      return maskEmail(original);
    case "address":
      return "***";
  }
}

interface Found extends PhraseMatch {
  kind: PersonalDataKind;
  ofSender: boolean;
}

function sameDigits(a: string, b: string | null | undefined): boolean {
  const digits = (b ?? "").replace(/\D/g, "");
  return digits.length > 0 && a.replace(/\D/g, "") === digits;
}

function detect(text: string, sender: SenderPersonalData): Found[] {
  const found: Found[] = [];
  const senderPhone = sender.phone ? nationalPhoneDigits(sender.phone) : null;
  for (const { kind, start, end, digits } of findPhoneAndIdNumbers(text, sender.phone)) {
    const ofSender =
      kind === "phone" ? digits === senderPhone : sameDigits(digits, sender.idNumber);
    found.push({ kind, start, end, ofSender });
  }
  const senderEmail = sender.email?.trim().toLowerCase();
  for (const match of text.matchAll(EMAIL)) {
    const ofSender = senderEmail !== undefined && match[0].toLowerCase() === senderEmail;
    found.push({
      kind: "email",
      start: match.index,
      end: match.index + match[0].length,
      ofSender,
    });
  }
  if (sender.name.trim()) {
    for (const m of findSenderName(text, sender.name)) {
      found.push({ ...m, kind: "name", ofSender: true });
    }
  }
  if (sender.address?.trim()) {
    for (const m of findSenderAddress(text, sender.address)) {
      found.push({ ...m, kind: "address", ofSender: true });
    }
  }
  for (const m of findAddresses(text)) found.push({ ...m, kind: "address", ofSender: false });
  return found;
}

/**
 * Overlapping findings become one span covering both: its kind is the longer finding's, and it
 * is the sender's when either was.
 */
function merge(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Found[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start < last.end) {
      const longer = next.end - next.start > last.end - last.start ? next : last;
      merged[merged.length - 1] = {
        start: last.start,
        end: Math.max(last.end, next.end),
        kind: longer.kind,
        ofSender: last.ofSender || next.ofSender,
      };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** The personal data in `text` (read as NFC), left to right, never overlapping. */
export function findPersonalData(text: string, sender: SenderPersonalData): PersonalDataSpan[] {
  const nfc = text.normalize("NFC");
  return merge(detect(nfc, sender)).map((f) => {
    const original = nfc.slice(f.start, f.end);
    return { ...f, original, replacement: maskedForm(f.kind, original) };
  });
}

/** The text with every piece of personal data replaced by its masked form, and what was found. */
export function maskPersonalData(text: string, sender: SenderPersonalData): MaskedText {
  const nfc = text.normalize("NFC");
  const spans: MaskedSpan[] = [];
  let out = "";
  let from = 0;
  for (const span of findPersonalData(nfc, sender)) {
    out += nfc.slice(from, span.start);
    spans.push({
      ...span,
      maskedStart: out.length,
      maskedEnd: out.length + span.replacement.length,
    });
    out += span.replacement;
    from = span.end;
  }
  return { text: out + nfc.slice(from), spans };
}

/**
 * What may never be published even when the clerk confirms it: the sender's own data and any
 * identity number. Other findings (an office's hotline, the street where a road is broken) are
 * masked by default, and the clerk may put them back.
 */
export function mustStayMasked(span: PersonalDataSpan): boolean {
  return span.ofSender || span.kind === "id_number";
}
