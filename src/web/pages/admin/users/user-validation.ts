import { vi } from "../../../i18n/vi.ts";

export const MIN_PASSWORD_LENGTH = 10;

export function validateEmail(value: string): string | null {
  const email = value.trim();
  return !email || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : vi.users.emailInvalid;
}

/** Required on create; on edit an empty value means "keep the current password". */
export function validatePassword(value: string, required: boolean): string | null {
  if (!value) return required ? vi.users.passwordTooShort : null;
  return value.length >= MIN_PASSWORD_LENGTH ? null : vi.users.passwordTooShort;
}
