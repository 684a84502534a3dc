import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";

/** Headers every answer has anyway; only helmet's own are kept. */
const NOT_HELMETS = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);

/**
 * Helmet's security headers (CSP, frame, referrer, HSTS, …) on every answer, computed once.
 * @fastify/helmet builds helmet's middleware again on every request (parsing the CSP directives
 * each time: a third of what a bare `GET /api/health` cost); these headers never vary per request
 * here (no CSP nonces, no per-route options), so helmet answers one request at start on a throwaway
 * instance and its headers are set from that copy. They are returned for the answers given
 * before Fastify's routing (health-fast-path.ts).
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<Readonly<Record<string, string>>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get("/", async () => "");
  const answer = await probe.inject({ method: "GET", url: "/" });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!NOT_HELMETS.has(name) && value !== undefined) headers[name] = String(value);
  }
  if (!headers["content-security-policy"]) throw new Error("helmet set no security headers");
  app.addHook("onRequest", (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  return headers;
}
