import { lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/*
 * A parse's own folder for temporary files, removed by the server when the parse ends, however it
 * ends. ExcelJS's streaming reader copies a worksheet stored before the shared strings (as ExcelJS
 * and other writers store it) to a temporary file of the `tmp` package, in os.tmpdir(), and deletes
 * it only once the sheet has been read to its end: a sheet refused over the caps (a 100 MB bomb),
 * the rest of an export whose header was all a preview read, or a worker stopped for time stayed
 * behind for as long as the server ran. The worker points its TMPDIR (a worker thread's
 * environment is its own copy) at the folder before reading.
 */

const PREFIX = "cchc-parse-";

export function makeParseTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), PREFIX));
}

export function makeParseTempDirSync(): string {
  return mkdtempSync(join(tmpdir(), PREFIX));
}

/** Removes the folder and whatever is in it; a failure to remove never fails the parse. */
export async function removeParseTempDir(dir: string): Promise<void> {
  // Retries: a worker being terminated may still create a file while the folder is emptied.
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

/** In the worker: temporary files of the next reads go to `dir`. */
export function useParseTempDir(dir: string): void {
  process.env.TMPDIR = dir;
}

/**
 * A parse folder this old is left over: a parse ends within CCHC_PARSE_TIMEOUT_SECONDS and a
 * dossier import within hours, and the folder's time moves with the files made in it.
 */
export const STALE_PARSE_TEMP_DIR_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the parse folders a server killed during a parse left in the temporary folder (its own
 * removal never ran; the folder may hold a worksheet's copy, up to 1 GB): those whose time is
 * `STALE_PARSE_TEMP_DIR_MS` before `now` or older. Run at start; answers how many it removed.
 */
export async function removeStaleParseTempDirs(now: number = Date.now()): Promise<number> {
  const root = tmpdir();
  let removed = 0;
  for (const name of await readdir(root).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(root, name);
    const stat = await lstat(path).catch(() => null);
    if (!stat?.isDirectory() || stat.mtimeMs > now - STALE_PARSE_TEMP_DIR_MS) continue;
    await removeParseTempDir(path);
    removed += 1;
  }
  return removed;
}
