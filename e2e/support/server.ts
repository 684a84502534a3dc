import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Executor } from "../../src/server/db/database.ts";
import { openDatabase } from "../../src/server/runtime.ts";
import { REPO_ROOT, startServerProcess } from "../../test/support/cli-process.ts";

/** Builds what a test needs in the data folder before the server opens it (factories). */
export type PrepareData<W> = (db: Executor) => Promise<W>;

/**
 * Starts the real app (`cchc serve`) on a random port with a fresh embedded database, building
 * the web app first when it is stale. With `prepare`, the data folder is first filled by the
 * test's own factories (`test/support/factories.ts`) and the server starts without the demo;
 * without it, the server loads the demo data as `npm start` does. It runs as a developer's
 * machine (`CCHC_ENV=development`), so the demo accounts sign in with the demo password as they
 * are; `environment: "production"` starts it as a real installation, where each demo account
 * must change that password first.
 */
export async function startTestServer<W = undefined>(
  options: {
    environment?: "development" | "production";
    /** More environment variables (e.g. CCHC_FEDERATION_SECRET). */
    env?: Record<string, string>;
    prepare?: PrepareData<W>;
  } = {},
): Promise<{ url: string; world: W; stop(): Promise<void> }> {
  execFileSync(process.execPath, ["scripts/build-web-if-stale.mjs"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  const dataDir = mkdtempSync(join(tmpdir(), "cchc-e2e-"));
  let world = undefined as W;
  if (options.prepare) {
    const opened = await openDatabase({ dataDir, databaseUrl: null });
    try {
      world = await options.prepare(opened.database.db);
    } finally {
      await opened.close();
    }
  }
  const server = await startServerProcess({
    CCHC_DATA_DIR: dataDir,
    DATABASE_URL: "",
    CCHC_ENV: options.environment ?? "development",
    ...(options.prepare ? { CCHC_DEMO: "false" } : {}),
    ...options.env,
  });
  return {
    url: server.url,
    world,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
