/**
 * `GET /api/health` answered before Fastify's routing (src/server/http/health-fast-path.ts) is the
 * route's own answer: the same status, body and headers as the same request through the route
 * (a query string sends it there), and the body the route's documented schema describes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("health before routing", () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ demo: false });
  }, 120_000);
  afterAll(() => testApp?.close());

  const headersOf = (response: Response) =>
    Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));

  it("answers exactly what the route answers", async () => {
    // The first request probes the database through the route; the next ones, within the
    // second, are answered before routing.
    const routed = await fetch(`${testApp.url}/api/health?via=route`);
    const fast = await fetch(`${testApp.url}/api/health`);
    expect(fast.status).toBe(200);
    expect(routed.status).toBe(200);
    const body = await fast.text();
    expect(body).toBe(await routed.text());
    const kind = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";
    expect(JSON.parse(body)).toEqual({ data: { status: "ok", database: kind } });
    expect(headersOf(fast)).toEqual(headersOf(routed));
    expect(fast.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(fast.headers.get("x-frame-options")).toBe("SAMEORIGIN");

    // Another route's answer carries the same security headers.
    const other = await fetch(`${testApp.url}/api/auth/me`);
    expect(other.status).toBe(401);
    for (const name of Object.keys(headersOf(fast))) {
      if (["content-length"].includes(name)) continue;
      expect(other.headers.get(name), name).toBe(fast.headers.get(name));
    }
  });

  it("documents the body it sends", async () => {
    const description = await (await fetch(`${testApp.url}/api/docs/json`)).json();
    const schema =
      description.paths["/api/health"].get.responses["200"].content["application/json"].schema;
    expect(schema.properties.data.properties.status).toMatchObject({ enum: ["ok"] });
    expect(schema.properties.data.properties.database.enum).toEqual(["pglite", "postgresql"]);
  });
});
