/** `cchc import-plan FILE [--json]`: imports a plan from Word, PDF or text into a structured draft. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { PlanImport } from "../../core/plan-import/contract.ts";

const KIND_LABEL: Record<PlanImport["document"]["kind"], string> = {
  plan: "Kế hoạch",
  decision_with_plan: "Quyết định ban hành kế hoạch",
};

export function summarisePlanImport(result: PlanImport): string {
  const document = result.document;
  const lines = [
    `${KIND_LABEL[document.kind]}${document.number ? ` số ${document.number}` : " (chưa có số)"}`,
    `Trích yếu: ${document.title ?? "(không xác định)"}`,
    `Cơ quan ban hành: ${document.issuer ?? "(không xác định)"}`,
    `Địa danh, ngày: ${document.place ?? "?"}, ${document.date ?? "?"}`,
    `Người ký: ${document.signer ? `${document.signer.title ?? ""} ${document.signer.name ?? ""}`.trim() : "(không xác định)"}`,
    `Căn cứ: ${result.bases.length}`,
    `Chỉ tiêu: ${result.targets.length}`,
    `Lĩnh vực: ${result.areas.length} (${result.areas.reduce((sum, area) => sum + area.tasks.length, 0)} nhiệm vụ mô tả)`,
    `Nhiệm vụ có phân công: ${result.tasks.filter((task) => task.rowType !== "section").length}`,
    `Tiêu chí chấm điểm: ${result.criteria.length}`,
    `Cơ quan được giao trách nhiệm: ${result.duties.length}`,
    `Cảnh báo: ${result.warnings.length}`,
  ];
  for (const warning of result.warnings.slice(0, 20)) {
    lines.push(`  - ${warning.line !== null ? `dòng ${warning.line}: ` : ""}${warning.message}`);
  }
  if (result.warnings.length > 20)
    lines.push(`  … và ${result.warnings.length - 20} cảnh báo khác`);
  return lines.join("\n");
}

export function registerImportPlanCommand(program: Command): void {
  program
    .command("import-plan")
    .description("Nhập kế hoạch CCHC từ tệp Word (.docx), PDF hoặc văn bản (.txt, .md)")
    .argument("<file>", "đường dẫn tệp kế hoạch")
    .option("--json", "in cấu trúc trích xuất dưới dạng JSON")
    .action(async (file: string, options: { json?: boolean }) => {
      let buffer: Buffer;
      try {
        buffer = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === "ENOENT"
            ? "không tìm thấy tệp."
            : code === "EISDIR"
              ? "đây là thư mục, không phải tệp."
              : "không mở được tệp.";
        process.stderr.write(`Lỗi [IMPORT_UNREADABLE_FILE]: Không đọc được “${file}”: ${reason}\n`);
        process.exitCode = 1;
        return;
      }
      // Loaded lazily: the readers pull in fflate and pdfjs, which other commands do not need.
      const { importPlan, PlanImportFileError } =
        await import("../../server/documents/plan-import/index.ts");
      try {
        const result = await importPlan(buffer, file);
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${summarisePlanImport(result)}\n`,
        );
      } catch (error) {
        if (error instanceof PlanImportFileError) {
          process.stderr.write(`Lỗi [${error.code}]: ${error.message}\n`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`Lỗi: không nhập được kế hoạch: ${message}\n`);
        }
        process.exitCode = 1;
      }
    });
}
