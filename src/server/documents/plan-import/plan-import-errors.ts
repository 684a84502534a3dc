/**
 * Typed errors of the plan importer's readers. The codes are stable; the messages are shown to
 * users. (They are not yet in the shared ERROR_CATALOGUE of src/server/errors.ts.)
 */
export const PLAN_IMPORT_ERRORS = {
  IMPORT_UNSUPPORTED_FILE: {
    status: 415,
    message:
      "Định dạng tệp “{filename}” không được hỗ trợ. Chỉ nhận tệp .docx, .pdf, .txt hoặc .md.",
  },
  IMPORT_UNREADABLE_FILE: {
    status: 422,
    message: "Không đọc được nội dung tệp “{filename}”: {reason}",
  },
} as const;

export type PlanImportErrorCode = keyof typeof PLAN_IMPORT_ERRORS;

export class PlanImportFileError extends Error {
  readonly code: PlanImportErrorCode;
  readonly status: number;

  constructor(code: PlanImportErrorCode, params: { filename: string; reason?: string }) {
    const template: string = PLAN_IMPORT_ERRORS[code].message;
    super(
      template
        .replace("{filename}", params.filename)
        .replace("{reason}", params.reason ?? "tệp bị hỏng hoặc không đúng định dạng."),
    );
    this.name = "PlanImportFileError";
    this.code = code;
    this.status = PLAN_IMPORT_ERRORS[code].status;
  }
}
