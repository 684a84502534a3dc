/**
 * What the keyset tests of the two case registers (dossiers, feedback) share: one test database
 * with a province, wards made under it, the instants that make rows tie, the walk through the
 * register's pages while rows keep arriving, and the Vietnamese text and folded-column read the
 * search-column properties use.
 *
 *   import * as keyset from "../support/register-keyset.ts";
 *   const register = keyset.openDatabase();
 *   const ward = await register.ward();
 *   const seen = await keyset.walkPages({ read, expectedTotal, position, between });
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect } from "vitest";
import { queryRows, type Executor } from "../../src/server/db/database.ts";
import { makeUnit, type MadeUnit } from "./factories.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface RegisterKeysetDatabase {
  /** Set in `beforeAll`. */
  readonly db: Executor;
  readonly province: MadeUnit;
  /** A new ward under the province: each property run gets a register of its own. */
  ward(): Promise<MadeUnit>;
}

/** Opens a test database (PGlite or TEST_DATABASE_URL) for the file and closes it after. */
export function openDatabase(): RegisterKeysetDatabase {
  let t: TestDatabase | undefined;
  let db: Executor | undefined;
  let province: MadeUnit | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    province = await makeUnit(db);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });
  const context: RegisterKeysetDatabase = {
    get db() {
      if (!db) throw new Error("the register test database is not open yet");
      return db;
    },
    get province() {
      if (!province) throw new Error("the register test database is not open yet");
      return province;
    },
    ward: () => makeUnit(context.db, { parent: context.province }),
  };
  return context;
}

/**
 * Few distinct seconds and microseconds ("YYYY-MM-DD HH:MM:SS.ffffff", UTC on 02/03/2026), so
 * many rows tie or differ by one microsecond.
 */
export function tyingInstant(lastSecond: number, micros: number[]): fc.Arbitrary<string> {
  return fc
    .record({
      second: fc.integer({ min: 0, max: lastSecond }),
      micro: fc.constantFrom(...micros),
    })
    .map(({ second, micro }) => `2026-03-02 08:00:0${second}.${String(micro).padStart(6, "0")}`);
}

export interface RegisterPage<Row> {
  rows: Row[];
  total: number;
  totalCapped: boolean;
  hasMore: boolean;
}

/**
 * Reads the register page after page until the last one; every row read, in order. Checks that
 * the first page counts `expectedTotal` rows and no page caps its count. Between two reads,
 * `between` gets the read's number and the next page's position (which `position` takes from a
 * page's last row, through the API's cursor text) and may insert rows.
 */
export async function walkPages<Row, Position>(walk: {
  read: (after: Position | undefined) => Promise<RegisterPage<Row>>;
  expectedTotal: number;
  position: (last: Row) => Position;
  between: (read: number, after: Position) => Promise<void>;
}): Promise<Row[]> {
  const seen: Row[] = [];
  let after: Position | undefined;
  for (let read = 0; ; read++) {
    const page = await walk.read(after);
    if (read === 0) expect(page.total).toBe(walk.expectedTotal);
    expect(page.totalCapped).toBe(false);
    seen.push(...page.rows);
    if (!page.hasMore) return seen;
    after = walk.position(page.rows[page.rows.length - 1]!);
    await walk.between(read, after);
  }
}

const LETTERS =
  "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
const character = fc.constantFrom(
  ...[...LETTERS, ...LETTERS.toUpperCase(), " ", " ", "  ", "\t", "0", "7"],
);

/** Vietnamese letters of both cases, spaces, a tab and digits; never only blanks. */
export const vietnameseText = fc
  .array(character, { minLength: 1, maxLength: 30 })
  .map((chars) => chars.join(""))
  .filter((s) => s.trim().length > 0);

/** The stored value of a folded search column for these rows, by id. */
export async function foldedById(
  db: Executor,
  table: "dossiers" | "feedback",
  column: "applicant_name_folded" | "search_folded",
  ids: string[],
): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; folded: string }>(
    db,
    sql`select id::text as id, ${sql.identifier(column)} as folded from ${sql.identifier(table)}
        where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((row) => [row.id, row.folded]));
}

/** Each of these cursor texts is refused by `decode` with the stable code REGISTER_CURSOR_INVALID. */
export function expectCursorsRefused(decode: (cursor: string) => unknown, cursors: string[]): void {
  for (const cursor of cursors) {
    expect(() => decode(cursor)).toThrow(
      expect.objectContaining({ code: "REGISTER_CURSOR_INVALID" }),
    );
  }
}
