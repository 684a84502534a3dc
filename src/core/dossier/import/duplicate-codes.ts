/*
 * Remembers the dossier codes seen so far in one file, so a code given twice is reported on its
 * second row. Codes are compared case-insensitively, as written after trimming.
 *
 * A million-row export would cost ≈ 100 MB as a Map of strings; this keeps a 64-bit fingerprint
 * and the first row per code in typed arrays (≈ 24 MB per million codes). Two different codes
 * share a fingerprint with probability ≈ n² / 2⁶⁵ (≈ 3·10⁻⁸ for a million codes): accepted.
 */

import {
  duplicateCodeError,
  parseImportRow,
  type ImportRowResult,
  type RowContext,
} from "./import-row.ts";
import type { ImportCell } from "./import-values.ts";

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;

/** Two independent 32-bit hashes (FNV-1a and a murmur-style mix) of the upper-cased code. */
function fingerprint(code: string): [number, number] {
  const key = code.toUpperCase();
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  // 0 marks an empty slot.
  return [a >>> 0 || 1, b >>> 0];
}

export class DuplicateCodes {
  private high = new Uint32Array(INITIAL_SLOTS);
  private low = new Uint32Array(INITIAL_SLOTS);
  private rows = new Uint32Array(INITIAL_SLOTS);
  private count = 0;

  /** The row that already used `code`, or null (and the code is remembered for `row`). */
  firstRowOf(code: string, row: number): number | null {
    const [h, l] = fingerprint(code);
    const mask = this.high.length - 1;
    let slot = (h ^ Math.imul(l, 0x9e3779b1)) & mask;
    while (this.high[slot] !== EMPTY) {
      if (this.high[slot] === h && this.low[slot] === l) return this.rows[slot]!;
      slot = (slot + 1) & mask;
    }
    this.high[slot] = h;
    this.low[slot] = l;
    this.rows[slot] = row;
    this.count += 1;
    if (this.count * 2 > this.high.length) this.grow();
    return null;
  }

  get size(): number {
    return this.count;
  }

  private grow() {
    const { high, low, rows } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.rows = new Uint32Array(high.length * 2);
    const mask = this.high.length - 1;
    for (let i = 0; i < high.length; i += 1) {
      if (high[i] === EMPTY) continue;
      let slot = (high[i]! ^ Math.imul(low[i]!, 0x9e3779b1)) & mask;
      while (this.high[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}

/**
 * One row of a file: parsed and validated, then refused when its code was already used by an
 * earlier valid row of the same file (`codeColumn` names the column in the message).
 */
export function parseFileRow(
  cells: readonly ImportCell[],
  row: number,
  context: RowContext,
  seen: DuplicateCodes,
  codeColumn: string,
): ImportRowResult {
  const result = parseImportRow(cells, row, context);
  if (result.ok !== true) return result;
  const first = seen.firstRowOf(result.dossier.code, row);
  if (first === null) return result;
  return { ok: false, errors: [duplicateCodeError(row, codeColumn, result.dossier.code, first)] };
}
