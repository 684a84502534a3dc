/**
 * Errors that mean "the database server cannot be reached right now" (PostgreSQL restarting,
 * a failover, the network gone) rather than "this query is wrong". The request failed before
 * anything was committed: PostgreSQL rolls back a transaction whose connection died.
 */

/** Node's socket errors when the server is down or the connection was cut. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server going away or not accepting connections yet: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * in recovery), 25006 read_only_sql_transaction (a write reached a standby not yet promoted).
 */
const SQLSTATES = /^(08...|57P0[123]|25006)$/;

/** Messages node-postgres raises itself (no code) when a connection ends or cannot be made. */
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/** True when the error (or one it wraps, e.g. Drizzle's DrizzleQueryError) is an outage. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (SOCKET_CODES.has(code) || SQLSTATES.test(code))) return true;
    if (typeof message === "string" && DRIVER_MESSAGES.test(message)) return true;
    // AggregateError (a host name resolving to both ::1 and 127.0.0.1, both refused).
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
