import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.ts";

export const LOCK_FILE_NAME = "cchc.lock";

export interface DataFolderLock {
  release(): void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLockOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").split("\n")[0] ?? "", 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * PGlite does not lock its data folder, and a second process writing to it loses committed rows.
 * The lock is a file created exclusively (O_EXCL) holding the owner's pid; a lock left by a dead
 * process is taken over.
 */
export function acquireDataFolderLock(dataDir: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readLockOwner(path) === process.pid) rmSync(path, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLockOwner(path);
      if (owner !== null && isProcessAlive(owner)) {
        throw new AppError("DATA_FOLDER_LOCKED", { params: { dataDir, pid: owner } });
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError("DATA_FOLDER_LOCKED", { params: { dataDir, pid: "?" } });
}
