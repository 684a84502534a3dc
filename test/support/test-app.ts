import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../src/server/app.ts";
import { DEMO_PASSWORD } from "../../src/server/demo/demo-data.ts";
import { loadDemo } from "../../src/server/demo/load-demo.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny HTTP client over real sockets that keeps the session cookie and the CSRF token. */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: BodyInit;
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.json !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && options.csrf !== false && this.csrfToken)
      headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0]!;
      this.cookie = pair.endsWith("=") ? null : pair;
    }
    const text = await response.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, json?: unknown) {
    return this.request<T>("POST", path, { json: json ?? {} });
  }
  patch<T = any>(path: string, json: unknown) {
    return this.request<T>("PATCH", path, { json });
  }

  async signIn(username: string, password = DEMO_PASSWORD) {
    const response = await this.post("/api/auth/sign-in", { username, password });
    if (response.status !== 200) {
      throw new Error(
        `sign-in as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    this.csrfToken = response.body.data.csrfToken;
    return response;
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  url: string;
  dataDir: string;
  client(): ApiClient;
  signedIn(username: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/** The real HTTP app on a real database, listening on a loopback port. */
export async function startTestApp(
  options: {
    demo?: boolean;
    demoPlans?: boolean;
    publicUrl?: string | null;
    federation?: AppOptions["federation"];
    jobs?: AppOptions["jobs"];
    backups?: AppOptions["backups"];
    sessionCache?: AppOptions["sessionCache"];
    registerTotalCache?: AppOptions["registerTotalCache"];
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  // Integration tests build their own plans; the demo plans are loaded only when asked for.
  if (options.demo !== false) await loadDemo(db.database.db, { plans: options.demoPlans ?? false });
  const dataDir = mkdtempSync(join(tmpdir(), "cchc-test-data-"));
  const app = await buildApp({
    database: db.database,
    logLevel: "silent",
    webDir: null,
    dataDir,
    publicUrl: options.publicUrl ?? null,
    ...(options.federation ? { federation: options.federation } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.backups ? { backups: options.backups } : {}),
    ...(options.sessionCache ? { sessionCache: options.sessionCache } : {}),
    ...(options.registerTotalCache ? { registerTotalCache: options.registerTotalCache } : {}),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    app,
    db,
    url,
    dataDir,
    client: () => new ApiClient(url),
    async signedIn(username, password) {
      const client = new ApiClient(url);
      await client.signIn(username, password);
      return client;
    },
    async close() {
      await app.close();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
