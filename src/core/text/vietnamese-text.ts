/**
 * Vietnamese text helpers for matching and sorting.
 *
 * Old and new tone placement both occur in real documents ("Thủy"/"Thuỷ", "hòa"/"hoà").
 * A tone mark is one of five combining marks; the vowel quality marks (circumflex, breve, horn)
 * are part of the letter. Moving every tone mark to the end of its word gives one key for both
 * spellings while keeping words that differ in tone or letter apart.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Key that is equal for the old and the new tone placement; case-insensitive. */
export function toneInsensitiveKey(text: string): string {
  const decomposed = text.normalize("NFD").toLowerCase();
  return decomposed
    .replace(WORD, (word) => {
      const tones = word.match(TONE_MARKS) ?? [];
      return word.replace(TONE_MARKS, "") + tones.join("");
    })
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}

/** Loose search key: no diacritics at all, đ → d, lower case, single spaces. */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when `needle` occurs in `haystack`, ignoring case, tone placement and diacritics. */
export function matchesSearch(haystack: string, needle: string): boolean {
  return searchKey(haystack).includes(searchKey(needle));
}

const collator = new Intl.Collator("vi", { sensitivity: "base" });

/** Compares in Vietnamese alphabetical order (a ă â b c d đ e ê …). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** True when `word` carries no Vietnamese diacritic at all (e.g. "Thuy", "NGUYEN"). */
export function hasNoDiacritics(word: string): boolean {
  return searchKey(word) === word.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Whether two single words are the same Vietnamese word as people write it: case and tone
 * placement ("Thủy"/"Thuỷ", "hòa"/"hoà") ignored, and a word typed without any diacritic
 * ("Thuy", "Nguyen") matches its accented form. Two accented words that differ in tone or letter
 * stay apart ("hoá" is not "hoa"), so an accented text never matches a word it does not contain.
 */
export function sameVietnameseWord(written: string, reference: string): boolean {
  if (toneInsensitiveKey(written) === toneInsensitiveKey(reference)) return true;
  return hasNoDiacritics(written) && searchKey(written) === searchKey(reference);
}
