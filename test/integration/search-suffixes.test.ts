import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import {
  SEARCH_SUFFIX_LENGTH,
  suffixQuery,
  suffixSearchable,
} from "../../src/server/db/repositories/case-register.repository.ts";
import {
  SUFFIX_WEEK_MS,
  suffixWeekOf,
  weeklySuffixQuery,
} from "../../src/server/db/repositories/case-register-weekly.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.cleanup());

// Characters a folded name may hold, and those a tsquery or a LIKE treat apart.
const character = fc.constantFrom("a", "b", "n", "h", " ", "'", "\\", "%", "_", ":", "&", "ư", "1");
const text = fc.oneof(
  fc.string({ unit: character, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("a", "b", " "), minLength: 180, maxLength: 320 }),
);

/** A part of `text` (a register search's term: no leading space, 3 to 200 characters). */
const partOf = (whole: string) =>
  fc
    .tuple(fc.nat({ max: whole.length }), fc.integer({ min: 1, max: SEARCH_SUFFIX_LENGTH }))
    .map(([start, length]) => whole.slice(start, start + length).trimStart());

const pair = text.chain((whole) =>
  fc.tuple(
    fc.constant(whole),
    fc.oneof(partOf(whole), fc.string({ unit: character, minLength: 3, maxLength: 6 })),
  ),
);

describe(`the folded text's suffix index on ${testDatabaseKind}`, () => {
  it("matches a text exactly when it contains the part (search_suffixes_weekly, suffixQuery)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 40 }), async (pairs) => {
        const kept = pairs.filter(([, part]) => suffixSearchable(part) && !part.startsWith(" "));
        if (kept.length === 0) return;
        const rows = await queryRows<{ byIndex: boolean; contains: boolean }>(
          t.database.db,
          sql`select search_suffixes_weekly(x.t, '2026-11-30 10:00+07') @@ x.q::tsquery as "byIndex",
              strpos(x.t, x.p) > 0 as contains
            from unnest(${sql.param(kept.map(([whole]) => whole))}::text[],
              ${sql.param(kept.map(([, part]) => part))}::text[],
              ${sql.param(kept.map(([, part]) => suffixQuery(part)))}::text[]) as x(t, p, q)`,
        );
        expect(rows.map((row) => row.byIndex)).toEqual(rows.map((row) => row.contains));
      }),
      { numRuns: testDatabaseKind === "pglite" ? 40 : 80 },
    );
  });

  // A receipt time anywhere from 1960 to 2100, or a millisecond either side of a week's start.
  const weekStart = fc.integer({ min: -520, max: 6800 }).map((week) => week * SUFFIX_WEEK_MS);
  const receivedMs = fc.oneof(
    fc.integer({ min: -315_619_200_000, max: 4_102_444_800_000 }),
    fc.tuple(weekStart, fc.constantFrom(-1, 0, 1)).map(([start, offset]) => start + offset),
  );

  it("matches under a week exactly when the text contains the part and was received in one of the weeks (weeklySuffixQuery)", async () => {
    const case_ = fc
      .tuple(pair, receivedMs, fc.array(fc.integer({ min: -2, max: 2 }), { maxLength: 3 }))
      .map(([[whole, part], ms, offsets]) => ({
        whole,
        part,
        at: new Date(ms).toISOString(),
        weeks: offsets.map((offset) => suffixWeekOf(ms) + offset),
      }));
    await fc.assert(
      fc.asyncProperty(fc.array(case_, { minLength: 1, maxLength: 40 }), async (cases) => {
        const kept = cases.filter(
          (c) => suffixSearchable(c.part) && !c.part.startsWith(" ") && c.weeks.length > 0,
        );
        if (kept.length === 0) return;
        const rows = await queryRows<{ byIndex: boolean; expected: boolean }>(
          t.database.db,
          sql`select search_suffixes_weekly(x.t, x.at) @@ x.q::tsquery as "byIndex",
              strpos(x.t, x.p) > 0 and x.in_week as expected
            from unnest(${sql.param(kept.map((c) => c.whole))}::text[],
              ${sql.param(kept.map((c) => c.part))}::text[],
              ${sql.param(kept.map((c) => c.at))}::timestamptz[],
              ${sql.param(kept.map((c) => weeklySuffixQuery(c.part, c.weeks)))}::text[],
              ${sql.param(kept.map((c) => c.weeks.includes(suffixWeekOf(Date.parse(c.at)))))}::boolean[])
              as x(t, p, at, q, in_week)`,
        );
        expect(rows.map((row) => row.byIndex)).toEqual(rows.map((row) => row.expected));
      }),
      { numRuns: testDatabaseKind === "pglite" ? 30 : 60 },
    );
  });

  it("finds a whole name, a part in the middle, and nothing that is not there", async () => {
    const [row] = await queryRows<{
      whole: boolean;
      middle: boolean;
      absent: boolean;
      space: boolean;
    }>(
      t.database.db,
      sql`select
          search_suffixes_weekly('nguyen thi thuy', '2026-11-30 10:00+07') @@ ${suffixQuery("nguyen thi thuy")}::tsquery as whole,
          search_suffixes_weekly('nguyen thi thuy', '2026-11-30 10:00+07') @@ ${suffixQuery("yen thi th")}::tsquery as middle,
          search_suffixes_weekly('nguyen thi thuy', '2026-11-30 10:00+07') @@ ${suffixQuery("thi nguyen")}::tsquery as absent,
          search_suffixes_weekly('nguyen thi thuy', '2026-11-30 10:00+07') @@ ${suffixQuery("thuy ")}::tsquery as space`,
    );
    expect(row).toEqual({ whole: true, middle: true, absent: false, space: false });
  });
});

describe("the dossiers' GIN indexes' pending lists", () => {
  it("are 64 kB on either database (migrations 0040, 0041), so an insert never moves a large list into an index", async () => {
    const indexes = await queryRows<{ name: string; options: string[] | null }>(
      t.database.db,
      sql`select c.relname as name, c.reloptions as options
          from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
          where i.indrelid = 'dossiers'::regclass and a.amname = 'gin' order by c.relname`,
    );
    expect(indexes.map((index) => index.name)).toEqual([
      "dossiers_applicant_weekly_suffix_idx",
      "dossiers_code_trgm_idx",
    ]);
    for (const index of indexes) expect(index.options).toContain("gin_pending_list_limit=64");
  });
});
