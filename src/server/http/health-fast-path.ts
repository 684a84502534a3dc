import type { IncomingMessage, ServerResponse } from "node:http";
import type { DatabaseKind } from "../db/database.ts";
import type { DatabaseReachability } from "../db/reachability.ts";

export const HEALTH_URL = "/api/health";

/** The 200 body of `GET /api/health` (its route documents it: routes/health.routes.ts). */
export function healthBody(kind: DatabaseKind) {
  return JSON.stringify({ data: { status: "ok", database: kind } });
}

/**
 * `GET /api/health` answered before Fastify's routing when the answer is already known: the
 * database answered its last probe (db/reachability.ts) under a second ago. The answer is the
 * route's own, byte for byte: the same body, the same `content-type`, the security headers every
 * answer carries (security-headers.ts). Everything else goes on to Fastify as before: a stale or
 * missing probe (the route starts the next probe and waits for it if it must), an unreachable
 * database (the route's 503 `DATABASE_UNAVAILABLE`), another method, a query string, and every
 * request once the server is closing. A monitor's health check then costs what a bare node:http
 * answer costs, not a pass through the hooks of every plugin.
 */
export class HealthFastPath {
  #headers: Record<string, string | number> | null = null;
  #body: string;
  #closing = false;

  constructor(
    kind: DatabaseKind,
    private readonly reachability: DatabaseReachability,
  ) {
    this.#body = healthBody(kind);
  }

  /** Starts answering, with these security headers. */
  open(securityHeaders: Readonly<Record<string, string>>) {
    this.#headers = {
      ...securityHeaders,
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(this.#body),
    };
  }

  /** Stops answering (the server is closing: Fastify refuses new requests its own way). */
  close() {
    this.#closing = true;
  }

  /** Answers the request and says so, or leaves it untouched for Fastify. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.url !== HEALTH_URL || request.method !== "GET") return false;
    if (this.#closing || this.#headers === null) return false;
    if (this.reachability.fresh()?.reachable !== true) return false;
    response.writeHead(200, this.#headers);
    response.end(this.#body);
    return true;
  }
}
