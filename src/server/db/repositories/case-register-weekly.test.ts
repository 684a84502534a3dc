import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cursorMs,
  firstWeeklySpan,
  SUFFIX_WEEK_MS,
  suffixWeekOf,
  WEEKLY_REACH,
  WEEKLY_READS,
  weeklyPageRows,
  weeklySuffixQuery,
} from "./case-register-weekly.ts";

/** The weeks a read's tsquery names, as `weeklySuffixQuery` writes them. */
const weeksOf = (query: string) => [...query.matchAll(/'W(-?\d+):/g)].map((m) => Number(m[1]));

describe("weeklySuffixQuery", () => {
  it("names each week with the part quoted as a prefix", () => {
    expect(weeklySuffixQuery("o'neil", [2970, 2969])).toBe(`'W2970:o''neil':* | 'W2969:o''neil':*`);
  });
});

describe("suffixWeekOf and cursorMs", () => {
  it("count whole weeks since 01/01/1970 UTC, a week beginning on its first millisecond", () => {
    expect(suffixWeekOf(0)).toBe(0);
    expect(suffixWeekOf(SUFFIX_WEEK_MS - 1)).toBe(0);
    expect(suffixWeekOf(SUFFIX_WEEK_MS)).toBe(1);
    expect(suffixWeekOf(-1)).toBe(-1);
    expect(suffixWeekOf(cursorMs("2026-11-30 10:00:00.123456"))).toBe(2969);
    expect(cursorMs("2026-11-26 00:00:00.000000")).toBe(2969 * SUFFIX_WEEK_MS);
  });
});

describe("weeklyPageRows", () => {
  // Matches at times (ms) within about three years before the start, newest first.
  const start = Date.UTC(2026, 10, 30, 10);
  const matches = fc
    .array(fc.integer({ min: 0, max: 3 * 52 * SUFFIX_WEEK_MS }), { maxLength: 300 })
    .map((ages) => ages.map((age) => start - age).sort((a, b) => b - a));

  it("answers the first matches of the register's order, or nothing when its weeks held too few", async () => {
    await fc.assert(
      fc.asyncProperty(
        matches,
        fc.constantFrom(1, 2, 5, 50),
        fc.boolean(),
        async (times, limit, fromCursor) => {
          const all = times.map((ms, i) => ({ id: String(i), ms }));
          const read: number[][] = [];
          const found = await weeklyPageRows(
            "thi thuy",
            { ms: start, fromCursor },
            ({ weeklyQuery, weeklySince, weeklyUntil }) => {
              const weeks = weeksOf(weeklyQuery);
              read.push(weeks);
              // The window's time: the oldest week's first instant to the one after the newest.
              expect(Date.parse(weeklySince)).toBe(Math.min(...weeks) * SUFFIX_WEEK_MS);
              expect(Date.parse(weeklyUntil)).toBe((Math.max(...weeks) + 1) * SUFFIX_WEEK_MS);
              return Promise.resolve(
                all.filter((m) => weeks.includes(suffixWeekOf(m.ms))).slice(0, limit + 1),
              );
            },
            limit,
          );
          const weeksRead = read.flat();
          // Each week once, from the start's week (and the next without a cursor) downwards.
          const top = suffixWeekOf(start) + (fromCursor ? 0 : 1);
          expect(weeksRead).toEqual(weeksRead.map((_, k) => top - k));
          expect(read.length).toBeLessThanOrEqual(WEEKLY_READS);
          expect(weeksRead.length).toBeLessThanOrEqual(WEEKLY_REACH);
          const inWeeks = all.filter((m) => weeksRead.includes(suffixWeekOf(m.ms)));
          if (found === undefined) expect(inWeeks.length).toBeLessThanOrEqual(limit);
          else expect(found).toEqual(all.slice(0, limit + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads one window when the newest weeks hold the page, wider ones as matches thin out", async () => {
    const weekly = (perWeek: number) =>
      Array.from({ length: 150 * perWeek }, (_, i) => start - (i / perWeek) * SUFFIX_WEEK_MS);
    const readsFor = async (times: number[]) => {
      let reads = 0;
      const found = await weeklyPageRows(
        "thi thuy",
        { ms: start, fromCursor: false },
        ({ weeklyQuery }) => {
          reads += 1;
          const weeks = weeksOf(weeklyQuery);
          return Promise.resolve(
            times
              .map((ms, i) => ({ id: String(i), ms }))
              .filter((m) => weeks.includes(suffixWeekOf(m.ms)))
              .slice(0, 51),
          );
        },
        50,
      );
      return { reads, found: found?.length };
    };
    expect(await readsFor(weekly(100))).toEqual({ reads: 1, found: 51 });
    expect(await readsFor(weekly(10))).toEqual({ reads: 2, found: 51 });
    expect(await readsFor(weekly(1))).toEqual({ reads: 2, found: 51 });
    expect(await readsFor([])).toEqual({ reads: 4, found: undefined });
  });
});

describe("firstWeeklySpan", () => {
  it("spans the weeks that hold a page and half again at the matches' mean rate", () => {
    // A whole name at 10 M dossiers: 5,787 matches over 306 weeks, 19 a week: 5 weeks and the
    // week after the newest receipt; from a cursor, the 5 weeks alone.
    expect(firstWeeklySpan(5_787, 306, 50, false)).toBe(6);
    expect(firstWeeklySpan(5_787, 306, 50, true)).toBe(5);
    // Never fewer than a read without a count, nor more than the reach.
    expect(firstWeeklySpan(1_000_000, 306, 50, false)).toBe(2);
    expect(firstWeeklySpan(1_000_000, 306, 50, true)).toBe(1);
    expect(firstWeeklySpan(2, 10_000, 50, false)).toBe(WEEKLY_REACH);
    // Without matches or weeks to go by, as without a count.
    expect(firstWeeklySpan(0, 306, 50, false)).toBe(2);
    expect(firstWeeklySpan(5_787, 0, 50, true)).toBe(1);
  });

  it("holds a page at the mean rate whenever it spans fewer than the reach", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (matches, weeks, limit, fromCursor) => {
          const span = firstWeeklySpan(matches, weeks, limit, fromCursor);
          const read = span - (fromCursor ? 0 : 1);
          if (span < WEEKLY_REACH)
            expect((read * matches) / weeks).toBeGreaterThanOrEqual(1.5 * (limit + 1));
          expect(span).toBeGreaterThanOrEqual(fromCursor ? 1 : 2);
        },
      ),
    );
  });
});
