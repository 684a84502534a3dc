import { hasNoDiacritics, searchKey, toneInsensitiveKey } from "../text/vietnamese-text.ts";

/*
 * Finding a known phrase (the sender's name or address) in a text word by word, as people write
 * it: any case, old or new tone placement, with or without diacritics.
 */

export interface Word {
  text: string;
  start: number;
  end: number;
  /** Keys computed once per word (see sameVietnameseWord). */
  tone: string;
  loose: string;
  bare: boolean;
}

const NAME_WORD = /[\p{L}\p{M}]+/gu;
const ADDRESS_WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function wordsOf(text: string, kind: "name" | "address"): Word[] {
  const pattern = kind === "name" ? NAME_WORD : ADDRESS_WORD;
  const keys = new Map<string, ReturnType<typeof keysOf>>();
  return [...text.matchAll(pattern)].map((m) => {
    let known = keys.get(m[0]);
    if (!known) keys.set(m[0], (known = keysOf(m[0])));
    return { text: m[0], start: m.index, end: m.index + m[0].length, ...known };
  });
}

function keysOf(word: string) {
  return { tone: toneInsensitiveKey(word), loose: searchKey(word), bare: hasNoDiacritics(word) };
}

/** `sameVietnameseWord` on precomputed keys: the text's word as written, the reference word. */
function same(written: Word, reference: Word): boolean {
  return written.tone === reference.tone || (written.bare && written.loose === reference.loose);
}

/** Between two words of a name: spaces only. Of an address: spaces and punctuation. */
const NAME_GAP = /^[ \t\u00a0]+$/;
const ADDRESS_GAP = /^[\s,.;/-]+$/;

export interface PhraseMatch {
  start: number;
  end: number;
}

/** Every place where the words of `phrase` follow each other in `words` (not overlapping). */
export function findPhrase(
  text: string,
  words: readonly Word[],
  phrase: readonly Word[],
  kind: "name" | "address",
): PhraseMatch[] {
  if (phrase.length === 0) return [];
  const gap = kind === "name" ? NAME_GAP : ADDRESS_GAP;
  const found: PhraseMatch[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let ok = true;
    for (let k = 0; k < phrase.length && ok; k++) {
      const word = words[i + k]!;
      ok = same(word, phrase[k]!);
      if (ok && k > 0) ok = gap.test(text.slice(words[i + k - 1]!.end, word.start));
    }
    if (ok) {
      found.push({ start: words[i]!.start, end: words[i + phrase.length - 1]!.end });
      i += phrase.length - 1;
    }
  }
  return found;
}

/** Words that introduce a person by their given name: "chị Thuỷ", "ông Bình", "tôi là Hoa". */
const FORMS_OF_ADDRESS = [
  "ông",
  "bà",
  "anh",
  "chị",
  "em",
  "cô",
  "chú",
  "bác",
  "cụ",
  "dì",
  "cậu",
  "mợ",
  "thím",
  "cháu",
  "là",
];

/**
 * Where the sender's name occurs: the full name, the name without the family name ("Thị Thuỷ"),
 * the family and given name ("Nguyễn Thuỷ"), and the given name alone after a form of address
 * ("chị Thuỷ", "bà thuy"; after "là" only when capitalised). A one-word name is found when
 * capitalised or after a form of address. The middle or family name alone is never a match: "thị" (thị xã) and "văn" (văn bản) are ordinary words.
 */
export function findSenderName(text: string, name: string): PhraseMatch[] {
  const parts = wordsOf(name, "name");
  if (parts.length === 0) return [];
  const words = wordsOf(text, "name");
  const variants: Word[][] = [parts];
  for (let k = 1; k <= parts.length - 2; k++) variants.push(parts.slice(k));
  if (parts.length >= 3) variants.push([parts[0]!, parts[parts.length - 1]!]);
  const found: PhraseMatch[] = [];
  for (const variant of variants) {
    for (const match of findPhrase(text, words, variant, "name")) {
      // A one-word name ("Hoa") is also an ordinary word: only when written as a name.
      const written = text.slice(match.start, match.end);
      if (parts.length > 1 || written[0] !== written[0]!.toLowerCase()) found.push(match);
    }
  }
  const forms = FORMS_OF_ADDRESS.map((form) => ({ form, ...wordsOf(form, "name")[0]! }));
  const given = parts[parts.length - 1]!;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const before = words[i - 1]!;
    if (!same(word, given)) continue;
    if (!NAME_GAP.test(text.slice(before.end, word.start))) continue;
    const form = forms.find((f) => same(before, f))?.form;
    if (form === undefined) continue;
    if (form === "là" && word.text[0] === word.text[0]!.toLowerCase()) continue;
    found.push({ start: word.start, end: word.end });
  }
  return found;
}

/**
 * Where the sender's recorded address occurs: the whole address, and its leading parts up to
 * each comma as long as they hold a number and two words or more ("Số 12 đường Trần Hưng Đạo" of "Số 12 đường Trần
 * Hưng Đạo, phường Hồng Gai"). A part without a number ("phường Hồng Gai") is not personal.
 */
export function findSenderAddress(text: string, address: string): PhraseMatch[] {
  const components = address
    .split(/[,;]/)
    .map((c) => c.trim())
    .filter(Boolean);
  const words = wordsOf(text, "address");
  const variants: Word[][] = [];
  for (let k = components.length; k >= 1; k--) {
    const prefix = components.slice(0, k).join(", ");
    const hasNumber = /\d/.test(prefix);
    const prefixWords = wordsOf(prefix, "address");
    if (prefixWords.length >= 2 && (hasNumber || (k === components.length && k >= 2))) {
      variants.push(prefixWords);
    }
  }
  const found: PhraseMatch[] = [];
  for (const variant of variants) found.push(...findPhrase(text, words, variant, "address"));
  return found;
}
