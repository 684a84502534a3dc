interface CodedError {
  code: string;
  message: string;
  details?: { row?: number; path?: string; message: string }[];
}

/** Any error carrying a stable code (AppError, CalendarError, import errors). */
function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string" &&
    /^[A-Z][A-Z0-9_]+$/.test((error as unknown as { code: string }).code)
  );
}

/** Runs a command body; an expected error prints its code and Vietnamese message, never a stack. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isCodedError(error)) {
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
