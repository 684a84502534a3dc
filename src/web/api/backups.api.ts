import type { z } from "zod";
import type {
  backupFile,
  backupOutcome,
  backupOverview,
} from "../../server/routes/backup.routes.ts";
import { requestData } from "./client.ts";

/** The server's response schemas are the contract: the web's types come from them. */
export type BackupFile = z.infer<typeof backupFile>;
export type BackupOutcome = z.infer<typeof backupOutcome>;
export type BackupOverview = z.infer<typeof backupOverview>;

export function getBackups(): Promise<BackupOverview> {
  return requestData<BackupOverview>("/api/admin/backups");
}

export function createBackupNow(): Promise<BackupOutcome> {
  return requestData<BackupOutcome>("/api/admin/backups", { method: "POST" });
}

export const backupDownloadUrl = (name: string) =>
  `/api/admin/backups/${encodeURIComponent(name)}/download`;
