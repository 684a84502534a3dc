import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { LOCK_FILE_NAME } from "../../db/data-folder-lock.ts";

/** What a backup never copies from the data folder: the database itself, its lock, backups. */
export const NOT_BACKED_UP = new Set(["pglite", LOCK_FILE_NAME, "backups"]);

/** The files of the data folder a backup carries (evidence, documents, imports), sorted. */
export async function listDataFiles(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (dir === dataDir && (NOT_BACKED_UP.has(entry.name) || entry.name.startsWith(".restore-")))
        continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(relative(dataDir, path).split(sep).join("/"));
    }
  }
  await walk(dataDir);
  return found.sort();
}

export function readDataFile(dataDir: string, relativePath: string) {
  return createReadStream(join(dataDir, ...relativePath.split("/")));
}
