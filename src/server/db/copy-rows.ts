import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Executor } from "./database.ts";

/*
 * Bulk writes through PostgreSQL's COPY, on both drivers, inside a Drizzle transaction.
 *
 * Drizzle has no COPY, so this reaches the transaction's driver client (`session.client`: a
 * node-postgres PoolClient, or PGlite's transaction object). The integration tests run the
 * dossier import on both drivers, so a Drizzle upgrade that moves the client fails there.
 */

const COPY_MESSAGE_BYTES = 64 * 1024;

export type CopyValue = string | number | boolean | null;

/** One value in COPY's text format: backslash escapes, `\N` for null, t/f for booleans. */
export function copyValue(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}

/** A row in COPY's text format (tab-separated, newline-terminated). */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyValue(values[0] ?? null);
  for (let i = 1; i < values.length; i += 1) line += `\t${copyValue(values[i] ?? null)}`;
  return `${line}\n`;
}

/**
 * Rows in COPY text format gathered in one growing buffer: each line becomes bytes at once, so a
 * batch of thousands of rows holds no JavaScript strings (nor the file chunks they were cut from).
 */
export class CopyBuffer {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  count = 0;

  add(values: readonly CopyValue[]) {
    const line = copyLine(values);
    const needed = this.length + line.length * 3;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(line, this.length);
    this.count += 1;
  }

  get data(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

/** The first column of every row of COPY text, unescaped (slow paths need the keys back). */
export function copyFirstColumn(data: Uint8Array): string[] {
  const keys: string[] = [];
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const tab = text.indexOf("\t", start);
    const cell = text.slice(start, tab === -1 || tab > end ? end : tab);
    keys.push(cell.includes("\\") ? unescapeCopyValue(cell) : cell);
    start = end + 1;
  }
  return keys;
}

const ESCAPES: Record<string, string> = { "\\": "\\", t: "\t", n: "\n", r: "\r" };
const unescapeCopyValue = (value: string) =>
  value.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);

interface PgliteTransaction {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function driverClient(tx: Executor): pg.ClientBase | PgliteTransaction {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Pool || client === undefined || client === null)
    throw new Error("copyRows needs an open transaction");
  if (client instanceof pg.Client) return client;
  if (typeof (client as PgliteTransaction).query === "function") return client as PgliteTransaction;
  throw new Error("copyRows: unknown database driver");
}

/**
 * Copies rows (COPY text format, see CopyBuffer) into `table`. Runs in the caller's
 * transaction; an error (a unique violation, say) leaves the transaction failed as any statement
 * would, so callers wrap it in a savepoint when they want to recover.
 */
export async function copyRows(
  tx: Executor,
  table: string,
  columns: readonly string[],
  data: Uint8Array,
): Promise<void> {
  const client = driverClient(tx);
  const statement = `copy ${table} (${columns.join(", ")}) from`;
  if (client instanceof pg.Client) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`${statement} stdin`));
      stream.on("finish", resolve);
      stream.on("error", reject);
      // In 64 KB messages: one message of megabytes measurably slows the server's COPY.
      for (let at = 0; at < data.length; at += COPY_MESSAGE_BYTES)
        stream.write(data.subarray(at, at + COPY_MESSAGE_BYTES));
      stream.end();
    });
  } else {
    await client.query(`${statement} '/dev/blob'`, [], {
      blob: new Blob([data as Uint8Array<ArrayBuffer>]),
    });
  }
}
