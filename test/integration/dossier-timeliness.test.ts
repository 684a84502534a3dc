import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeliness } from "../../src/core/dossier/timeliness.ts";
import { queryRows } from "../../src/server/db/database.ts";
import { timelinessSql } from "../../src/server/db/repositories/dossier-timeliness.sql.ts";
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

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 11, 20);
const isoDay = (offset: number) => new Date(BASE + offset * DAY).toISOString().slice(0, 10);
const vietnamDay = (instant: Date) =>
  new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

const dossier = fc.record({
  dueOffset: fc.integer({ min: 0, max: 20 }),
  // Finishing instants around the due day's Vietnam midnight, where UTC and Vietnam dates differ.
  finishedMinutes: fc.option(fc.integer({ min: -2 * 24 * 60, max: 25 * 24 * 60 }), { nil: null }),
  supplementCount: fc.integer({ min: 0, max: 3 }),
  withdrawn: fc.boolean(),
});

describe(`the on-time rule in SQL and in TypeScript agree (${testDatabaseKind})`, () => {
  it("classifies random dossiers the same way", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dossier, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 25 }),
        async (rows, todayOffset) => {
          const today = isoDay(todayOffset);
          const values = rows.map((r) => {
            const finishedAt =
              r.finishedMinutes === null
                ? null
                : new Date(BASE + r.finishedMinutes * 60_000 - 7 * 3600_000);
            return { ...r, dueDate: isoDay(r.dueOffset), finishedAt };
          });
          const list = sql.join(
            values.map(
              (v, i) =>
                sql`(${i}::int, ${v.dueDate}::date, ${v.finishedAt?.toISOString() ?? null}::timestamptz, ${v.supplementCount}::int, ${v.withdrawn ? "withdrawn" : "in_progress"}::text)`,
            ),
            sql`, `,
          );
          const fromSql = await queryRows<{ i: number; class: string | null }>(
            t.database.db,
            sql`select d.i, ${timelinessSql(today)} as class
              from (values ${list}) as d(i, due_date, finished_at, supplement_count, state)
              order by d.i`,
          );
          const fromCore = values.map((v) =>
            timeliness({
              dueDate: v.dueDate,
              finishedOn: v.finishedAt ? vietnamDay(v.finishedAt) : null,
              supplementCount: v.supplementCount,
              today,
              withdrawn: v.withdrawn,
            }),
          );
          expect(fromSql.map((r) => r.class)).toEqual(fromCore);
        },
      ),
      { numRuns: 60 },
    );
  });
});
