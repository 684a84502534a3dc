import { createReadStream } from "node:fs";
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";

export interface EntryHandler {
  /** Called for each entry; return false to skip its content. */
  start(path: string): boolean;
  data(path: string, chunk: Uint8Array, final: boolean): void;
}

/** Archive limits: a backup is never read without them (zip bombs, absurd entry counts). */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
}

export class ZipReadError extends Error {}

/**
 * Streams a zip archive entry by entry. After each chunk of the file, `afterChunk` runs (and is
 * awaited), so a consumer can write to a database with back-pressure.
 */
export async function readZip(
  path: string,
  handler: EntryHandler,
  limits: ZipLimits,
  afterChunk: () => Promise<void> = async () => {},
): Promise<void> {
  let entries = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    entries += 1;
    if (entries > limits.maxEntries) {
      failure ??= new ZipReadError(`more than ${limits.maxEntries} entries`);
      return;
    }
    if (!handler.start(file.name)) return;
    let bytes = 0;
    file.ondata = (error, chunk, final) => {
      if (error) {
        failure ??= error;
        return;
      }
      bytes += chunk.length;
      if (bytes > limits.maxEntryBytes) {
        failure ??= new ZipReadError(`entry ${file.name} is larger than allowed`);
        file.terminate();
        return;
      }
      try {
        handler.data(file.name, chunk, final);
      } catch (error) {
        failure ??= error as Error;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    try {
      unzip.push(chunk as Uint8Array);
    } catch (error) {
      failure ??= error as Error;
    }
    if (failure) throw failure;
    await afterChunk();
    if (failure) throw failure;
  }
  try {
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw failure;
  await afterChunk();
}
