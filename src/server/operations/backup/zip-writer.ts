import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { Zip, ZipDeflate } from "fflate";

export interface WrittenEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** Writes a zip archive entry by entry, hashing each entry's content, with back-pressure. */
export class ZipWriter {
  private readonly out: WriteStream;
  private readonly zip: Zip;
  private failure: Error | null = null;
  private finished: Promise<void>;

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: "wx" });
    let resolveFinished!: () => void;
    this.finished = new Promise((resolve) => (resolveFinished = resolve));
    this.out.on("error", (error) => (this.failure = error));
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else this.out.write(chunk);
      if (final) this.out.end(resolveFinished);
    });
  }

  private async drain() {
    if (this.failure) throw this.failure;
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }

  /** Adds one entry from chunks; returns its size and SHA-256. */
  async add(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    const entry = new ZipDeflate(path, { level: 6 });
    this.zip.add(entry);
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.length;
      entry.push(chunk);
      await this.drain();
    }
    entry.push(new Uint8Array(0), true);
    await this.drain();
    return { path, bytes, sha256: hash.digest("hex") } satisfies WrittenEntry;
  }

  async close(): Promise<void> {
    this.zip.end();
    await this.finished;
    if (this.failure) throw this.failure;
  }

  /** Stops writing after a failure; the caller removes the partial file. */
  abort(): void {
    this.zip.terminate();
    this.out.destroy();
  }
}
