import type { DossierChannel } from "../dossier-values.ts";
import { searchKey } from "../../text/vietnamese-text.ts";
import type { DossierState } from "../dossier-state.ts";

/** A cell as read from CSV (text) or XLSX (text, number, or a date whose UTC fields are local). */
export type ImportCell = string | number | Date | null | undefined;

/** A Vietnam local moment: the day, and the time of day when the source gave one. */
export interface LocalMoment {
  date: string;
  /** Seconds since midnight, or null when only a day was given. */
  seconds: number | null;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
/** Excel's day 0 is 30/12/1899 (its 1900 leap-year bug is folded into this epoch). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function dayOf(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const last = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > last) return null;
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

function secondsOf(hours: string, minutes: string, seconds: string | undefined): number | null {
  const h = Number(hours);
  const m = Number(minutes);
  const s = seconds === undefined ? 0 : Number(seconds);
  if (h > 23 || m > 59 || s > 59) return null;
  return h * 3600 + m * 60 + s;
}

function fromUtcFields(date: Date): LocalMoment | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  if (!day) return null;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  return { date: day, seconds: seconds === 0 ? null : seconds };
}

const TIME = String.raw`(\d{1,2})[:hg](\d{2})(?::(\d{2}))?(?:\.\d+)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+${TIME})?$`);
const TIME_FIRST = new RegExp(String.raw`^${TIME}[ ,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`);
const ISO = new RegExp(
  String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]${TIME})?(Z|[+-]\d{2}:?\d{2})?$`,
);

/**
 * Reads a date with an optional time, the ways one-stop exports write them: "02/03/2026",
 * "02/03/2026 08:30", "02/03/2026 08:30:15", "08:30 02/03/2026", "2026-03-02", "2026-03-02 08:30",
 * an Excel date serial (45718.354) or a spreadsheet date. Times are Vietnam local time; an ISO
 * value with an explicit offset is converted to it. Null when the value is not a real date.
 */
export function parseLocalMoment(value: ImportCell): LocalMoment | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return fromUtcFields(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1) return null;
    const ms = Math.round((value * DAY_MS) / 1000) * 1000;
    return fromUtcFields(new Date(EXCEL_EPOCH_MS + ms));
  }
  // Exports write dates one way for millions of rows: try it before normalising whitespace.
  let match = DMY.exec(value);
  const text = match ? value : value.trim().replace(/\s+/g, " ");
  if (text === "") return null;
  match ??= DMY.exec(text);
  if (match) {
    const date = dayOf(Number(match[3]), Number(match[2]), Number(match[1]));
    if (!date) return null;
    if (match[4] === undefined) return { date, seconds: null };
    const seconds = secondsOf(match[4], match[5]!, match[6]);
    return seconds === null ? null : { date, seconds };
  }
  match = TIME_FIRST.exec(text);
  if (match) {
    const date = dayOf(Number(match[6]), Number(match[5]), Number(match[4]));
    const seconds = secondsOf(match[1]!, match[2]!, match[3]);
    return date && seconds !== null ? { date, seconds } : null;
  }
  match = ISO.exec(text);
  if (match) {
    const date = dayOf(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!date) return null;
    if (match[4] === undefined) return match[7] ? null : { date, seconds: null };
    const seconds = secondsOf(match[4], match[5]!, match[6]);
    if (seconds === null) return null;
    const zone = match[7];
    if (!zone) return { date, seconds };
    const offsetMinutes =
      zone === "Z"
        ? 0
        : (zone.startsWith("-") ? -1 : 1) *
          (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const utcMs = Date.UTC(y, m - 1, d) + seconds * 1000 - offsetMinutes * 60_000;
    return fromUtcFields(new Date(utcMs + 7 * 3_600_000)) ?? null;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return parseLocalMoment(Number(text));
  return null;
}

/** "2026-03-02T08:30:00+07:00": the instant of a Vietnam local moment (midnight when no time). */
export function momentToTimestamp(moment: LocalMoment): string {
  const seconds = moment.seconds ?? 0;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${moment.date}T${pad(h)}:${pad(m)}:${pad(s)}+07:00`;
}

/** Orders two moments; a moment without a time is taken as the start of its day. */
export function compareMoments(a: LocalMoment, b: LocalMoment): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return (a.seconds ?? 0) - (b.seconds ?? 0);
}

export type ImportChannel = DossierChannel;

/*
 * A column of words holds a handful of distinct spellings repeated over millions of rows: the
 * folded answer is remembered per spelling (bounded, so a column of free text cannot grow it).
 */
const MEMO_LIMIT = 1_000;
const channelCache = new Map<string, ImportChannel | null>();
const stateCache = new Map<string, DossierState | null>();
const flagCache = new Map<string, boolean | null>();

function memo<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  const known = cache.get(text);
  if (known !== undefined || cache.has(text)) return known as T;
  const value = compute();
  if (cache.size < MEMO_LIMIT) cache.set(text, value);
  return value;
}

const wordKey = (text: string) => searchKey(text).replace(/[.,;]+$/, "");

const CHANNEL_WORDS: ReadonlyMap<string, ImportChannel> = new Map([
  ["truc tiep", "in_person"],
  ["nop truc tiep", "in_person"],
  ["tai quay", "in_person"],
  ["tai bo phan mot cua", "in_person"],
  ["in person", "in_person"],
  ["in_person", "in_person"],
  ["truc tuyen", "online"],
  ["nop truc tuyen", "online"],
  ["qua mang", "online"],
  ["dich vu cong", "online"],
  ["dich vu cong truc tuyen", "online"],
  ["dvc", "online"],
  ["dvctt", "online"],
  ["cong dich vu cong", "online"],
  ["online", "online"],
  ["truc tuyen toan trinh", "online"],
  ["truc tuyen mot phan", "online"],
  ["buu chinh", "postal"],
  ["buu chinh cong ich", "postal"],
  ["qua buu chinh", "postal"],
  ["qua buu chinh cong ich", "postal"],
  ["bcci", "postal"],
  ["buu dien", "postal"],
  ["postal", "postal"],
]);

/** Reads a channel word ("Trực tiếp", "TRỰC TUYẾN", "Bưu chính công ích"…); null when unknown. */
export function parseChannel(text: string): ImportChannel | null {
  return memo(channelCache, text, () => CHANNEL_WORDS.get(wordKey(text)) ?? null);
}

const STATE_WORDS: ReadonlyMap<string, DossierState> = new Map([
  ["da tiep nhan", "received"],
  ["moi tiep nhan", "received"],
  ["tiep nhan", "received"],
  ["received", "received"],
  ["dang giai quyet", "in_progress"],
  ["dang xu ly", "in_progress"],
  ["dang thu ly", "in_progress"],
  ["da chuyen xu ly", "in_progress"],
  ["in progress", "in_progress"],
  ["in_progress", "in_progress"],
  ["cho bo sung", "supplement_requested"],
  ["yeu cau bo sung", "supplement_requested"],
  ["dang bo sung", "supplement_requested"],
  ["supplement requested", "supplement_requested"],
  ["supplement_requested", "supplement_requested"],
  ["da co ket qua", "resolved"],
  ["co ket qua", "resolved"],
  ["da giai quyet", "resolved"],
  ["da xu ly xong", "resolved"],
  ["hoan thanh", "resolved"],
  ["da hoan thanh", "resolved"],
  ["cho tra ket qua", "resolved"],
  ["resolved", "resolved"],
  ["da tra ket qua", "returned"],
  ["da tra", "returned"],
  ["tra ket qua", "returned"],
  ["returned", "returned"],
  ["tu choi", "refused"],
  ["tu choi giai quyet", "refused"],
  ["khong giai quyet", "refused"],
  ["da tu choi", "refused"],
  ["refused", "refused"],
  ["dung giai quyet", "stopped"],
  ["dung xu ly", "stopped"],
  ["da dung", "stopped"],
  ["stopped", "stopped"],
  ["rut ho so", "withdrawn"],
  ["da rut", "withdrawn"],
  ["cong dan rut ho so", "withdrawn"],
  ["rut", "withdrawn"],
  ["withdrawn", "withdrawn"],
]);

/** Reads a dossier state word ("Đã trả kết quả", "đang giải quyết"…); null when unknown. */
export function parseState(text: string): DossierState | null {
  return memo(stateCache, text, () => STATE_WORDS.get(wordKey(text)) ?? null);
}

const YES = new Set(["x", "co", "1", "true", "yes", "y", "da", "da so hoa", "roi"]);
const NO = new Set(["", "khong", "0", "false", "no", "n", "chua", "-"]);

/** Reads a yes/no flag ("x", "có", "1", "không", empty); null when it is neither. */
export function parseFlag(text: string): boolean | null {
  return memo(flagCache, text, () => {
    const key = searchKey(text);
    if (YES.has(key)) return true;
    if (NO.has(key)) return false;
    return null;
  });
}
