/*
 * PostgreSQL's COPY text format, built in memory (no database here: the import's parser thread
 * uses it without loading a driver). Written to a table by copy-rows.ts.
 */

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
