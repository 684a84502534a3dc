import { requestData } from "./client.ts";

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

export interface BackupOverview {
  backups: BackupFile[];
  schedule: { everyHours: number; keep: number };
  last: BackupOutcome | null;
}

export function getBackups(): Promise<BackupOverview> {
  return requestData<BackupOverview>("/api/admin/backups");
}

export function createBackupNow(): Promise<BackupOutcome> {
  return requestData<BackupOutcome>("/api/admin/backups", { method: "POST" });
}

export const backupDownloadUrl = (name: string) =>
  `/api/admin/backups/${encodeURIComponent(name)}/download`;
