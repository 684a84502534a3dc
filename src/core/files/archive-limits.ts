/**
 * Limits for reading zip-based office files (.docx, .xlsx) safely: a few hundred KB can inflate to
 * gigabytes of XML ("zip bombs"). The reader checks the zip's directory first (what the entries
 * declare) and then counts the bytes it actually inflates, since declared sizes can lie. Pure
 * rules; the I/O is in src/server/documents/archive-guard.ts.
 */

export interface ArchiveLimits {
  /** Entries in the zip's directory. */
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all the entries read, together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of an entry larger than RATIO_FLOOR_BYTES. */
  maxRatio: number;
}

/** Small entries compress freely (an empty styles part is 100:1): the ratio is not checked. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ArchiveEntry {
  name: string;
  compressedSize: number;
  /** Inflated size (declared by the directory, or counted while inflating). */
  size: number;
}

export type ArchiveProblem =
  | { kind: "entries"; count: number; limit: number }
  | { kind: "entry"; name: string; limit: number }
  | { kind: "total"; limit: number }
  | { kind: "ratio"; name: string; limit: number }
  | { kind: "format"; reason: string };

function entryProblem(entry: ArchiveEntry, limits: ArchiveLimits): ArchiveProblem | null {
  if (entry.size > limits.maxEntryBytes)
    return { kind: "entry", name: entry.name, limit: limits.maxEntryBytes };
  if (
    entry.size > RATIO_FLOOR_BYTES &&
    entry.size > limits.maxRatio * Math.max(1, entry.compressedSize)
  )
    return { kind: "ratio", name: entry.name, limit: limits.maxRatio };
  return null;
}

/** What the directory declares: too many entries, or an entry or a total over the limits. */
export function checkArchiveDirectory(
  entries: readonly ArchiveEntry[],
  limits: ArchiveLimits,
  counted: (name: string) => boolean = () => true,
): ArchiveProblem | null {
  if (entries.length > limits.maxEntries)
    return { kind: "entries", count: entries.length, limit: limits.maxEntries };
  let total = 0;
  for (const entry of entries) {
    if (!counted(entry.name)) continue;
    const problem = entryProblem(entry, limits);
    if (problem) return problem;
    total += entry.size;
    if (total > limits.maxTotalBytes) return { kind: "total", limit: limits.maxTotalBytes };
  }
  return null;
}

/** Counts the bytes actually inflated, entry by entry; the first problem stops the reading. */
export class InflationMeter {
  private total = 0;
  private readonly perEntry = new Map<string, number>();

  constructor(private readonly limits: ArchiveLimits) {}

  /** `bytes` more of `name` were inflated (its compressed size as the directory says). */
  add(name: string, compressedSize: number, bytes: number): ArchiveProblem | null {
    const size = (this.perEntry.get(name) ?? 0) + bytes;
    this.perEntry.set(name, size);
    this.total += bytes;
    const problem = entryProblem({ name, compressedSize, size }, this.limits);
    if (problem) return problem;
    if (this.total > this.limits.maxTotalBytes)
      return { kind: "total", limit: this.limits.maxTotalBytes };
    return null;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/** The problem in Vietnamese, for the FILE_TOO_COMPLEX message. */
export function describeArchiveProblem(problem: ArchiveProblem): string {
  switch (problem.kind) {
    case "entries":
      return `tệp nén có ${problem.count} phần, vượt quá ${problem.limit} phần cho phép`;
    case "entry":
      return `phần ${problem.name} khi giải nén vượt quá ${mb(problem.limit)}`;
    case "total":
      return `nội dung giải nén vượt quá ${mb(problem.limit)}`;
    case "ratio":
      return `phần ${problem.name} nén với tỉ lệ bất thường (hơn ${problem.limit} lần)`;
    case "format":
      return problem.reason;
  }
}

/** Row and cell caps of a spreadsheet read for one purpose. */
export interface SheetLimits {
  maxRows: number;
  maxColumns: number;
  /** Characters of one cell. */
  maxCellChars: number;
}

export type SheetProblem =
  | { kind: "rows"; limit: number }
  | { kind: "columns"; row: number; limit: number }
  | { kind: "cell"; row: number; limit: number };

/** Checks one row as it is read (row numbers as the sheet shows them). */
export function checkSheetRow(
  row: number,
  rowsRead: number,
  cells: readonly unknown[],
  limits: SheetLimits,
): SheetProblem | null {
  if (rowsRead > limits.maxRows) return { kind: "rows", limit: limits.maxRows };
  if (cells.length > limits.maxColumns) return { kind: "columns", row, limit: limits.maxColumns };
  for (const cell of cells) {
    if (typeof cell === "string" && cell.length > limits.maxCellChars)
      return { kind: "cell", row, limit: limits.maxCellChars };
  }
  return null;
}

export function describeSheetProblem(problem: SheetProblem): string {
  const count = (n: number) => n.toLocaleString("vi-VN");
  switch (problem.kind) {
    case "rows":
      return `bảng có hơn ${count(problem.limit)} dòng`;
    case "columns":
      return `dòng ${problem.row} có hơn ${count(problem.limit)} cột`;
    case "cell":
      return `một ô ở dòng ${problem.row} dài hơn ${count(problem.limit)} ký tự`;
  }
}
