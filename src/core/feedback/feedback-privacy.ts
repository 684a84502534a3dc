import { maskName, maskPhone } from "../dossier/index.ts";

/** Masking of personal data on the public page of published answers. */
export { maskName, maskPhone };

const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+\.)+[\p{L}]{2,}/gu;
/** 9–12 digits, possibly grouped with spaces, dots or dashes, possibly starting with +84. */
const PHONE = /(?<![\p{N}])\+?\d(?:[\s.-]?\d){8,11}(?![\p{N}])/gu;
/** Citizen identity numbers (CCCD, 12 digits) and old ID cards (9 digits) are caught by PHONE. */

/** Keeps the domain: "an.nguyen@gmail.com" → "***@gmail.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "***" : `***${email.slice(at)}`;
}

/**
 * Masks the contact data a citizen may have written into the text of a feedback: e-mail
 * addresses and phone or identity numbers (last three digits kept).
 */
export function maskContactsInText(text: string): string {
  return text
    .replace(EMAIL, (email) => maskEmail(email))
    .replace(PHONE, (number) => maskPhone(number));
}
