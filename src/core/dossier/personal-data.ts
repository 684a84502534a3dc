import { nationalPhoneDigits } from "../feedback/personal-data-numbers.ts";

/** Masks personal data shown on public pages. */

/** Keeps the last three digits: "0912345678" → "*******678". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 3) return "*".repeat(digits.length);
  return "*".repeat(digits.length - 3) + digits.slice(-3);
}

/** Keeps the first letter of each word: "Nguyễn Văn An" → "N***** V** A*". */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => {
      const letters = [...word];
      return letters[0]! + "*".repeat(letters.length - 1);
    })
    .join(" ");
}

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** Whether `last4` are the last four digits of `phone`. */
export function phoneEndsWith(phone: string, last4: string): boolean {
  const digits = phoneDigits(phone);
  return /^\d{4}$/.test(last4) && digits.length >= 4 && digits.endsWith(last4);
}

/** A Vietnamese phone number: 9–11 digits after removing spaces, dots and dashes, "+84" allowed. */
export function isPhoneNumber(value: string): boolean {
  const trimmed = value.trim();
  if (!/^\+?[\d\s.-]+$/.test(trimmed)) return false;
  const digits = phoneDigits(trimmed);
  return digits.length >= 9 && digits.length <= 12;
}

/**
 * Whether what a citizen typed proves a recorded phone on a public page: its last four digits, or
 * the whole number in any format ("+84 915 222 333" is "0915222333").
 */
export function phoneConfirms(phone: string, typed: string): boolean {
  const given = typed.trim();
  if (/^\d{4}$/.test(given)) return phoneEndsWith(phone, given);
  return isPhoneNumber(given) && nationalPhoneDigits(phone) === nationalPhoneDigits(given);
}

/** What a public page accepts as the phone's proof: four digits or a whole phone number. */
export function isPhoneProof(typed: string): boolean {
  const given = typed.trim();
  return /^\d{4}$/.test(given) || isPhoneNumber(given);
}
