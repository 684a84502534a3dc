import { resolve } from "node:path";
import type { Command } from "commander";
import { runCommand } from "../cli-errors.ts";

const DATA_NOTE =
  "Uses DATABASE_URL when set, otherwise the embedded database in CCHC_DATA_DIR (default ./data), " +
  "whose lock it takes: stop the server first (or back up from the admin page while it runs).";

const megabytes = (bytes: number) =>
  (bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .argument("<file>", "archive to write (.zip); never overwritten")
    .description(`Back up the database and the data folder's files, with checksums. ${DATA_NOTE}`)
    .action((file: string) =>
      runCommand(async () => {
        const { loadConfig } = await import("../../server/config.ts");
        const { openDatabase } = await import("../../server/runtime.ts");
        const { createBackup } = await import("../../server/operations/backup/create-backup.ts");
        const config = loadConfig();
        const opened = await openDatabase(config, { migrate: false });
        try {
          const { manifest } = await createBackup(opened.database, config.dataDir, resolve(file));
          const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
          const files = manifest.entries.filter((entry) => entry.path.startsWith("files/"));
          const bytes = manifest.entries.reduce((sum, entry) => sum + entry.bytes, 0);
          console.log(
            `Đã sao lưu ${manifest.tables.length} bảng (${rows.toLocaleString("vi-VN")} dòng) ` +
              `và ${files.length} tệp (${megabytes(bytes)} MB trước khi nén) vào ${file}.`,
          );
        } finally {
          await opened.close();
        }
      }),
    );

  program
    .command("restore")
    .argument("<file>", "archive written by `cchc backup`")
    .option("--replace", "replace the data of a database that already holds some")
    .description(
      `Verify a backup's checksums, then restore it (an older version's archive is migrated). ${DATA_NOTE}`,
    )
    .action((file: string, options: { replace?: boolean }) =>
      runCommand(async () => {
        const { loadConfig } = await import("../../server/config.ts");
        const { restoreBackup } = await import("../../server/operations/backup/restore-backup.ts");
        const result = await restoreBackup(loadConfig(), resolve(file), options);
        console.log(
          `Đã khôi phục ${result.tables} bảng (${result.rows.toLocaleString("vi-VN")} dòng) và ` +
            `${result.files} tệp từ bản sao lưu ngày ${result.manifest.createdAt} ` +
            `(CCHC ${result.manifest.appVersion}).`,
        );
      }),
    );
}
