/**
 * A prepared select's rows mapped as Drizzle's `mapResultRow` maps them, its decisions for each
 * field taken once per statement instead of for every field of every row: a register page of 50
 * dossiers has 2,400 values, and Drizzle's entity checks, path iterators and table-name look-ups
 * for each were a tenth of the server's thread at 50 clients on the embedded database.
 */
import { Column, getTableName, is, SQL, Subquery } from "drizzle-orm";

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** A field as Drizzle's prepared query lists it (`orderSelectedFields`). */
interface SelectedField {
  path: string[];
  field: unknown;
}

/** The prepared query's parts read here; Drizzle's node-postgres and PGlite ones have them. */
interface MappablePrepared {
  fields?: SelectedField[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown[];
}

/** The field's decoder, found as `mapResultRow` finds it (an SQL's is internal to Drizzle). */
const decoderOf = (field: unknown): Decoder => {
  if (is(field, Column)) return field;
  const sqlOf = is(field, SQL)
    ? field
    : is(field, Subquery)
      ? field._.sql
      : (field as SQL.Aliased).sql;
  return (sqlOf as unknown as { decoder: Decoder }).decoder;
};

/**
 * `prepared` answering its rows through a mapper built once from its fields. Left to Drizzle
 * when a row's object may be null (a left-joined table's columns as one object): only the
 * selection's top-level values and its from-table's objects are mapped here.
 */
export function mappedOnce<T>(prepared: T): T {
  if (prepared === undefined) return prepared;
  const { fields, joinsNotNullableMap, customResultMapper } = prepared as MappablePrepared;
  // A statement Drizzle maps its own way (a relational query) keeps its mapper.
  if (!fields || customResultMapper || fields.some(({ path }) => path.length > 2)) return prepared;
  // Drizzle answers null for an object whose table is left-joined and all of whose columns are.
  const mayBeNull = fields.some(
    ({ path, field }) =>
      path.length === 2 &&
      joinsNotNullableMap &&
      is(field, Column) &&
      !joinsNotNullableMap[getTableName(field.table)],
  );
  if (mayBeNull) return prepared;
  const plan = fields.map(({ path, field }) => ({
    object: path.length === 2 ? path[0]! : undefined,
    key: path[path.length - 1]!,
    decoder: decoderOf(field),
  }));
  (prepared as MappablePrepared).customResultMapper = (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < plan.length; i++) {
        const { object, key, decoder } = plan[i]!;
        const raw = row[i];
        const value = raw === null ? null : decoder.mapFromDriverValue(raw);
        if (object === undefined) result[key] = value;
        else ((result[object] ??= {}) as Record<string, unknown>)[key] = value;
      }
      return result;
    });
  return prepared;
}
