/** Where in the input a rule failed, for forms and import reports (path or row, and why). */
export interface RuleErrorDetail {
  path?: string;
  row?: number;
  message: string;
}

/**
 * A broken rule of the domain core: a stable English `code` (an API error code where the server
 * maps it), a Vietnamese `message` for the user, and optionally where the input failed. Every
 * capability's rule error extends it, so the server maps them to HTTP in one place
 * (`appErrorOfRule` in src/server/errors.ts).
 */
export abstract class RuleError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: readonly RuleErrorDetail[] | undefined;

  constructor(code: Code, message: string, details?: readonly RuleErrorDetail[]) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
