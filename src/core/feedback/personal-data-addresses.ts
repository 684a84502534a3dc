import type { PhraseMatch } from "./personal-data-phrases.ts";

/*
 * Street addresses written into a text, whoever they belong to: a house number with its street
 * ("số 12 đường Trần Hưng Đạo", "số nhà 45, ngõ 12, phố Huế", "12/3 hẻm 45") and the residential
 * groups below a ward ("tổ 5, khu 3", "tổ dân phố 7", "thôn 2", "xóm 4", "ấp 3"). A street or a
 * ward alone ("đường Trần Hưng Đạo", "phường Bãi Cháy") is not personal, nor is a numbered thing
 * that is not a house ("Thông tư số 12", "quầy số 2", "khu 3" alone). Keywords are read with or
 * without diacritics, in any case; a word that differs by a diacritic ("sổ", "tờ") is not one.
 */

const BEGIN = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;
const NUMBER = String.raw`\d+[a-z]?(?:\/\d+[a-z]?)*`;
const NO = String.raw`(?:số|so)`;
const HOUSE = String.raw`(?:${NO} nhà|so nha|nhà ${NO}|nha so|${NO}|sn)\s*${NUMBER}`;
const LANE = String.raw`(?:ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet)\s+(?:${NO}\s+)?${NUMBER}`;
const HOUSE_OR_LANE = new RegExp(
  String.raw`${BEGIN}(?:(${HOUSE})|${LANE})${END}(?:\s*,?\s*${LANE}${END})*`,
  "gu",
);
const STREET_KEYWORD = /^[\s,]*(?:đường|duong|phố|pho)\s+/u;
const NUMBERED_STREET = new RegExp(String.raw`^(?:${NO}\s+)?\d+(?:\/\d+)?${END}`, "u");
const WORD = /^[\p{L}\p{M}]+/u;

const GROUP_KEYWORD = String.raw`tổ dân phố|to dan pho|tổ|to|khu phố|khu pho|khu|thôn|thon|xóm|xom|ấp|ap|khóm|khom|bản|ban`;
const GROUP_NUMBER = String.raw`\s+(?:${NO}\s+)?\d+[a-z]?${END}`;
const GROUP = String.raw`(?:${GROUP_KEYWORD})${GROUP_NUMBER}`;
const GROUPS = new RegExp(String.raw`${BEGIN}${GROUP}(?:\s*[,-]?\s*${GROUP})*`, "gu");
const ONE_GROUP = new RegExp(String.raw`(${GROUP_KEYWORD})${GROUP_NUMBER}`, "gu");
/** A "khu 3" or "bản 2" alone may be anything; with a "tổ" or "thôn", or another group, it is. */
const WEAK_GROUPS = new Set(["khu", "bản", "ban"]);

/** Words before "số" that make it a document or counter number, not a house. */
const NOT_A_HOUSE_BEFORE =
  /(?:quyết định|quyet dinh|thông tư|thong tu|nghị định|nghi dinh|công văn|cong van|tờ trình|to trinh|văn bản|van ban|kế hoạch|ke hoach|báo cáo|bao cao|thông báo|thong bao|luật|luat|hồ sơ|ho so|quầy|quay|phòng|phong|bàn|ban|mã|ma|biên nhận|bien nhan|giấy|giay|mẫu|mau|điều|dieu|khoản|khoan|tờ|trang|lần|lan)\s*$/u;

/** Lower case with the same length, so that positions in both texts agree. */
function lowerSameLength(text: string): string {
  let out = "";
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

function isCapitalised(word: string): boolean {
  const first = word[0]!;
  return first !== first.toLowerCase();
}

/** End of the street named after `at` ("đường Trần Hưng Đạo", "Lê Lợi", "đường số 5"), or null. */
function streetEnd(text: string, low: string, at: number): number | null {
  let pos = at;
  const keyword = STREET_KEYWORD.exec(low.slice(pos));
  if (keyword) {
    pos += keyword[0].length;
    const numbered = NUMBERED_STREET.exec(low.slice(pos));
    if (numbered) return pos + numbered[0].length;
  } else {
    const space = /^[\s,]*/.exec(low.slice(pos))!;
    pos += space[0].length;
  }
  let words = 0;
  let end = pos;
  while (words < 6) {
    const word = WORD.exec(text.slice(end));
    if (!word || !isCapitalised(word[0])) break;
    words++;
    end += word[0].length;
    const gap = /^ +/.exec(text.slice(end));
    const following = gap ? WORD.exec(text.slice(end + gap[0].length)) : null;
    if (!gap || !following || !isCapitalised(following[0])) break;
    end += gap[0].length;
  }
  if (words >= (keyword ? 1 : 2)) return end;
  return null;
}

export function findAddresses(text: string): PhraseMatch[] {
  const low = lowerSameLength(text);
  const found: PhraseMatch[] = [];
  for (const match of low.matchAll(HOUSE_OR_LANE)) {
    const start = match.index;
    const headEnd = start + match[0].length;
    const startsWithHouse = match[1] !== undefined;
    const hasLane = !startsWithHouse || match[0].length > match[1]!.length;
    if (startsWithHouse && NOT_A_HOUSE_BEFORE.test(low.slice(Math.max(0, start - 20), start))) {
      continue;
    }
    const street = streetEnd(text, low, headEnd);
    if (street !== null) found.push({ start, end: street });
    else if (hasLane) found.push({ start, end: headEnd });
  }
  for (const match of low.matchAll(GROUPS)) {
    const keywords = [...match[0].matchAll(ONE_GROUP)].map((m) => m[1]!);
    if (keywords.length === 1 && WEAK_GROUPS.has(keywords[0]!)) continue;
    found.push({ start: match.index, end: match.index + match[0].length });
  }
  return found;
}
