/**
 * A name search's page read week by week, newest first, through the suffix index's weekly entries
 * (`search_suffixes_weekly`, migration 0043: each suffix of a name also under its receipt week, as
 * `W<week>:<suffix>`). Read from all its matches, a page visits every one for its receipt time
 * and sorts them (10 M dossiers: a whole name's 5,787 matches, ≈ 15 ms of PostgreSQL's CPU a page;
 * a common part's newest 10,000 records checked one by one, ≈ 7 ms); read from its newest weeks,
 * it visits the matches of those weeks only.
 */

/** The weeks `search_suffixes_weekly` files a suffix under: whole weeks since 01/01/1970 (UTC). */
export const SUFFIX_WEEK_MS = 604_800_000;

/** The week of a time (milliseconds since the epoch), as `search_suffixes_weekly` counts it. */
export const suffixWeekOf = (ms: number): number => Math.floor(ms / SUFFIX_WEEK_MS);

/** A register cursor's time (`cursorAtOf`: UTC, "YYYY-MM-DD HH:MM:SS.ffffff") in milliseconds. */
export const cursorMs = (at: string): number => Date.parse(`${at.replace(" ", "T")}Z`);

/**
 * The tsquery matching the weekly entries of a text containing `folded` received in one of
 * `weeks`: a prefix of one of its suffixes under each week, quoted as `suffixQuery` quotes.
 */
export function weeklySuffixQuery(folded: string, weeks: number[]): string {
  const quoted = folded.replace(/['\\]/g, (c) => c + c);
  return weeks.map((week) => `'W${week}:${quoted}':*`).join(" | ");
}

/**
 * One read of a page: the tsquery of its weeks, the first instant of the oldest and the first
 * after the newest (ISO).
 */
export interface WeeklyWindow {
  weeklyQuery: string;
  weeklySince: string;
  weeklyUntil: string;
}

/**
 * A search whose matches are at most this many (its count exact, under the cap) reads its page
 * from all of them, sorted at once (a few hundred: 0.3–0.5 ms at 10 M dossiers), not by weeks,
 * where a rare name read its five windows in vain.
 */
export const WEEKLY_MIN_TOTAL = 1_000;

/**
 * Matches among the newest 1,000 records in reach (`COUNT_CENSUS_WINDOW`) from which a search is
 * not read by weeks: a part as common as "văn" (3 in 10) finds its page among the newest few
 * hundred records in the register's order, while its matches of two weeks are thousands (a
 * province at 10 M dossiers receives 68,000 a week; on PGlite such a read held the connection
 * 100–121 ms).
 */
export const WEEKLY_DENSE = 20;

/** At most this many reads a page, and this many weeks back from its start, before it gives up. */
export const WEEKLY_READS = 5;
export const WEEKLY_REACH = 160;

/** The read of `span` weeks up to the week `top` (`suffixWeekOf`) for a text containing `folded`. */
export function weeklyWindow(folded: string, top: number, span: number): WeeklyWindow {
  const weeks = Array.from({ length: span }, (_, k) => top - k);
  return {
    weeklyQuery: weeklySuffixQuery(folded, weeks),
    weeklySince: new Date((top - span + 1) * SUFFIX_WEEK_MS).toISOString(),
    weeklyUntil: new Date((top + 1) * SUFFIX_WEEK_MS).toISOString(),
  };
}

/**
 * The weeks of a page's first read when its matches are `matches` in all (an exact count) over
 * `weeks` weeks of receipts: as many as hold a page and half again at their mean rate, and the
 * week after the newest receipt when the page starts the register (without a cursor). Never fewer
 * than a page's first read without a count (2, or 1 from a cursor). A whole name's 5,787 matches
 * at 10 M dossiers, 19 a week: six weeks, one read where two weeks took two.
 */
export function firstWeeklySpan(
  matches: number,
  weeks: number,
  limit: number,
  fromCursor: boolean,
): number {
  const least = fromCursor ? 1 : 2;
  if (!(matches > 0) || !(weeks > 0)) return least;
  const needed = Math.ceil((1.5 * (limit + 1) * weeks) / matches) + (fromCursor ? 0 : 1);
  return Math.min(Math.max(needed, least), WEEKLY_REACH);
}

/**
 * The rows of a page (at most `limit` + 1, in the register's order: their ids, or the page's
 * joined rows) read a window of weeks at a time through `read` (the matches in reach after the
 * cursor whose receipt week is in the window, newest first, at most `limit` + 1), from the week of
 * the page's cursor, or from the week after the newest receipt (`start.ms`) when the page starts
 * the register. The first window is that week (and the one before, without a cursor), or
 * `start.span` weeks (`firstWeeklySpan`); each next one as many weeks as the matches found so far
 * say the page still needs, half again (four times the weeks read when none were found), at most
 * WEEKLY_READS windows within WEEKLY_REACH weeks. Undefined when they held no more than `limit`:
 * the page is then read another way (its matches may be older, or few). Each window's matches
 * are newer than the next window's, so the rows found are the first of the register's order.
 */
export async function weeklyPageRows<Row>(
  folded: string,
  start: { ms: number; fromCursor: boolean; span?: number },
  read: (window: WeeklyWindow) => PromiseLike<Row[]>,
  limit: number,
): Promise<Row[] | undefined> {
  let top = suffixWeekOf(start.ms) + (start.fromCursor ? 0 : 1);
  let span = start.span ?? (start.fromCursor ? 1 : 2);
  let covered = 0;
  const rows: Row[] = [];
  for (let reads = 0; reads < WEEKLY_READS && span > 0; reads++) {
    rows.push(...(await read(weeklyWindow(folded, top, span))));
    if (rows.length > limit) return rows.slice(0, limit + 1);
    covered += span;
    top -= span;
    const needed = limit + 1 - rows.length;
    const wanted =
      rows.length === 0 ? 4 * covered : Math.ceil((1.5 * needed * covered) / rows.length);
    span = Math.min(wanted, WEEKLY_REACH - covered);
  }
  return undefined;
}
