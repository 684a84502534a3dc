import type { FastifyBaseLogger } from "fastify";
import type { Bindings, ChildLoggerOptions } from "fastify/types/logger.js";

type LogMethod = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/**
 * A request's logger, made only when the request logs something. Fastify gives every request a
 * pino child bound to its request id; making one runs the log redaction (log-safety.ts) over the
 * bindings, a tenth of what a bare `GET /api/health` cost. Most requests never log (request
 * logging is off; errors are logged), so the child is made on the first call of a log method and
 * then used as it is: the same bindings, options and lines as before.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | null = null;
  #level: string | null;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {
    this.#level = options.level ?? null;
  }

  /** Whether the child has been made (tests). */
  get made() {
    return this.#child !== null;
  }

  #made(): FastifyBaseLogger {
    if (!this.#child) {
      this.#child = this.parent.child(this.bindings, this.options);
      if (this.#level !== null) this.#child.level = this.#level;
    }
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.#level ?? this.parent.level;
  }

  set level(level: string) {
    this.#level = level;
    if (this.#child) this.#child.level = level;
  }

  #call(method: LogMethod, args: unknown[]) {
    const child = this.#made();
    (child[method] as (...args: unknown[]) => void).apply(child, args);
  }

  fatal(...args: unknown[]) {
    this.#call("fatal", args);
  }
  error(...args: unknown[]) {
    this.#call("error", args);
  }
  warn(...args: unknown[]) {
    this.#call("warn", args);
  }
  info(...args: unknown[]) {
    this.#call("info", args);
  }
  debug(...args: unknown[]) {
    this.#call("debug", args);
  }
  trace(...args: unknown[]) {
    this.#call("trace", args);
  }
  silent(...args: unknown[]) {
    this.#call("silent", args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a request's logger made on its first line. */
export function lazyRequestLogger(
  this: unknown,
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyRequestLogger(parent, bindings, options);
}
