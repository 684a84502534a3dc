/**
 * Does the unit a plan's header names ("ỦY BAN NHÂN DÂN XÃ THUỶ AN", "UBND phường Hòa Bình") match
 * a unit of the installation ("Xã Thủy An")? Names are compared word by word as people write them:
 * case and tone placement ignored ("Thủy"/"Thuỷ", "hòa"/"hoà"), a word typed without diacritics
 * matching its accented form; the committee ("UBND", "Ủy ban nhân dân", "Chủ tịch …") and the
 * unit-kind words (xã, phường, thị trấn, đặc khu, quận, huyện, thị xã, thành phố, tỉnh) in front
 * are left out on both sides.
 */
import { sameVietnameseWord, searchKey } from "../text/vietnamese-text.ts";

/** Leading words that name the committee, not the unit (search keys: "UBND XA THUY AN" too). */
const COMMITTEE_PREFIXES = [["chủ", "tịch"], ["ủy", "ban", "nhân", "dân"], ["ubnd"]].map((words) =>
  words.map(searchKey),
);

/** Unit-kind words, longest first so "thị xã" is taken before "xã" could be. */
const KIND_PREFIXES = [
  ["thành", "phố"],
  ["thị", "trấn"],
  ["thị", "xã"],
  ["đặc", "khu"],
  ["xã"],
  ["phường"],
  ["quận"],
  ["huyện"],
  ["tỉnh"],
  ["tp."],
  ["tp"],
].map((words) => words.map(searchKey));

/** Only a committee issues for a unit: a header of a department (Sở, Ban…) names no unit. */
function startsWithCommittee(words: string[]): boolean {
  return COMMITTEE_PREFIXES.some((prefix) => prefix.every((word, i) => words[i] === word));
}

function dropPrefix(words: string[], prefixes: string[][]): string[] {
  for (const prefix of prefixes) {
    if (words.length >= prefix.length && prefix.every((word, i) => words[i] === word)) {
      return words.slice(prefix.length);
    }
  }
  return words;
}

function wordsOf(text: string): string[] {
  return text
    .normalize("NFC")
    .split(/[\s,;:()-]+/u)
    .filter(Boolean);
}

/**
 * The unit's own name words ("Thuỷ", "An") of a header or a unit name: committee and kind words
 * dropped. Null when a header does not name a committee's unit ("SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN").
 */
export function unitNameWords(name: string, options: { isHeader?: boolean } = {}): string[] | null {
  let words = wordsOf(name);
  const keys = () => words.map(searchKey);
  if (options.isHeader && !startsWithCommittee(keys())) return null;
  // "CHỦ TỊCH ỦY BAN NHÂN DÂN …": the chair, then the committee.
  for (let round = 0; round < 2; round += 1) {
    const left = dropPrefix(keys(), COMMITTEE_PREFIXES);
    words = words.slice(words.length - left.length);
  }
  const left = dropPrefix(keys(), KIND_PREFIXES);
  words = words.slice(words.length - left.length);
  return words.length > 0 ? words : null;
}

/** Whether the header's issuer and the unit's name are the same unit. */
export function sameUnitName(issuer: string, unitName: string): boolean {
  const issued = unitNameWords(issuer);
  const named = unitNameWords(unitName);
  if (!issued || !named || issued.length !== named.length) return false;
  return issued.every((word, i) => sameVietnameseWord(word, named[i]!));
}

export interface UnitChoice {
  id: string;
  name: string;
}

/** The header names another unit than the draft's: both names and the matching unit, if any. */
export interface IssuerUnitMismatch {
  code: "PLAN_IMPORT_UNIT_MISMATCH";
  /** The issuer as the header writes it. */
  issuer: string;
  unitId: string;
  unitName: string;
  /** The units the header names among those the user may write plans for (usually one or none). */
  candidates: UnitChoice[];
}

/**
 * Null when the header names no unit (no issuer, or not a committee's) or names the draft's own
 * unit; otherwise the mismatch, with the units of `writable` the header names as candidates.
 */
export function issuerUnitMismatch(
  issuer: string | null,
  draftUnit: UnitChoice,
  writable: readonly UnitChoice[],
): IssuerUnitMismatch | null {
  if (!issuer || !unitNameWords(issuer, { isHeader: true })) return null;
  if (sameUnitName(issuer, draftUnit.name)) return null;
  const candidates = writable
    .filter((unit) => unit.id !== draftUnit.id && sameUnitName(issuer, unit.name))
    .map((unit) => ({ id: unit.id, name: unit.name }));
  return {
    code: "PLAN_IMPORT_UNIT_MISMATCH",
    issuer,
    unitId: draftUnit.id,
    unitName: draftUnit.name,
    candidates,
  };
}

/** The review's warning, in Vietnamese, naming both units. */
export function issuerUnitMismatchMessage(mismatch: IssuerUnitMismatch): string {
  return `Văn bản do “${mismatch.issuer}” ban hành, khác đơn vị đang nhập “${mismatch.unitName}”. Vui lòng chọn kế hoạch này thuộc đơn vị nào trước khi lưu.`;
}
