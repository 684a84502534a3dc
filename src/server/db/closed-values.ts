import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/*
 * CHECK constraints built from the core's closed lists (`as const` tuples), so the database
 * accepts exactly the values the core, the route enums and the labels know. The generated SQL
 * is `"column" in ('a', 'b')`, the same text drizzle-kit compares between migrations.
 */

/** The tuple's values as an SQL list: `'a', 'b'` (values are code literals; quotes doubled). */
function literalList(values: readonly string[]): SQL {
  if (values.length === 0) throw new Error("A closed list needs at least one value.");
  return sql.raw(values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", "));
}

/** `column in (…)`: the column holds one of `values` (a NOT NULL column). */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${literalList(values)})`;
}

/** `column is null or column in (…)`: a nullable column holds nothing or one of `values`. */
export function nullOrOneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} is null or ${column} in (${literalList(values)})`;
}
