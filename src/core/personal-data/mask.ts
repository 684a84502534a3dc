/**
 * Masking rules for personal data shown to those who do not need it (upper units' reviewers,
 * viewers, exports). Pure string functions; they read text as NFC so decomposed Vietnamese
 * (a base letter followed by combining marks) masks like precomposed text.
 */

function words(value: string): string[] {
  return value
    .normalize("NFC")
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
}

/** The first letter of a word, with its diacritics ("Đ", "Ư", "Ánh" → "Á"). */
function initial(word: string): string {
  return [...word][0]!;
}

/**
 * Keeps the family name and the initials of the other words:
 * "Nguyễn Văn An" → "Nguyễn V. A.", "Lê Na" → "Lê N.", a single word "Hùng" → "H.".
 */
export function maskPersonName(name: string): string {
  const parts = words(name);
  if (parts.length === 0) return "";
  if (parts.length === 1) return `${initial(parts[0]!)}.`;
  const [family, ...rest] = parts;
  return [family!, ...rest.map((word) => `${initial(word)}.`)].join(" ");
}

/** Only digits: "+84 912.345.689" → "84912345689". */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, "");
}

/**
 * Keeps the first two and the last two digits: "0912345689" → "09******89". Fewer than six
 * digits are all masked (the ends would give away most of the number).
 */
export function maskPhoneNumber(phone: string): string {
  const digits = digitsOf(phone);
  if (digits.length < 6) return "*".repeat(digits.length);
  return digits.slice(0, 2) + "*".repeat(digits.length - 4) + digits.slice(-2);
}

/** Keeps the last three digits: "001203004567" → "*********567"; three or fewer: all masked. */
export function maskIdNumber(idNumber: string): string {
  const digits = digitsOf(idNumber);
  if (digits.length <= 3) return "*".repeat(digits.length);
  return "*".repeat(digits.length - 3) + digits.slice(-3);
}

/** Keeps the first character and the domain: "an.nguyen@gmail.com" → "a***@gmail.com". */
export function maskEmailAddress(email: string): string {
  const value = email.normalize("NFC").trim();
  const at = value.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${[...value][0]}***${value.slice(at)}`;
}

/**
 * Keeps the last part (the ward, district or province, after the last comma), which counts for
 * statistics but does not find a house: "Số 12 Lê Lợi, Phường Bãi Cháy" → "***, Phường Bãi Cháy".
 */
export function maskAddress(address: string): string {
  const value = address.normalize("NFC").trim();
  if (value === "") return "";
  const comma = value.lastIndexOf(",");
  if (comma < 0) return "***";
  const tail = value.slice(comma + 1).trim();
  return tail === "" ? "***" : `***, ${tail}`;
}

/** One value masked by its kind; free text is hidden whole (nothing in it is known to be safe). */
export function maskPersonalValue(
  kind: "name" | "phone" | "id_number" | "email" | "address" | "text",
  value: string,
): string {
  switch (kind) {
    case "name":
      return maskPersonName(value);
    case "phone":
      return maskPhoneNumber(value);
    case "id_number":
      return maskIdNumber(value);
    case "email":
      return maskEmailAddress(value);
    case "address":
      return maskAddress(value);
    case "text":
      return value.trim() === "" ? "" : "***";
  }
}
