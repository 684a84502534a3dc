/**
 * Reads zip-based office files (.docx, .xlsx) safely: first the zip's directory (entry count,
 * declared sizes and ratios), then the entries are inflated as a stream and the bytes actually
 * produced are counted (declared sizes can lie), stopping at the first limit passed. Nothing is
 * kept: the caller's reader runs once the file is known to stay within its limits.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import {
  checkArchiveDirectory,
  describeArchiveProblem,
  InflationMeter,
  type ArchiveEntry,
  type ArchiveLimits,
  type ArchiveProblem,
} from "../../core/files/archive-limits.ts";
import { AppError } from "../errors.ts";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ZIP64 = 0xffffffff;

/** A damaged zip: each reader reports it with its own "unreadable file" error. */
export class ArchiveFormatError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ArchiveFormatError";
  }
}

/** FILE_TOO_COMPLEX for a limit passed; ArchiveFormatError for a damaged zip. */
export function tooComplex(problem: ArchiveProblem): Error {
  if (problem.kind === "format") return new ArchiveFormatError(problem.reason);
  return new AppError("FILE_TOO_COMPLEX", { params: { reason: describeArchiveProblem(problem) } });
}

const notAZip = (): ArchiveProblem => ({
  kind: "format",
  reason: "tệp nén bị hỏng (không đọc được danh mục các phần)",
});

interface DirectoryLocation {
  count: number;
  size: number;
  offset: number;
}

function locateDirectory(tail: Buffer): DirectoryLocation | ArchiveProblem {
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const count = tail.readUInt16LE(at + 10);
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || size === ZIP64 || offset === ZIP64)
      return { kind: "format", reason: "tệp dùng định dạng ZIP64, không được hỗ trợ" };
    return { count, size, offset };
  }
  return notAZip();
}

/** An entry as the directory describes it, with where its data starts. */
/** An entry as the zip's directory lists it: where its local header starts, how it is packed. */
export interface DirectoryEntry extends ArchiveEntry {
  method: number;
  offset: number;
}

function parseDirectory(directory: Buffer, count: number): DirectoryEntry[] | ArchiveProblem {
  const entries: DirectoryEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY)
      return notAZip();
    const method = directory.readUInt16LE(at + 10);
    const compressedSize = directory.readUInt32LE(at + 20);
    const size = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const offset = directory.readUInt32LE(at + 42);
    if (compressedSize === ZIP64 || size === ZIP64 || offset === ZIP64)
      return { kind: "format", reason: "tệp dùng định dạng ZIP64, không được hỗ trợ" };
    const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
    entries.push({ name, compressedSize, size, method, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const isProblem = (value: unknown): value is ArchiveProblem =>
  typeof value === "object" && value !== null && "kind" in value;

/** Reads `length` bytes at `position` of the file or buffer. */
type ReadAt = (position: number, length: number) => Promise<Buffer>;

async function readDirectory(
  readAt: ReadAt,
  fileSize: number,
  limits: ArchiveLimits,
): Promise<DirectoryEntry[]> {
  const tailLength = Math.min(fileSize, END_RECORD_BYTES + MAX_COMMENT);
  const location = locateDirectory(await readAt(fileSize - tailLength, tailLength));
  if (isProblem(location)) throw tooComplex(location);
  if (location.count > limits.maxEntries)
    throw tooComplex({ kind: "entries", count: location.count, limit: limits.maxEntries });
  if (location.offset + location.size > fileSize) throw tooComplex(notAZip());
  const entries = parseDirectory(await readAt(location.offset, location.size), location.count);
  if (isProblem(entries)) throw tooComplex(entries);
  return entries;
}

export interface GuardOptions {
  /** Entries whose actual inflated bytes are counted (default: all). */
  inflated?: (name: string) => boolean;
}

/**
 * Throws FILE_TOO_COMPLEX unless the zip (bytes in memory, or a file on disk) stays within
 * `limits`, both as declared and as actually inflated. Returns the directory's entries.
 */
export async function guardArchive(
  source: Uint8Array | string,
  limits: ArchiveLimits,
  options: GuardOptions = {},
): Promise<DirectoryEntry[]> {
  const counted = options.inflated ?? (() => true);
  let entries: DirectoryEntry[];
  if (typeof source === "string") {
    const handle = await open(source, "r");
    try {
      const { size } = await handle.stat();
      entries = await readDirectory(
        (position, length) => readAtFile(handle, position, length),
        size,
        limits,
      );
    } finally {
      await handle.close();
    }
  } else {
    const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    entries = await readDirectory(
      async (position, length) => bytes.subarray(position, position + length),
      bytes.length,
      limits,
    );
  }
  const declared = checkArchiveDirectory(entries, limits, counted);
  if (declared) throw tooComplex(declared);
  await countInflatedBytes(source, entries, limits, counted);
  return entries;
}

async function countInflatedBytes(
  source: Uint8Array | string,
  entries: DirectoryEntry[],
  limits: ArchiveLimits,
  counted: (name: string) => boolean,
) {
  const meter = new InflationMeter(limits);
  const handle = typeof source === "string" ? await open(source, "r") : null;
  try {
    for (const entry of entries) {
      if (!counted(entry.name) || entry.compressedSize === 0) continue;
      const header = handle
        ? await readAtFile(handle, entry.offset, 30)
        : Buffer.from(source as Uint8Array).subarray(entry.offset, entry.offset + 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_ENTRY) throw tooComplex(notAZip());
      const start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const end = start + entry.compressedSize;
      let problem: ArchiveProblem | null;
      if (entry.method === 0) {
        problem = meter.add(entry.name, entry.compressedSize, entry.compressedSize);
      } else if (entry.method === 8) {
        const input =
          typeof source === "string"
            ? createReadStream(source, { start, end: end - 1, highWaterMark: 64 * 1024 })
            : Readable.from(slices(source.subarray(start, end), 64 * 1024));
        problem = await inflateCounting(input, entry, meter);
      } else {
        problem = { kind: "format", reason: `phần ${entry.name} dùng kiểu nén không được hỗ trợ` };
      }
      if (problem) throw tooComplex(problem);
    }
  } finally {
    await handle?.close();
  }
}

/** Inflates one entry (zlib, off the JavaScript thread), counting the bytes it produces. */
function inflateCounting(
  input: Readable,
  entry: DirectoryEntry,
  meter: InflationMeter,
): Promise<ArchiveProblem | null> {
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (problem: ArchiveProblem | null) => {
      if (settled) return;
      settled = true;
      input.unpipe(inflater);
      input.destroy();
      inflater.destroy();
      resolve(problem);
    };
    const damaged = (): ArchiveProblem => ({
      kind: "format",
      reason: `phần ${entry.name} bị hỏng, không giải nén được`,
    });
    inflater.on("data", (chunk: Buffer) => {
      const problem = meter.add(entry.name, entry.compressedSize, chunk.length);
      if (problem) finish(problem);
    });
    inflater.on("end", () => finish(null));
    inflater.on("error", () => finish(damaged()));
    input.on("error", () => finish(damaged()));
    input.pipe(inflater);
  });
}

async function readAtFile(handle: FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function* slices(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
