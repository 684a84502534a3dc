import { dictionary } from "@zxcvbn-ts/language-common";
import { searchKey } from "../text/vietnamese-text.ts";

/**
 * What a new password must satisfy, wherever it is set (account creation, an administrator's reset,
 * one's own change, the CLI): at least 10 characters, not a run or repetition of a few characters,
 * not containing the username or the full name, and not a common or breached password (zxcvbn's
 * list of ~49,000 passwords seen in breaches, plus ones common in Vietnam), also with up to five
 * digits or symbols added at the end ("matkhau2026!"). Letters are compared without case or
 * diacritics.
 */
export const MIN_PASSWORD_LENGTH = 10;

export type PasswordProblem = "too_short" | "too_simple" | "contains_name" | "common";

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
  too_simple:
    "Mật khẩu quá đơn giản (lặp lại hoặc nối tiếp ít ký tự, như aaaaaaaaaa hay 0123456789).",
  contains_name: "Mật khẩu không được chứa tên đăng nhập hoặc họ tên của tài khoản.",
  common:
    "Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu; hãy chọn mật khẩu khác.",
};

/** Passwords common in Vietnam that the breach list lacks (compared without case or diacritics). */
const VIETNAMESE_COMMON = [
  "matkhau",
  "matkhau123",
  "matkhau@123",
  "matkhaumoi",
  "doimatkhau",
  "123456789a",
  "1234567890a",
  "a123456789",
  "12345678a",
  "123456a@",
  "abc@123",
  "abc@12345",
  "abcd@1234",
  "abc123456",
  "anhyeuem",
  "emyeuanh",
  "yeuem",
  "yeuanh",
  "tinhyeu",
  "tinhyeumaimai",
  "vietnam",
  "vietnam123",
  "hanoi",
  "saigon",
  "hochiminh",
  "quantri",
  "quantrivien",
  "admin@123",
  "administrator",
  "khongbiet",
  "xinchao",
  "cchc",
  "caicachhanhchinh",
  "motcua",
  "ubnd",
  "ubndxa",
  "ubndtinh",
  "p@ssw0rd",
  "pass@123",
];

let commonSet: Set<string> | null = null;
function commonPasswords(): Set<string> {
  commonSet ??= new Set(
    [...dictionary["passwords-common"], ...VIETNAMESE_COMMON].map((p) => passwordKey(p)),
  );
  return commonSet;
}

/** Lower case, no diacritics (đ → d), no spaces. */
function passwordKey(text: string): string {
  return searchKey(text).replace(/\s+/g, "");
}

/** A repetition of few characters, or a run with a constant step (abcdefghij, 9876543210). */
function isTooSimple(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size < 4) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) <= 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

function isCommon(key: string): boolean {
  const common = commonPasswords();
  // Also without separators: "mat-khau.123" is "matkhau123".
  return [key, key.replace(/[-_.]/g, "")].some((candidate) => {
    if (common.has(candidate)) return true;
    // A listed password with a year, a few digits or a symbol added: "matkhau2026", "iloveyou!".
    const tail = /(?<![^\p{L}])[^\p{L}]{1,5}$/u.exec(candidate);
    if (!tail) return false;
    const base = candidate.slice(0, tail.index);
    return base.length >= 4 && common.has(base);
  });
}

function containsName(key: string, account: { username: string; fullName?: string | null }) {
  const names = [account.username, account.fullName ?? ""]
    .map(passwordKey)
    .filter((name) => name.length >= 3);
  return names.some((name) => key.includes(name));
}

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  account: { username: string; fullName?: string | null },
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "too_short";
  if (isTooSimple(password)) return "too_simple";
  const key = passwordKey(password);
  if (containsName(key, account)) return "contains_name";
  if (isCommon(key)) return "common";
  return null;
}
