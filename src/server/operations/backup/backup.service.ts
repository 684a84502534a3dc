import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database, Executor } from "../../db/database.ts";
import * as access from "../../services/access.service.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../services/actor.ts";
import { runUseCase } from "../../services/use-case.ts";
import { createBackup } from "./create-backup.ts";

/** Backups taken by the server (admin page, schedule) live in the data folder's `backups/`. */
export const backupFolder = (dataDir: string) => join(dataDir, "backups");
const STATUS_FILE = "last-result.json";
const BACKUP_NAME = /^cchc-\d{8}-\d{6}\.zip$/;

export interface BackupSchedule {
  /** 0 turns scheduled backups off. */
  everyHours: number;
  keep: number;
}

export function backupSchedule(env: NodeJS.ProcessEnv = process.env): BackupSchedule {
  const number = (value: string | undefined, fallback: number) => {
    const parsed = Number.parseInt(value ?? "", 10);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return {
    everyHours: number(env.CCHC_BACKUP_EVERY_HOURS, 24),
    keep: Math.max(1, number(env.CCHC_BACKUP_KEEP, 7)),
  };
}

export interface BackupFile {
  name: string;
  sizeBytes: number;
  createdAt: string;
}

export interface BackupOutcome {
  ok: boolean;
  at: string;
  trigger: "manual" | "schedule";
  name: string | null;
  sizeBytes: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * Only an administrator whose reach is the whole installation (a global grant, or the root units
 * of every tree) backs it up or downloads its backups: an archive holds every unit's data.
 */
export async function requireInstallationAdmin(exec: Executor, actor: Actor): Promise<void> {
  const scope = await access.unitScope(exec, actor, "system.backup");
  if (scope.kind === "all") return;
  const everyUnit = await access.unitScopeAllIds(exec);
  if (everyUnit.length === 0 || !everyUnit.every((id) => scope.unitIds.has(id)))
    throw new AppError("FORBIDDEN");
}

export async function listBackups(dataDir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(backupFolder(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = await Promise.all(
    names
      .filter((name) => BACKUP_NAME.test(name))
      .map(async (name) => {
        const info = await stat(join(backupFolder(dataDir), name));
        return { name, sizeBytes: info.size, createdAt: info.mtime.toISOString() };
      }),
  );
  return files.sort((a, b) => b.name.localeCompare(a.name));
}

export async function lastOutcome(dataDir: string): Promise<BackupOutcome | null> {
  try {
    return JSON.parse(await readFile(join(backupFolder(dataDir), STATUS_FILE), "utf8"));
  } catch {
    return null;
  }
}

/** A path inside the backups folder for a listed name; anything else is not found. */
export async function backupPath(dataDir: string, name: string): Promise<string> {
  const known = await listBackups(dataDir);
  if (!BACKUP_NAME.test(name) || !known.some((file) => file.name === name))
    throw new AppError("BACKUP_NOT_FOUND", { params: { path: name } });
  return join(backupFolder(dataDir), name);
}

function fileNameAt(now: Date): string {
  // Vietnam time, so the names read as the officials' clock.
  const local = new Date(now.getTime() + 7 * 3600_000).toISOString();
  return `cchc-${local.slice(0, 10).replaceAll("-", "")}-${local.slice(11, 19).replaceAll(":", "")}.zip`;
}

/**
 * Takes a backup through the running server (consistent snapshot), records the outcome where the
 * admin page shows it, writes an audit entry, and keeps only the newest `keep` archives.
 */
export async function runBackup(
  database: Database,
  dataDir: string,
  actor: Actor,
  options: { trigger: BackupOutcome["trigger"]; keep: number; now?: Date },
): Promise<BackupOutcome> {
  const started = options.now ?? new Date();
  const folder = backupFolder(dataDir);
  await mkdir(folder, { recursive: true });
  const name = fileNameAt(started);
  let outcome: BackupOutcome;
  try {
    const { manifest } = await createBackup(database, dataDir, join(folder, name), started);
    const { size } = await stat(join(folder, name));
    outcome = {
      ok: true,
      at: started.toISOString(),
      trigger: options.trigger,
      name,
      sizeBytes: size,
      durationMs: Date.now() - started.getTime(),
      error: null,
    };
    await runUseCase(database.db, actor, ({ audit }) =>
      audit({
        action: "system.backup_created",
        entityId: null,
        unitId: null,
        summary: `Sao lưu dữ liệu: ${name} (${manifest.tables.length} bảng, ${size} byte)`,
      }),
    );
    await pruneBackups(dataDir, options.keep);
  } catch (error) {
    outcome = {
      ok: false,
      at: started.toISOString(),
      trigger: options.trigger,
      name: null,
      sizeBytes: null,
      durationMs: Date.now() - started.getTime(),
      error: error instanceof AppError ? error.message : "Lỗi hệ thống khi sao lưu.",
    };
  }
  await writeFile(join(folder, STATUS_FILE), JSON.stringify(outcome));
  return outcome;
}

export async function pruneBackups(dataDir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(dataDir)).slice(keep);
  for (const file of old) await rm(join(backupFolder(dataDir), file.name), { force: true });
  return old.map((file) => file.name);
}

/** A scheduled backup is due when the last successful one is older than the interval. */
export async function backupDue(dataDir: string, schedule: BackupSchedule, now: Date) {
  if (schedule.everyHours === 0) return false;
  const [newest] = await listBackups(dataDir);
  if (!newest) return true;
  return now.getTime() - Date.parse(newest.createdAt) >= schedule.everyHours * 3600_000;
}
