/**
 * What CCHC writes to its log never carries citizens' personal data (names, phone numbers, ID
 * numbers, addresses, e-mails) nor what was typed into a form: errors are logged by type, code
 * and stack frames; a database error by its SQLSTATE and constraint, never with its message,
 * detail, query text or parameters (they hold the row's values); request bodies, query strings
 * and personal-data fields are redacted wherever they appear.
 */

/** Field names that hold personal data or secrets, redacted at any of the first three levels. */
const PERSONAL_FIELDS = [
  "senderName",
  "senderPhone",
  "senderEmail",
  "senderAddress",
  "applicantName",
  "applicantPhone",
  "applicantAddress",
  "applicantIdNumber",
  "idNumber",
  "fullName",
  "name",
  "phone",
  "phoneLast4",
  "email",
  "address",
  "password",
  "currentPassword",
  "newPassword",
  "content",
  "answer",
  "note",
  "reason",
];

/** Whole parts of a request or an error that may carry any of it. */
const CARRIERS = ["body", "query", "params", "parameters", "detail", "where", "hint", "cookie"];

export const REDACTED = "[đã ẩn]";

export const logRedaction = {
  paths: [...PERSONAL_FIELDS, ...CARRIERS].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  censor: REDACTED,
};

/**
 * pino takes an error's message as the log line's message when a call gives none
 * (`log.error(err)`, `log.error({ err })`): such calls get a fixed message instead.
 */
export const logHooks = {
  logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
    const [first] = args;
    const carriesError =
      first instanceof Error || (typeof first === "object" && first !== null && "err" in first);
    if (carriesError && typeof args[1] !== "string") {
      return method.apply(this, [first, "error", ...args.slice(1)]);
    }
    return method.apply(this, args);
  },
};

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string | number;
  statusCode?: number;
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  cause?: LoggedError;
}

/** pino serializer for `err`. */
export function serializeError(error: unknown): LoggedError {
  return describe(error, 0);
}

function describe(error: unknown, depth: number): LoggedError {
  if (typeof error !== "object" || error === null) {
    return { type: typeof error, message: "", stack: "" };
  }
  const e = error as Record<string, unknown> & { constructor?: { name?: string } };
  const type = String(e.name ?? e.constructor?.name ?? "Error");
  const stack = typeof e.stack === "string" ? stackFrames(e.stack) : "";
  if (isDatabaseError(e)) {
    return {
      type,
      message: `database error ${String(e.code)}`,
      sqlState: String(e.code),
      ...pick(e, ["constraint", "table", "column", "routine"]),
      stack,
    };
  }
  const cause = e.cause !== undefined && depth < 3 ? describe(e.cause, depth + 1) : undefined;
  // A query wrapper (Drizzle's "Failed query: … params: …") says nothing its cause does not.
  const wrapsQuery = "query" in e || "params" in e || cause?.sqlState !== undefined;
  return {
    type,
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
    ...(typeof e.statusCode === "number" ? { statusCode: e.statusCode } : {}),
    message: wrapsQuery
      ? "database query failed"
      : scrubText(typeof e.message === "string" ? e.message : ""),
    stack,
    ...(cause ? { cause } : {}),
  };
}

/** PostgreSQL (node-postgres, PGlite) errors: a five-character SQLSTATE and a severity. */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return (
    typeof e.code === "string" &&
    /^[0-9A-Z]{5}$/.test(e.code) &&
    (typeof e.severity === "string" || typeof e.routine === "string")
  );
}

function pick(e: Record<string, unknown>, keys: string[]) {
  const out: Record<string, string> = {};
  for (const key of keys) if (typeof e[key] === "string") out[key] = e[key];
  return out;
}

/** The stack's frames only: its first line repeats the message. */
function stackFrames(stack: string): string {
  return stack
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 15)
    .join("\n");
}

/**
 * A message with what may be typed data taken out: quoted text, e-mail addresses and runs of
 * digits (phone and ID numbers); cut to 300 characters.
 */
export function scrubText(message: string): string {
  return message
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|«[^»\n]*»/g, "«…»")
    .replace(/[^\s@]+@[^\s@]+/g, "«e-mail»")
    .replace(/\+?\d[\d .-]{2,}\d/g, "«số»")
    .slice(0, 300);
}

/** pino serializer for `req`: method and path, never the query string. */
export function serializeRequest(request: {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}) {
  return {
    method: request.method,
    url: (request.url ?? "").split("?")[0],
    ...(request.routeOptions?.url ? { route: request.routeOptions.url } : {}),
  };
}
