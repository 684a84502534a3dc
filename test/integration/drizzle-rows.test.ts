/**
 * A prepared select's rows mapped by a mapper built once (src/server/db/drizzle-rows.ts) are the
 * rows Drizzle's own mapping gives: values decoded by their columns and SQL's decoders, objects
 * nested, null values kept; a selection whose object may be null is left to Drizzle. PGlite and
 * PostgreSQL.
 */
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../src/server/db/database.ts";
import { mappedOnce } from "../../src/server/db/drizzle-rows.ts";
import { units } from "../../src/server/db/schema.ts";
import { makeUnit } from "../support/factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

let test: TestDatabase;
let db: Executor;
const parent = alias(units, "parent");

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.database.db;
  const province = await makeUnit(db, { code: "M0" });
  await makeUnit(db, { code: "M1", parent: province, validFrom: "2025-07-01" });
  await makeUnit(db, { code: "M2", parent: province });
});

afterAll(() => test.cleanup());

const mapperOf = (prepared: unknown) =>
  (prepared as { customResultMapper?: unknown }).customResultMapper;

describe("rows mapped once per statement", () => {
  it("are Drizzle's rows for a table's columns as an object beside single values", async () => {
    const select = () =>
      db
        .select({
          unit: units,
          parentName: parent.name,
          parentSince: parent.createdAt,
          children:
            sql<number>`(select count(*) from units c where c.parent_id = units.id)`.mapWith(
              Number,
            ),
          label: sql<string>`units.code || ' ' || units.name`,
        })
        .from(units)
        .leftJoin(parent, eq(parent.id, units.parentId))
        .orderBy(units.code);
    const mapped = mappedOnce(select().prepare(undefined as unknown as string));
    const mapper = mapperOf(mapped) as (rows: unknown[][]) => unknown[];
    expect(mapper).toBeTypeOf("function");
    // Drizzle calls it: were the field renamed, Drizzle would map the rows itself.
    let calls = 0;
    (mapped as unknown as { customResultMapper: typeof mapper }).customResultMapper = (rows) => {
      calls += 1;
      return mapper(rows);
    };
    const drizzles = await select()
      .prepare(undefined as unknown as string)
      .execute();
    const rows = await mapped.execute();
    expect(calls).toBe(1);
    expect(rows).toStrictEqual(drizzles);
    expect(rows.map((row) => row.unit.code)).toEqual(["M0", "M1", "M2"]);
    expect(rows[0]!.parentName).toBeNull();
    expect(rows[0]!.children).toBe(2);
    expect(rows[1]!.unit.createdAt).toBeInstanceOf(Date);
    expect(rows[1]!.parentSince).toBeInstanceOf(Date);
  });

  it("leaves to Drizzle a left-joined table's object, which is null when the join found none", async () => {
    const select = () =>
      db
        .select({ unit: units, parent })
        .from(units)
        .leftJoin(parent, eq(parent.id, units.parentId))
        .orderBy(units.code);
    const kept = mappedOnce(select().prepare(undefined as unknown as string));
    expect(mapperOf(kept)).toBeUndefined();
    const rows = await kept.execute();
    expect(rows[0]!.parent).toBeNull();
    expect(rows[1]!.parent?.code).toBe("M0");
  });
});
