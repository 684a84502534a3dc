import type { Command } from "commander";
import { runCommand } from "../cli-errors.ts";
import { withDatabase } from "./server.command.ts";

const modules = {
  config: () => import("../../server/operations/personal-data/retention-config.ts"),
  service: () => import("../../server/operations/personal-data/retention.service.ts"),
  time: () => import("../../core/time/vietnam-time.ts"),
  actor: () => import("../../server/services/actor.ts"),
};

const DATA_NOTE =
  "Uses DATABASE_URL or the embedded database in CCHC_DATA_DIR (stop the server first). " +
  "Retention periods: CCHC_RETENTION_DOSSIER_YEARS, CCHC_RETENTION_FEEDBACK_YEARS.";

interface CommonOptions {
  asOf?: string;
  json?: boolean;
}

async function asOfDay(options: CommonOptions): Promise<string> {
  const { requireIsoDate } = await modules.service();
  if (options.asOf !== undefined) return requireIsoDate(options.asOf);
  const { vietnamDate } = await modules.time();
  return vietnamDate(new Date());
}

const vnDate = (iso: string) => iso.split("-").reverse().join("/");

export function registerPersonalDataCommands(program: Command): void {
  const group = program
    .command("personal-data")
    .description("Citizens' personal data (dữ liệu cá nhân): retention and anonymisation");

  group
    .command("status")
    .description(`What is past its retention period on a day, and the last run. ${DATA_NOTE}`)
    .option("--as-of <YYYY-MM-DD>", "judge as of this day (default: today in Vietnam)")
    .option("--json", "print JSON")
    .action((options: CommonOptions) =>
      runCommand(async () => {
        const { retentionConfig } = await modules.config();
        const { retentionStatus } = await modules.service();
        const { policy } = retentionConfig();
        const asOf = await asOfDay(options);
        await withDatabase(async ({ database }) => {
          const status = await retentionStatus(database.db, policy, asOf);
          if (options.json) {
            console.log(JSON.stringify(status));
            return;
          }
          console.log(
            `Thời hạn lưu trữ: hồ sơ ${policy.dossierYears} năm sau khi hoàn thành, ` +
              `phản ánh kiến nghị ${policy.feedbackYears} năm sau khi kết thúc (suy luận, xem README).`,
          );
          console.log(
            `Đến ngày ${vnDate(asOf)} cần ẩn danh: ${status.due.dossier} hồ sơ (đóng đến ${vnDate(status.closedOnOrBefore.dossier)}), ` +
              `${status.due.feedback} phản ánh kiến nghị (đóng đến ${vnDate(status.closedOnOrBefore.feedback)}).`,
          );
          console.log(
            `Đã ẩn danh: ${status.anonymised.dossier} hồ sơ, ${status.anonymised.feedback} phản ánh kiến nghị.`,
          );
          const last = status.lastRun;
          console.log(
            last
              ? `Lần chạy gần nhất: ${last.startedAt.toISOString()} (${last.trigger}), ${last.dossiers} hồ sơ, ${last.feedback} phản ánh kiến nghị${last.error ? `, lỗi ${last.error}` : ""}.`
              : "Chưa chạy lần nào.",
          );
        });
      }),
    );

  group
    .command("purge")
    .description(
      `Anonymise the personal fields of closed records past retention, in batches (codes, dates, states and counts kept). ${DATA_NOTE}`,
    )
    .option("--dry-run", "count only, change nothing")
    .option("--as-of <YYYY-MM-DD>", "judge as of this day (default: today in Vietnam)")
    .option("--batch-size <n>", "records per transaction (default 500)")
    .option("--json", "print JSON")
    .action((options: CommonOptions & { dryRun?: boolean; batchSize?: string }) =>
      runCommand(async () => {
        const { retentionConfig } = await modules.config();
        const { purgePersonalData } = await modules.service();
        const { SYSTEM_ACTOR } = await modules.actor();
        const { policy } = retentionConfig();
        const asOf = await asOfDay(options);
        const batchSize = options.batchSize === undefined ? undefined : Number(options.batchSize);
        await withDatabase(async ({ database }) => {
          const result = await purgePersonalData(database.db, SYSTEM_ACTOR, policy, {
            asOf,
            batchSize,
            dryRun: options.dryRun === true,
            trigger: "cli",
          });
          if (options.json) {
            console.log(JSON.stringify(result));
            return;
          }
          const { dossier, feedback } = result.anonymised;
          console.log(
            result.dryRun
              ? `Chạy thử (không thay đổi gì): sẽ ẩn danh ${dossier} hồ sơ và ${feedback} phản ánh kiến nghị tính đến ngày ${vnDate(asOf)}.`
              : `Đã ẩn danh ${dossier} hồ sơ và ${feedback} phản ánh kiến nghị tính đến ngày ${vnDate(asOf)} (${result.batches} đợt).`,
          );
        });
      }),
    );
}
