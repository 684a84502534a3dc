import { AppError } from "../server/errors.ts";

/** Runs a command body; an expected error prints its code and Vietnamese message, never a stack. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      for (const detail of error.details ?? []) {
        const where = [detail.row !== undefined ? `dòng ${detail.row}` : null, detail.path]
          .filter(Boolean)
          .join(", ");
        process.stderr.write(`  - ${where ? `${where}: ` : ""}${detail.message}\n`);
      }
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`INTERNAL_ERROR: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
