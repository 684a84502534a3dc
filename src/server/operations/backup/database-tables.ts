import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/database.ts";

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The application's tables (schema `public`), by name. */
export async function listTables(exec: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    exec,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((row) => row.name);
}

/** Columns a restore writes: generated columns are computed again, never inserted. */
async function insertableColumns(exec: Executor, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    exec,
    sql`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER'
        ORDER BY ordinal_position`,
  );
  return rows.map((row) => row.name);
}

/**
 * Reads a table as JSON lines in batches through a cursor, inside the caller's snapshot
 * transaction. Rows stay text: numbers never pass through a JavaScript double.
 */
export async function* tableLines(
  exec: Executor,
  table: string,
  batchSize = 2000,
): AsyncGenerator<string[]> {
  const cursor = `cchc_backup_${table}`;
  await exec.execute(
    sql.raw(`DECLARE ${quoted(cursor)} NO SCROLL CURSOR FOR
             SELECT row_to_json(t)::text AS line FROM ${quoted(table)} t`),
  );
  try {
    for (;;) {
      const rows = await queryRows<{ line: string }>(
        exec,
        sql.raw(`FETCH FORWARD ${batchSize} FROM ${quoted(cursor)}`),
      );
      if (rows.length === 0) return;
      yield rows.map((row) => row.line);
    }
  } finally {
    await exec.execute(sql.raw(`CLOSE ${quoted(cursor)}`));
  }
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export async function listForeignKeys(exec: Executor): Promise<ForeignKey[]> {
  return queryRows<ForeignKey>(
    exec,
    sql`SELECT cl.relname AS "table", co.conname AS name, pg_get_constraintdef(co.oid) AS definition
        FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE co.contype = 'f' AND n.nspname = 'public' ORDER BY cl.relname, co.conname`,
  );
}

export async function dropForeignKeys(exec: Executor, keys: ForeignKey[]): Promise<void> {
  for (const key of keys)
    await exec.execute(
      sql.raw(`ALTER TABLE ${quoted(key.table)} DROP CONSTRAINT ${quoted(key.name)}`),
    );
}

/** Adds the keys back, which checks every restored row against them. */
export async function addForeignKeys(exec: Executor, keys: ForeignKey[]): Promise<void> {
  for (const key of keys)
    await exec.execute(
      sql.raw(
        `ALTER TABLE ${quoted(key.table)} ADD CONSTRAINT ${quoted(key.name)} ${key.definition}`,
      ),
    );
}

/**
 * Turns the tables' own triggers (not the constraint ones) off or on for the loading transaction:
 * a trigger that checks another table (case events → their case) would see rows not loaded yet.
 * The foreign keys are dropped and re-added around the load, which checks every row.
 */
export async function setUserTriggers(exec: Executor, tables: string[], on: boolean) {
  for (const table of tables)
    await exec.execute(
      sql.raw(`ALTER TABLE ${quoted(table)} ${on ? "ENABLE" : "DISABLE"} TRIGGER USER`),
    );
}

export async function truncateTables(exec: Executor, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await exec.execute(sql.raw(`TRUNCATE ${tables.map(quoted).join(", ")}`));
}

export class TableLoader {
  private columnsOf = new Map<string, string[]>();

  constructor(private readonly exec: Executor) {}

  /** Inserts JSON lines as rows, keys as given (identity columns included). */
  async insert(table: string, lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    let columns = this.columnsOf.get(table);
    if (!columns) {
      columns = await insertableColumns(this.exec, table);
      this.columnsOf.set(table, columns);
    }
    const list = columns.map(quoted).join(", ");
    const rows = `[${lines.join(",")}]`;
    await this.exec.execute(
      sql`${sql.raw(`INSERT INTO ${quoted(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list}
                     FROM json_populate_recordset(NULL::${quoted(table)}, `)}${rows}::json)`,
    );
  }
}

/** Identity and serial sequences continue after the restored rows. */
export async function resetSequences(exec: Executor): Promise<void> {
  const columns = await queryRows<{ table: string; column: string; sequence: string }>(
    exec,
    sql`SELECT table_name AS "table", column_name AS "column",
               pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
        FROM information_schema.columns
        WHERE table_schema = 'public'
          AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  for (const { table, column, sequence } of columns) {
    await exec.execute(
      sql.raw(`SELECT setval('${sequence.replaceAll("'", "''")}',
                 COALESCE((SELECT max(${quoted(column)}) FROM ${quoted(table)}), 0) + 1, false)`),
    );
  }
}

/** True when no application table holds a row. */
export async function isEmpty(exec: Executor, tables: string[]): Promise<boolean> {
  for (const table of tables) {
    const [row] = await queryRows<{ any: boolean }>(
      exec,
      sql.raw(`SELECT EXISTS (SELECT 1 FROM ${quoted(table)}) AS any`),
    );
    if (row?.any) return false;
  }
  return true;
}
