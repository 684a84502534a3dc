import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseReachability, PROBE_FRESH_MS } from "../db/reachability.ts";
import { HealthFastPath, healthBody } from "./health-fast-path.ts";

const SECURITY = {
  "x-frame-options": "SAMEORIGIN",
  "content-security-policy": "default-src 'self'",
};

describe("health answered before routing", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.close();
    server = null;
  });

  /** A server whose "Fastify" answers 299 with `routed`, the fast path in front of it. */
  async function serve(fastPath: HealthFastPath) {
    server = createServer((request, response) => {
      if (fastPath.answer(request, response)) return;
      response.writeHead(299, { "content-type": "text/plain" });
      response.end("routed");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as { port: number };
    return (path: string, method = "GET") => fetch(`http://127.0.0.1:${port}${path}`, { method });
  }

  function setUp(probe: () => Promise<unknown>) {
    let now = 1_000_000;
    const reachability = new DatabaseReachability(probe, () => now);
    const fastPath = new HealthFastPath("pglite", reachability);
    fastPath.open(SECURITY);
    return { reachability, fastPath, advance: (ms: number) => (now += ms) };
  }

  it("answers with the route's body and the security headers while the database answered under a second ago", async () => {
    const { reachability, fastPath, advance } = setUp(async () => 1);
    const get = await serve(fastPath);
    expect((await get("/api/health")).status).toBe(299); // no probe yet: the route asks
    await reachability.current();
    const answer = await get("/api/health");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(healthBody("pglite"));
    expect(healthBody("pglite")).toBe('{"data":{"status":"ok","database":"pglite"}}');
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'self'");

    advance(PROBE_FRESH_MS);
    expect((await get("/api/health")).status).toBe(299); // stale: the route starts the next probe
  });

  it("leaves an unreachable database to the route (its 503)", async () => {
    const { reachability, fastPath } = setUp(() => Promise.reject(new Error("down")));
    const get = await serve(fastPath);
    expect((await reachability.current()).reachable).toBe(false);
    expect((await get("/api/health")).status).toBe(299);
  });

  it("leaves other methods, query strings, other paths and a closing server to the route", async () => {
    const { reachability, fastPath } = setUp(async () => 1);
    const get = await serve(fastPath);
    await reachability.current();
    expect((await get("/api/health")).status).toBe(200);
    expect((await get("/api/health?x=1")).status).toBe(299);
    expect((await get("/api/health", "HEAD")).status).toBe(299);
    expect((await get("/api/healthz")).status).toBe(299);
    fastPath.close();
    expect((await get("/api/health")).status).toBe(299);
  });
});
